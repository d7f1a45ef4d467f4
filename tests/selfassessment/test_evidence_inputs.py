"""Evidence from the inputs and flags: training, evaluations, surveys, the public report,
complaints and removal requests. Each key answers yes, partly or no with its figures and link."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from activity.models import ComplaintStatus, PublishedReport
from activity.services.reports import report_publish, report_unpublish
from evaluations.services.signatures import evaluation_submit
from flags.models import RemovalStatus
from roster.models import Assignment
from surveys.models import SurveyRelease
from tests.factories.activity import ComplaintFactory
from tests.factories.evaluations import rated, started_evaluation
from tests.factories.flags import RemovalRequestFactory
from tests.factories.surveys import close_campaign, make_campaign
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from tests.selfassessment.evidence_helpers import evidence_for, second_officer

pytestmark = pytest.mark.django_db


# Training


def test_training_compliance_is_the_share_of_serving_officers_meeting_every_requirement(
    home,
) -> None:
    course = CourseFactory(code="DEESC", hours=Decimal("8"))
    RequirementFactory(mou=home.mou, course=course)
    second = second_officer(home, first_name="Tomas", last_name="Reyes")
    assert evidence_for(home, "training_compliance").answer == "no"

    RecordFactory(officer=home.officer, course=course, completed_on=datetime.date(2026, 9, 1))
    finding = evidence_for(home, "training_compliance")
    assert (finding.answer, finding.url) == ("partly", "/training/")
    assert finding.text == (
        "1 of 2 serving officer(s) meet every training requirement on 2026-12-01 (50%)."
    )

    RecordFactory(officer=second, course=course, completed_on=datetime.date(2026, 9, 1))
    assert evidence_for(home, "training_compliance").answer == "yes"


def test_no_serving_officer_answers_no_for_training_and_evaluations(home) -> None:
    Assignment.objects.update(end_date=datetime.date(2026, 6, 30))

    assert evidence_for(home, "training_compliance").answer == "no"
    assert evidence_for(home, "evaluations_completed").answer == "no"


# Evaluations


def test_evaluations_count_signed_ones_from_the_districts_schools(home) -> None:
    second = second_officer(home, first_name="Tomas", last_name="Reyes")
    draft = started_evaluation(
        officer=second, school=home.school, period=home.period, principal=home.principal
    )
    rated(draft, home.principal)
    assert evidence_for(home, "evaluations_completed").answer == "no"

    evaluation = started_evaluation(
        officer=home.officer, school=home.school, period=home.period, principal=home.principal
    )
    evaluation_submit(evaluation=rated(evaluation, home.principal), actor=home.principal)
    finding = evidence_for(home, "evaluations_completed")

    assert (finding.answer, finding.url) == ("partly", "/evaluations/")
    assert finding.text == ("1 of 2 serving officer(s) have a signed evaluation for 2026-27 (50%).")
    evaluation_submit(evaluation=rated(draft, home.principal), actor=home.principal)
    assert evidence_for(home, "evaluations_completed").answer == "yes"


# Surveys


def _released(campaign) -> None:
    close_campaign(campaign)
    SurveyRelease.objects.create(campaign=campaign, k=5, comment_min=8)


def test_surveys_cover_the_groups_of_the_years_released_campaigns(home) -> None:
    assert evidence_for(home, "survey_groups_covered").answer == "no"
    students = make_campaign(
        period=home.period, schools=[home.school], officers=[home.officer], groups=["student"]
    )
    make_campaign(
        period=home.period, schools=[home.school], officers=[home.officer], groups=["family"]
    )
    _released(students)

    finding = evidence_for(home, "survey_groups_covered")
    assert (finding.answer, finding.url) == ("partly", "/surveys/")
    assert finding.text == (
        "1 of 4 respondent groups have released results for 2026-27;"
        " none yet for families, school staff, peer officers."
    )

    everyone = make_campaign(period=home.period, schools=[home.school], officers=[home.officer])
    _released(everyone)
    assert evidence_for(home, "survey_groups_covered").answer == "yes"


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

    assert evidence_for(home, "survey_groups_covered").answer == "no"


# The public report


def test_the_public_report_answers_from_this_year_or_the_last_one(home) -> None:
    assert evidence_for(home, "public_report_published").text == (
        "No public report is published for 2026-27 or 2025-26."
    )

    report_publish(district=home.district, period=home.prior, actor=home.coordinator)
    finding = evidence_for(home, "public_report_published")

    assert (finding.answer, finding.url) == ("yes", "/activity/reports/")
    assert finding.text.startswith("The 2025-26 public report is published (release 1, made ")


def test_a_report_taken_down_is_partly(home) -> None:
    report_publish(district=home.district, period=home.prior, actor=home.coordinator)
    report_unpublish(report=PublishedReport.objects.get(period=home.prior), actor=home.coordinator)

    finding = evidence_for(home, "public_report_published")

    assert (finding.answer, finding.text) == (
        "partly",
        "The 2025-26 public report was released but has been taken down.",
    )


# Complaints


def test_complaints_answer_by_how_many_reached_an_outcome(home) -> None:
    assert evidence_for(home, "complaints_investigated").text == (
        "No complaint received in 2026-27 waits for an outcome."
    )
    ComplaintFactory(school=home.school, status=ComplaintStatus.INVESTIGATING)
    ComplaintFactory(school=home.school, status=ComplaintStatus.WITHDRAWN)
    # Last year's complaint is last year's.
    ComplaintFactory(
        school=home.school, received_date=datetime.date(2026, 2, 1), status=ComplaintStatus.RECEIVED
    )
    assert evidence_for(home, "complaints_investigated").answer == "no"

    ComplaintFactory(
        school=home.school,
        status=ComplaintStatus.SUSTAINED,
        investigation_started_on=datetime.date(2026, 10, 6),
        closed_on=datetime.date(2026, 11, 2),
        findings="The officer was counselled.",
    )
    finding = evidence_for(home, "complaints_investigated")

    assert (finding.answer, finding.url) == ("partly", "/activity/complaints/")
    assert finding.text == (
        "1 of 2 complaint(s) received in 2026-27 have an investigation outcome; 1 still open."
    )


# Removal requests


def _removal(
    home, *, decided_days: int | None, status: str = RemovalStatus.DENIED, days_ago: int = 40
):
    submitted = timezone.now() - datetime.timedelta(days=days_ago)
    officer = second_officer(home)
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

    finding = evidence_for(home, "removal_requests_answered_in_window", on=today)

    assert (finding.answer, finding.url) == ("yes", "/removals/")
    assert finding.text == (
        "1 of 1 removal request(s) answered within the MOU's window; 0 overdue and waiting."
    )


def test_a_late_answer_or_an_overdue_request_lowers_the_answer(home) -> None:
    today = timezone.localdate()
    _removal(home, decided_days=45, days_ago=60)
    assert evidence_for(home, "removal_requests_answered_in_window", on=today).answer == "no"

    _removal(home, decided_days=5)
    _removal(home, decided_days=None, status=RemovalStatus.UNDER_REVIEW, days_ago=45)
    finding = evidence_for(home, "removal_requests_answered_in_window", on=today)

    assert finding.answer == "partly"
    assert finding.text == (
        "1 of 3 removal request(s) answered within the MOU's window; 1 overdue and waiting."
    )
