"""Each evidence key answers yes, partly or no from the district's own records, with a
line of figures and a link to the staff page that shows them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from activity.models import ComplaintStatus, PublishedReport
from activity.services.reports import report_publish, report_unpublish
from agreements.models import MOUReview, ReviewDecision, ReviewStatus
from evaluations.services.signatures import evaluation_submit
from flags.models import RemovalStatus
from hiring.models import HiringGuideline, SelectionRecord, SelectionStatus
from roster.models import Assignment
from selfassessment.evidence.context import EvidenceContext
from selfassessment.evidence.registry import EVIDENCE
from surveys.models import SurveyRelease
from tests.factories.activity import ComplaintFactory
from tests.factories.agreements import MOUVersionFactory, worded_version
from tests.factories.evaluations import rated, started_evaluation
from tests.factories.flags import RemovalRequestFactory
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    MOUFactory,
    OfficerFactory,
)
from tests.factories.surveys import close_campaign, make_campaign
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 12, 1)


def _finding(home, key: str, *, on: datetime.date = ON, period=None):
    return EVIDENCE[key](EvidenceContext(period=period or home.period, on=on))


def _second_officer(home, **names):
    officer = OfficerFactory(agency=home.agency, **names)
    AssignmentFactory(officer=officer, school=home.school)
    return officer


# MOUs (the program record)


def test_an_mou_with_no_version_in_force_is_only_partly_there(home) -> None:
    finding = _finding(home, "mou_in_force_with_clauses")

    assert finding.answer == "partly"
    assert "1 MOU(s) in force; 0 word every required clause" in finding.text
    assert finding.url == f"/setup/mous/{home.mou.pk}/"


def test_an_mou_wording_every_clause_answers_yes(home) -> None:
    worded_version(mou=home.mou)

    finding = _finding(home, "mou_in_force_with_clauses")

    assert (finding.answer, finding.text) == (
        "yes",
        "1 MOU(s) in force; 1 word every required clause.",
    )


def test_an_agency_without_an_mou_keeps_the_answer_at_partly(home) -> None:
    worded_version(mou=home.mou)
    AgencyFactory(code="CSO", name="County Sheriff").districts.add(home.district)

    finding = _finding(home, "mou_in_force_with_clauses")

    assert finding.answer == "partly"
    assert "no MOU with County Sheriff" in finding.text


def test_no_mou_in_force_answers_no(home) -> None:
    home.mou.end_date = datetime.date(2026, 6, 30)
    home.mou.save()

    finding = _finding(home, "mou_in_force_with_clauses")

    assert (finding.answer, finding.text, finding.url) == (
        "no",
        "No MOU is in force.",
        "/setup/mous/",
    )


def test_the_discipline_bar_is_read_from_the_version_in_force(home) -> None:
    assert _finding(home, "mou_bars_ordinary_discipline").answer == "no"
    other = MOUFactory(district=home.district, agency=AgencyFactory(code="CSO"))
    MOUVersionFactory(mou=home.mou, bars_ordinary_discipline=True)
    assert _finding(home, "mou_bars_ordinary_discipline").answer == "partly"
    MOUVersionFactory(mou=other, bars_ordinary_discipline=True)
    assert _finding(home, "mou_bars_ordinary_discipline").answer == "yes"


def _closed_review(mou, *, window: bool, comments: int = 0) -> MOUReview:
    return MOUReview.objects.create(
        mou=mou,
        due_date=datetime.date(2026, 5, 1),
        status=ReviewStatus.CLOSED,
        decision=ReviewDecision.RENEWED,
        closed_on=datetime.date(2026, 5, 20),
        comments_open_on=datetime.date(2026, 4, 1) if window else None,
        comments_close_on=datetime.date(2026, 4, 30) if window else None,
        comment_count=comments,
    )


def test_an_mou_never_reviewed_answers_no(home) -> None:
    assert _finding(home, "mou_reviewed_with_community").answer == "no"


def test_a_review_without_a_comment_window_is_partly_and_with_one_is_yes(home) -> None:
    _closed_review(home.mou, window=False)
    assert _finding(home, "mou_reviewed_with_community").answer == "partly"

    review = _closed_review(home.mou, window=True, comments=12)
    review.closed_on = datetime.date(2026, 6, 1)
    review.save()
    finding = _finding(home, "mou_reviewed_with_community")

    assert finding.answer == "yes"
    assert finding.text == (
        "1 of 1 MOU(s) reviewed within their cycle, 1 with a public comment window (12 comment(s))."
    )


def test_a_review_now_overdue_no_longer_counts(home) -> None:
    _closed_review(home.mou, window=True, comments=3)
    home.mou.next_review_date = datetime.date(2026, 9, 1)
    home.mou.save()

    finding = _finding(home, "mou_reviewed_with_community")

    assert (finding.answer, finding.text) == (
        "no",
        "0 of 1 MOU(s) reviewed within their cycle, 0 with a public comment window"
        " (0 comment(s)); 1 review(s) overdue.",
    )


# Hiring


def test_hiring_guidelines_published_answer_yes_and_drafts_do_not(home) -> None:
    HiringGuideline.objects.create(district=home.district, version=1, title="Draft")
    assert _finding(home, "hiring_guidelines").answer == "no"

    HiringGuideline.objects.create(
        district=home.district,
        version=2,
        title="SRO hiring",
        published_on=datetime.date(2026, 3, 2),
    )
    finding = _finding(home, "hiring_guidelines")

    assert (finding.answer, finding.text) == (
        "yes",
        "Hiring guidelines version 2 published on 2026-03-02.",
    )


def test_selection_records_count_the_serving_officers_chosen_through_one(home) -> None:
    assert _finding(home, "selection_records").answer == "no"
    guideline = HiringGuideline.objects.create(
        district=home.district,
        version=1,
        title="SRO hiring",
        published_on=datetime.date(2024, 1, 1),
    )
    second = _second_officer(home, first_name="Tomas", last_name="Reyes")

    def record_for(officer):
        SelectionRecord.objects.create(
            district=home.district,
            school=home.school,
            agency=home.agency,
            candidate=officer,
            guideline=guideline,
            status=SelectionStatus.DECIDED,
            decision="selected",
            decided_on=datetime.date(2024, 7, 1),
            assignment=Assignment.objects.get(officer=officer),
        )

    record_for(home.officer)
    assert _finding(home, "selection_records").answer == "partly"
    record_for(second)
    finding = _finding(home, "selection_records")

    assert finding.answer == "yes"
    assert finding.text.startswith("2 of 2 serving officer(s) chosen through a recorded selection")


# Training


def test_training_compliance_is_the_share_of_serving_officers_meeting_every_requirement(
    home,
) -> None:
    course = CourseFactory(code="DEESC", hours=Decimal("8"))
    RequirementFactory(mou=home.mou, course=course)
    second = _second_officer(home, first_name="Tomas", last_name="Reyes")
    assert _finding(home, "training_compliance").answer == "no"

    RecordFactory(officer=home.officer, course=course, completed_on=datetime.date(2026, 9, 1))
    finding = _finding(home, "training_compliance")
    assert (finding.answer, finding.url) == ("partly", "/training/")
    assert finding.text == (
        "1 of 2 serving officer(s) meet every training requirement on 2026-12-01 (50%)."
    )

    RecordFactory(officer=second, course=course, completed_on=datetime.date(2026, 9, 1))
    assert _finding(home, "training_compliance").answer == "yes"


def test_no_serving_officer_answers_no_for_training_and_evaluations(home) -> None:
    Assignment.objects.update(end_date=datetime.date(2026, 6, 30))

    assert _finding(home, "training_compliance").answer == "no"
    assert _finding(home, "evaluations_completed").answer == "no"


# Evaluations


def test_evaluations_count_signed_ones_from_the_districts_schools(home) -> None:
    second = _second_officer(home, first_name="Tomas", last_name="Reyes")
    draft = started_evaluation(
        officer=second, school=home.school, period=home.period, principal=home.principal
    )
    rated(draft, home.principal)
    assert _finding(home, "evaluations_completed").answer == "no"

    evaluation = started_evaluation(
        officer=home.officer, school=home.school, period=home.period, principal=home.principal
    )
    evaluation_submit(evaluation=rated(evaluation, home.principal), actor=home.principal)
    finding = _finding(home, "evaluations_completed")

    assert (finding.answer, finding.url) == ("partly", "/evaluations/")
    assert finding.text == ("1 of 2 serving officer(s) have a signed evaluation for 2026-27 (50%).")
    evaluation_submit(evaluation=rated(draft, home.principal), actor=home.principal)
    assert _finding(home, "evaluations_completed").answer == "yes"


# Surveys


def _released(campaign) -> None:
    close_campaign(campaign)
    SurveyRelease.objects.create(campaign=campaign, k=5, comment_min=8)


def test_surveys_cover_the_groups_of_the_years_released_campaigns(home) -> None:
    assert _finding(home, "survey_groups_covered").answer == "no"
    students = make_campaign(
        period=home.period, schools=[home.school], officers=[home.officer], groups=["student"]
    )
    make_campaign(
        period=home.period, schools=[home.school], officers=[home.officer], groups=["family"]
    )
    _released(students)

    finding = _finding(home, "survey_groups_covered")
    assert (finding.answer, finding.url) == ("partly", "/surveys/")
    assert finding.text == (
        "1 of 4 respondent groups have released results for 2026-27;"
        " none yet for families, school staff, peer officers."
    )

    everyone = make_campaign(period=home.period, schools=[home.school], officers=[home.officer])
    _released(everyone)
    assert _finding(home, "survey_groups_covered").answer == "yes"


def test_another_years_campaign_does_not_count(home) -> None:
    _released(
        make_campaign(
            period=home.prior,
            schools=[home.school],
            officers=[home.officer],
            opens_on=datetime.date(2026, 3, 1),
            closes_on=datetime.date(2026, 3, 20),
            with_notice=False,
        )
    )

    assert _finding(home, "survey_groups_covered").answer == "no"


# The public report


def test_the_public_report_answers_from_this_year_or_the_last_one(home) -> None:
    assert _finding(home, "public_report_published").text == (
        "No public report is published for 2026-27 or 2025-26."
    )

    report_publish(district=home.district, period=home.prior, actor=home.coordinator)
    finding = _finding(home, "public_report_published")

    assert (finding.answer, finding.url) == ("yes", "/activity/reports/")
    assert finding.text.startswith("The 2025-26 public report is published (release 1, made ")


def test_a_report_taken_down_is_partly(home) -> None:
    report_publish(district=home.district, period=home.prior, actor=home.coordinator)
    report_unpublish(report=PublishedReport.objects.get(period=home.prior), actor=home.coordinator)

    finding = _finding(home, "public_report_published")

    assert (finding.answer, finding.text) == (
        "partly",
        "The 2025-26 public report was released but has been taken down.",
    )


# Complaints


def test_complaints_answer_by_how_many_reached_an_outcome(home) -> None:
    assert _finding(home, "complaints_investigated").text == (
        "No complaint received in 2026-27 waits for an outcome."
    )
    ComplaintFactory(school=home.school, status=ComplaintStatus.INVESTIGATING)
    ComplaintFactory(school=home.school, status=ComplaintStatus.WITHDRAWN)
    # Last year's complaint is last year's.
    ComplaintFactory(
        school=home.school, received_date=datetime.date(2026, 2, 1), status=ComplaintStatus.RECEIVED
    )
    assert _finding(home, "complaints_investigated").answer == "no"

    ComplaintFactory(
        school=home.school,
        status=ComplaintStatus.SUSTAINED,
        investigation_started_on=datetime.date(2026, 10, 6),
        closed_on=datetime.date(2026, 11, 2),
        findings="The officer was counselled.",
    )
    finding = _finding(home, "complaints_investigated")

    assert (finding.answer, finding.url) == ("partly", "/activity/complaints/")
    assert finding.text == (
        "1 of 2 complaint(s) received in 2026-27 have an investigation outcome; 1 still open."
    )


# Removal requests


def _removal(
    home, *, decided_days: int | None, status: str = RemovalStatus.DENIED, days_ago: int = 40
):
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    officer = _second_officer(home)
    return RemovalRequestFactory(
        officer=officer,
        filed_by=home.principal,
        submitted_at=submitted,
        status=status,
        decided_at=submitted + datetime.timedelta(days=decided_days) if decided_days else None,
        decided_by=home.supervisor if decided_days else None,
        decision_reasons="Reviewed with the principal." if decided_days else "",
    )


def test_removal_requests_answered_within_the_window_answer_yes(home) -> None:
    today = timezone.localdate()
    _removal(home, decided_days=10)
    # Still inside its window: not late yet, so it counts neither way.
    _removal(home, decided_days=None, status=RemovalStatus.SUBMITTED, days_ago=3)

    finding = _finding(home, "removal_requests_answered_in_window", on=today)

    assert (finding.answer, finding.url) == ("yes", "/removals/")
    assert finding.text == (
        "1 of 1 removal request(s) answered within the MOU's window; 0 overdue and waiting."
    )


def test_a_late_answer_or_an_overdue_request_lowers_the_answer(home) -> None:
    today = timezone.localdate()
    _removal(home, decided_days=45, days_ago=60)
    assert _finding(home, "removal_requests_answered_in_window", on=today).answer == "no"

    _removal(home, decided_days=5)
    _removal(home, decided_days=None, status=RemovalStatus.UNDER_REVIEW, days_ago=45)
    finding = _finding(home, "removal_requests_answered_in_window", on=today)

    assert finding.answer == "partly"
    assert finding.text == (
        "1 of 3 removal request(s) answered within the MOU's window; 1 overdue and waiting."
    )
