"""Selection records: a panel of three scores, seals and the record is decided."""

from __future__ import annotations

import datetime

import pytest

from core.errors import ApplicationError
from core.models import AuditEvent
from hiring.models import (
    Panelist,
    PanelistKind,
    PanelScore,
    SelectionCriterion,
    SelectionDecision,
    SelectionRecord,
    SelectionStatus,
)
from hiring.services.selections import (
    PanelSeat,
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_create,
    selection_record_decide,
)
from roster.models import Assignment
from tests.factories.roster import OfficerFactory, UserFactory
from tests.hiring.conftest import seat_of

pytestmark = pytest.mark.django_db


def _all(record: SelectionRecord, score: int = 3, note: str = "") -> list[ScoreEntry]:
    return [
        ScoreEntry(c.pk, score, note)
        for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    ]


def _score_and_submit(panelist: Panelist, actor, score: int = 3) -> None:
    panel_scores_save(panelist=panelist, scores=_all(panelist.record, score), actor=actor)
    panelist_submit(panelist=panelist, actor=actor)


def test_a_panel_of_three_scores_and_the_coordinator_selects_the_officer_at_their_assignment(
    world, record, coordinator, principal, supervisor
) -> None:
    _score_and_submit(seat_of(record, principal), principal, 4)
    _score_and_submit(seat_of(record, supervisor), supervisor, 3)
    _score_and_submit(seat_of(record, name="Rosa Delgado"), coordinator, 3)

    decided = selection_record_decide(
        record=record,
        decision=SelectionDecision.SELECTED,
        reason="Strongest on de-escalation and on working with students.",
        actor=coordinator,
    )

    open_assignment = Assignment.objects.get(officer=world.officer, school=world.school)
    assert decided.status == SelectionStatus.DECIDED
    assert decided.assignment == open_assignment
    assert open_assignment.selection_record == decided
    assert seat_of(record, name="Rosa Delgado").entered_by == coordinator
    actions = list(
        AuditEvent.objects.filter(target_id=str(record.pk)).values_list("action", flat=True)
    )
    assert actions.count("selection.scores_submitted") == 3
    assert {"selection.created", "selection.decided"} <= set(actions)


def test_the_audit_log_names_the_scored_qualities_but_never_the_scores(record, principal) -> None:
    panel_scores_save(
        panelist=seat_of(record, principal), scores=_all(record, 2, "hesitant"), actor=principal
    )

    event = AuditEvent.objects.get(action="selection.scores_saved")
    assert "hesitant" not in str(event.changes)
    assert event.changes["panelist"] == [None, seat_of(record, principal).name]


def test_deciding_before_every_panelist_submitted_is_refused_and_nothing_is_stored(
    record, coordinator, principal
) -> None:
    _score_and_submit(seat_of(record, principal), principal)

    with pytest.raises(ApplicationError, match="Not every panelist has submitted"):
        selection_record_decide(
            record=record, decision=SelectionDecision.SELECTED, reason="Good.", actor=coordinator
        )

    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN
    assert record.assignment is None
    assert not AuditEvent.objects.filter(action="selection.decided").exists()


def test_the_coordinator_may_decide_a_short_panel_by_recording_why(
    record, coordinator, principal
) -> None:
    _score_and_submit(seat_of(record, principal), principal)

    decided = selection_record_decide(
        record=record,
        decision=SelectionDecision.NOT_SELECTED,
        reason="Not ready for a high school.",
        incomplete_panel_reason="The supervisor retired before scoring.",
        actor=coordinator,
    )

    assert decided.incomplete_panel_reason == "The supervisor retired before scoring."
    assert decided.assignment is None


def test_a_decision_without_a_reason_is_refused_and_nothing_is_stored(record, coordinator) -> None:
    with pytest.raises(ApplicationError, match="reason"):
        selection_record_decide(
            record=record,
            decision=SelectionDecision.NOT_SELECTED,
            reason="  ",
            incomplete_panel_reason="Testing",
            actor=coordinator,
        )

    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN


def test_selecting_an_officer_without_an_assignment_there_creates_one_through_roster(
    world, guideline, coordinator
) -> None:
    newcomer = OfficerFactory(agency=world.agency)
    record = selection_record_create(
        school=world.school,
        candidate=newcomer,
        panel=[PanelSeat(user=coordinator)],
        actor=coordinator,
    )
    _score_and_submit(seat_of(record, coordinator), coordinator)

    decided = selection_record_decide(
        record=record,
        decision=SelectionDecision.SELECTED,
        reason="The panel agreed.",
        start_date=datetime.date(2026, 8, 10),
        actor=coordinator,
    )

    assert decided.assignment.officer == newcomer
    assert decided.assignment.start_date == datetime.date(2026, 8, 10)
    assert AuditEvent.objects.filter(action="assignment.created").exists()


def test_a_decided_record_never_changes(record, coordinator) -> None:
    selection_record_decide(
        record=record,
        decision=SelectionDecision.NOT_SELECTED,
        reason="Withdrew.",
        incomplete_panel_reason="The candidate withdrew.",
        actor=coordinator,
    )

    with pytest.raises(ApplicationError, match="decided"):
        selection_record_decide(
            record=record,
            decision=SelectionDecision.SELECTED,
            reason="Changed our mind.",
            incomplete_panel_reason="x",
            actor=coordinator,
        )
    assert SelectionRecord.objects.get(pk=record.pk).decision == SelectionDecision.NOT_SELECTED


def test_submitted_scores_are_sealed(record, principal) -> None:
    seat = seat_of(record, principal)
    _score_and_submit(seat, principal, 4)

    with pytest.raises(ApplicationError, match="sealed"):
        panel_scores_save(panelist=seat, scores=_all(record, 1), actor=principal)

    assert set(PanelScore.objects.filter(panelist=seat).values_list("score", flat=True)) == {4}


def test_submitting_needs_every_quality_scored(record, principal) -> None:
    seat = seat_of(record, principal)
    panel_scores_save(panelist=seat, scores=_all(record)[:2], actor=principal)

    with pytest.raises(ApplicationError, match="missing"):
        panelist_submit(panelist=seat, actor=principal)

    seat.refresh_from_db()
    assert seat.submitted_at is None


def test_a_score_outside_one_to_four_is_refused_and_nothing_is_stored(record, principal) -> None:
    seat = seat_of(record, principal)
    scores = _all(record)
    scores[0] = ScoreEntry(scores[0].criterion_id, 5)

    with pytest.raises(ApplicationError, match="not 1 to 4"):
        panel_scores_save(panelist=seat, scores=scores, actor=principal)

    assert not PanelScore.objects.filter(panelist=seat).exists()


def test_a_panelist_cannot_score_for_another(record, principal, supervisor) -> None:
    with pytest.raises(ApplicationError, match="Only the panelist"):
        panel_scores_save(
            panelist=seat_of(record, supervisor), scores=_all(record), actor=principal
        )

    assert not PanelScore.objects.exists()


def test_a_coordinator_on_the_panel_enters_a_representatives_sheet_only_after_sealing_their_own(
    world, guideline, coordinator
) -> None:
    record = selection_record_create(
        school=world.school,
        candidate=world.officer,
        panel=[
            PanelSeat(user=coordinator),
            PanelSeat(name="Jamal Ortiz", kind=PanelistKind.STUDENT),
        ],
        actor=coordinator,
    )
    student = seat_of(record, name="Jamal Ortiz")

    with pytest.raises(ApplicationError, match="Submit your own scores"):
        panel_scores_save(panelist=student, scores=_all(record), actor=coordinator)
    assert not PanelScore.objects.filter(panelist=student).exists()

    _score_and_submit(seat_of(record, coordinator), coordinator)
    _score_and_submit(student, coordinator)
    student.refresh_from_db()
    assert student.submitted_at is not None


def test_the_officer_and_an_outsider_cannot_sit_on_a_panel(
    world, guideline, coordinator, officer_user
) -> None:
    outsider = UserFactory(username="the-outsider")
    for person in (officer_user, outsider):
        with pytest.raises(ApplicationError, match="can't sit on this panel"):
            selection_record_create(
                school=world.school,
                candidate=world.officer,
                panel=[PanelSeat(user=person)],
                actor=coordinator,
            )

    assert not SelectionRecord.objects.exists()


def test_a_panelist_without_an_account_must_be_a_representative(
    world, guideline, coordinator
) -> None:
    with pytest.raises(ApplicationError, match="only a student or family"):
        selection_record_create(
            school=world.school,
            candidate=world.officer,
            panel=[PanelSeat(name="A neighbour", kind=PanelistKind.SCHOOL_STAFF)],
            actor=coordinator,
        )

    assert not SelectionRecord.objects.exists()


def test_a_principal_cannot_open_a_selection_record(world, guideline, principal) -> None:
    with pytest.raises(ApplicationError, match="opened by the district's coordinator"):
        selection_record_create(
            school=world.school,
            candidate=world.officer,
            panel=[PanelSeat(user=principal)],
            actor=principal,
        )

    assert not SelectionRecord.objects.exists()


def test_a_supervisor_opens_one_for_their_own_agency_only(world, guideline, supervisor) -> None:
    world.next_door()
    record = selection_record_create(
        school=world.school,
        candidate=world.officer,
        panel=[PanelSeat(user=supervisor)],
        actor=supervisor,
    )
    assert record.agency == world.agency

    with pytest.raises(ApplicationError, match="own agency"):
        selection_record_create(
            school=world.school,
            candidate=world.next_officer,
            panel=[PanelSeat(user=supervisor)],
            actor=supervisor,
        )
    assert SelectionRecord.objects.count() == 1


def test_a_record_needs_published_guidelines(world, coordinator) -> None:
    with pytest.raises(ApplicationError, match="no published hiring guidelines"):
        selection_record_create(
            school=world.school,
            candidate=world.officer,
            panel=[PanelSeat(user=coordinator)],
            actor=coordinator,
        )

    assert not SelectionRecord.objects.exists()
