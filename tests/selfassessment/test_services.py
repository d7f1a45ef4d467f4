"""Starting, answering and completing a self-assessment, and who may do it."""

from __future__ import annotations

import pytest

from activity.services.reports import report_publish
from core.errors import ApplicationError
from core.models import AuditEvent
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer
from selfassessment.services.assessments import (
    selfassessment_answer,
    selfassessment_complete,
    selfassessment_start,
)
from selfassessment.sheet import sheet_for
from tests.factories.roster import DistrictFactory, EvaluationPeriodFactory, coordinator_of

pytestmark = pytest.mark.django_db


def _stored() -> tuple[int, int, int]:
    return (
        SelfAssessment.objects.count(),
        SelfAssessmentAnswer.objects.count(),
        AuditEvent.objects.filter(action__startswith="selfassessment.").count(),
    )


def _item(sheet: dict, key: str) -> dict:
    return next(item for item in sheet["items"] if item["key"] == key)


def test_the_coordinator_starts_an_assessment_on_the_bundled_checklist(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)

    assert assessment.district == home.district
    assert assessment.checklist.startswith("secure-2016.csv@")
    event = AuditEvent.objects.get(action="selfassessment.started")
    assert (event.actor, event.district_id) == (home.coordinator, home.district.pk)


def test_a_second_assessment_of_the_same_year_is_refused(home) -> None:
    selfassessment_start(period=home.period, actor=home.coordinator)
    before = _stored()

    with pytest.raises(ApplicationError, match="2026-27 already has a self-assessment"):
        selfassessment_start(period=home.period, actor=home.coordinator)

    assert _stored() == before


@pytest.mark.parametrize("who", ["principal", "supervisor"])
def test_only_the_coordinator_may_start_one(home, who) -> None:
    with pytest.raises(ApplicationError, match="Only the district's coordinator") as caught:
        selfassessment_start(period=home.period, actor=getattr(home, who))

    assert caught.value.status == 403
    assert _stored() == (0, 0, 0)


def test_another_districts_coordinator_may_not_start_one_here(home) -> None:
    outsider = coordinator_of(DistrictFactory(code="AWAY"), username="olga")

    with pytest.raises(ApplicationError):
        selfassessment_start(period=home.period, actor=outsider)

    assert _stored() == (0, 0, 0)


def test_an_unknown_checklist_is_refused(home) -> None:
    with pytest.raises(ApplicationError, match=r"no checklist named 'official\.csv'"):
        selfassessment_start(period=home.period, actor=home.coordinator, checklist="official.csv")

    assert _stored() == (0, 0, 0)


def test_the_coordinator_answers_an_item_with_a_note_and_can_change_it(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)

    selfassessment_answer(
        assessment=assessment,
        item="s2-legal-review",
        answer="partly",
        note="Counsel reviewed Title VI only.",
        actor=home.coordinator,
    )
    selfassessment_answer(
        assessment=assessment,
        item="s2-legal-review",
        answer="yes",
        note="Counsel's memo of 3 November covers every law listed.",
        actor=home.coordinator,
    )

    item = _item(sheet_for(assessment), "s2-legal-review")
    assert (item["answer"], item["source"], item["detail"]) == (
        "yes",
        "coordinator",
        "Counsel's memo of 3 November covers every law listed.",
    )
    assert SelfAssessmentAnswer.objects.count() == 1
    last = AuditEvent.objects.filter(action="selfassessment.answered").order_by("-pk").first()
    assert last.changes["s2-legal-review.answer"] == ["partly", "yes"]


@pytest.mark.parametrize(
    ("item", "answer", "note", "message"),
    [
        ("s1-mou-in-force", "yes", "We have one.", "answered from the district's evidence"),
        ("s9-unknown", "yes", "A note.", "The checklist has no item 's9-unknown'"),
        ("s2-legal-review", "maybe", "A note.", "'maybe' is not an answer"),
        ("s2-legal-review", "yes", "   ", "Add a note"),
    ],
)
def test_a_bad_answer_is_refused_and_stores_nothing(home, item, answer, note, message) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    before = _stored()

    with pytest.raises(ApplicationError, match=message):
        selfassessment_answer(
            assessment=assessment, item=item, answer=answer, note=note, actor=home.coordinator
        )

    assert _stored() == before


def test_the_principal_may_not_answer_and_nothing_is_stored(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    before = _stored()

    with pytest.raises(ApplicationError, match="Only the district's coordinator"):
        selfassessment_answer(
            assessment=assessment,
            item="s2-legal-review",
            answer="yes",
            note="Looks fine to me.",
            actor=home.principal,
        )

    assert _stored() == before


def test_publishing_the_public_report_flips_its_item_to_yes(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    assert _item(sheet_for(assessment), "s5-public-report")["answer"] == "no"

    report_publish(district=home.district, period=home.prior, actor=home.coordinator)

    item = _item(sheet_for(assessment), "s5-public-report")
    assert (item["answer"], item["source"], item["url"]) == (
        "yes",
        "evidence",
        "/activity/reports/",
    )


def test_completing_freezes_the_answers_and_the_evidence(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    selfassessment_answer(
        assessment=assessment,
        item="s5-recognition",
        answer="no",
        note="Nothing yet.",
        actor=home.coordinator,
    )

    completed = selfassessment_complete(assessment=assessment, actor=home.coordinator)
    # Evidence that changes after completion does not change the completed record.
    report_publish(district=home.district, period=home.prior, actor=home.coordinator)

    completed.refresh_from_db()
    sheet = sheet_for(completed)
    assert completed.completed_on is not None
    assert sheet["completed_on"] == completed.completed_on.isoformat()
    assert _item(sheet, "s5-public-report")["answer"] == "no"
    assert _item(sheet, "s5-recognition")["detail"] == "Nothing yet."
    before = _stored()
    with pytest.raises(ApplicationError, match="completed; its answers are frozen"):
        selfassessment_answer(
            assessment=completed,
            item="s5-recognition",
            answer="yes",
            note="Changed my mind.",
            actor=home.coordinator,
        )
    with pytest.raises(ApplicationError, match="already completed"):
        selfassessment_complete(assessment=completed, actor=home.coordinator)
    assert _stored() == before


def test_the_score_per_step_counts_answered_items_and_a_met_share(home) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    for item, answer in [
        ("s4-training-content", "yes"),
        ("s4-staff-trained", "partly"),
        ("s4-training-current", "not_applicable"),
    ]:
        selfassessment_answer(
            assessment=assessment, item=item, answer=answer, note="Noted.", actor=home.coordinator
        )

    step4 = next(s for s in sheet_for(assessment)["steps"] if s["step"] == 4)

    # With no training requirement in the MOU, the serving officer meets them all: the
    # evidence item is yes; not applicable is left out of the met share.
    assert (step4["items"], step4["answered"]) == (4, 4)
    assert step4["met_share"] == pytest.approx((1 + 1 + 0.5) / 3, abs=0.001)


def test_a_year_of_another_district_is_not_offered(home) -> None:
    other = EvaluationPeriodFactory(district=DistrictFactory(code="AWAY"))

    with pytest.raises(ApplicationError):
        selfassessment_start(period=other, actor=home.coordinator)
