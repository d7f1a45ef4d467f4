"""Evidence from the program record: MOUs and hiring. Each key answers yes, partly or no
from the district's own records, with a line of figures and a link to the page showing them."""

from __future__ import annotations

import datetime

import pytest

from agreements.models import MOUReview, ReviewDecision, ReviewStatus
from hiring.models import HiringGuideline, SelectionRecord, SelectionStatus
from roster.models import Assignment
from tests.factories.agreements import MOUVersionFactory, worded_version
from tests.factories.roster import (
    AgencyFactory,
    MOUFactory,
)
from tests.selfassessment.evidence_helpers import evidence_for, second_officer

pytestmark = pytest.mark.django_db


# MOUs (the program record)


def test_an_mou_with_no_version_in_force_is_only_partly_there(home) -> None:
    finding = evidence_for(home, "mou_in_force_with_clauses")

    assert finding.answer == "partly"
    assert "1 MOU(s) in force; 0 word every required clause" in finding.text
    assert finding.url == f"/agreements/mous/{home.mou.pk}/"


def test_an_mou_wording_every_clause_answers_yes(home) -> None:
    worded_version(mou=home.mou)

    finding = evidence_for(home, "mou_in_force_with_clauses")

    assert (finding.answer, finding.text) == (
        "yes",
        "1 MOU(s) in force; 1 word every required clause.",
    )


def test_an_agency_without_an_mou_keeps_the_answer_at_partly(home) -> None:
    worded_version(mou=home.mou)
    AgencyFactory(code="CSO", name="County Sheriff").districts.add(home.district)

    finding = evidence_for(home, "mou_in_force_with_clauses")

    assert finding.answer == "partly"
    assert "no MOU with County Sheriff" in finding.text


def test_no_mou_in_force_answers_no(home) -> None:
    home.mou.end_date = datetime.date(2026, 6, 30)
    home.mou.save()

    finding = evidence_for(home, "mou_in_force_with_clauses")

    assert (finding.answer, finding.text, finding.url) == (
        "no",
        "No MOU is in force.",
        "/setup/mous/",
    )


def test_the_discipline_bar_is_read_from_the_version_in_force(home) -> None:
    assert evidence_for(home, "mou_bars_ordinary_discipline").answer == "no"
    other = MOUFactory(district=home.district, agency=AgencyFactory(code="CSO"))
    MOUVersionFactory(mou=home.mou, bars_ordinary_discipline=True)
    assert evidence_for(home, "mou_bars_ordinary_discipline").answer == "partly"
    MOUVersionFactory(mou=other, bars_ordinary_discipline=True)
    assert evidence_for(home, "mou_bars_ordinary_discipline").answer == "yes"


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
    assert evidence_for(home, "mou_reviewed_with_community").answer == "no"


def test_a_review_without_a_comment_window_is_partly_and_with_one_is_yes(home) -> None:
    _closed_review(home.mou, window=False)
    assert evidence_for(home, "mou_reviewed_with_community").answer == "partly"

    review = _closed_review(home.mou, window=True, comments=12)
    review.closed_on = datetime.date(2026, 6, 1)
    review.save()
    finding = evidence_for(home, "mou_reviewed_with_community")

    assert finding.answer == "yes"
    assert finding.text == (
        "1 of 1 MOU(s) reviewed within their cycle, 1 with a public comment window (12 comment(s))."
    )


def test_a_review_now_overdue_no_longer_counts(home) -> None:
    _closed_review(home.mou, window=True, comments=3)
    home.mou.next_review_date = datetime.date(2026, 9, 1)
    home.mou.save()

    finding = evidence_for(home, "mou_reviewed_with_community")

    assert (finding.answer, finding.text) == (
        "no",
        "0 of 1 MOU(s) reviewed within their cycle, 0 with a public comment window"
        " (0 comment(s)); 1 review(s) overdue.",
    )


# Hiring


def test_hiring_guidelines_published_answer_yes_and_drafts_do_not(home) -> None:
    HiringGuideline.objects.create(district=home.district, version=1, title="Draft")
    assert evidence_for(home, "hiring_guidelines").answer == "no"

    HiringGuideline.objects.create(
        district=home.district,
        version=2,
        title="SRO hiring",
        published_on=datetime.date(2026, 3, 2),
    )
    finding = evidence_for(home, "hiring_guidelines")

    assert (finding.answer, finding.text) == (
        "yes",
        "Hiring guidelines version 2 published on 2026-03-02.",
    )


def test_selection_records_count_the_serving_officers_chosen_through_one(home) -> None:
    assert evidence_for(home, "selection_records").answer == "no"
    guideline = HiringGuideline.objects.create(
        district=home.district,
        version=1,
        title="SRO hiring",
        published_on=datetime.date(2024, 1, 1),
    )
    second = second_officer(home, first_name="Tomas", last_name="Reyes")

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
    assert evidence_for(home, "selection_records").answer == "partly"
    record_for(second)
    finding = evidence_for(home, "selection_records")

    assert finding.answer == "yes"
    assert finding.text.startswith("2 of 2 serving officer(s) chosen through a recorded selection")
