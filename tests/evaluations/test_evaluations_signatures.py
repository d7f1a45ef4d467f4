"""Signing evaluations: submit and the lock, return, review, acknowledge, and the history."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.audit import audit_history
from core.errors import ApplicationError, ConflictError
from evaluations.models import EvaluationStatus
from evaluations.services.evaluation_evidence import (
    evaluation_attachment_add,
    evaluation_note_add,
)
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_return,
    evaluation_review,
    evaluation_submit,
)
from tests.factories.evaluations import rated

pytestmark = pytest.mark.django_db


# Submit and the lock


def test_submitting_needs_every_competency_rated(draft, principal) -> None:
    evaluation_update(
        evaluation=draft,
        actor=principal,
        expected_version=1,
        ratings={"de_escalation": {"level": 3, "evidence": ""}},
    )

    with pytest.raises(
        ApplicationError, match="Rate every competency before submitting; missing: Alternatives"
    ):
        evaluation_submit(evaluation=draft, actor=principal)


def test_submitting_signs_and_locks(draft, principal) -> None:
    rated(draft, principal)

    submitted = evaluation_submit(evaluation=draft, actor=principal)

    assert submitted.status == EvaluationStatus.SUBMITTED
    assert submitted.submitted_by == principal
    assert submitted.submitted_at is not None
    with pytest.raises(
        ConflictError,
        match=r"This evaluation was submitted on .* and is locked \(submitted\): it can.t be changed",
    ):
        evaluation_update(
            evaluation=submitted,
            actor=principal,
            expected_version=submitted.version,
            commendations="Too late.",
        )
    with pytest.raises(ConflictError, match="locked"):
        evaluation_note_add(
            evaluation=submitted,
            actor=principal,
            observed_on=datetime.date(2026, 9, 1),
            text="Too late.",
        )
    submitted.refresh_from_db()
    assert submitted.commendations == ""
    assert submitted.notes.count() == 0


def test_submitting_twice_is_harmless(draft, principal) -> None:
    rated(draft, principal)
    first = evaluation_submit(evaluation=draft, actor=principal)

    again = evaluation_submit(evaluation=draft, actor=principal, expected_version=1)

    assert (again.status, again.version, again.submitted_at) == (
        first.status,
        first.version,
        first.submitted_at,
    )
    assert [e.action for e in audit_history(draft)].count("evaluation.submitted") == 1


def test_a_submitted_evaluation_is_read_only_to_the_coordinator_too(
    draft, principal, coordinator
) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ConflictError, match="locked"):
        rated(draft, coordinator, level=2)


# Return, review, acknowledge


def test_a_returned_evaluation_can_be_edited_again_and_resubmitted(
    draft, principal, supervisor
) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    returned = evaluation_return(
        evaluation=draft, actor=supervisor, reason="Add dates to the evidence."
    )
    assert returned.status == EvaluationStatus.RETURNED
    assert returned.return_reason == "Add dates to the evidence."
    assert returned.submitted_at is None

    edited = evaluation_update(
        evaluation=returned,
        actor=principal,
        expected_version=returned.version,
        ratings={"de_escalation": {"level": 2, "evidence": "On 3 September: raised voice."}},
    )
    resubmitted = evaluation_submit(evaluation=edited, actor=principal)

    assert resubmitted.status == EvaluationStatus.SUBMITTED
    assert resubmitted.ratings.get(competency__code="de_escalation").level == 2


def test_returning_needs_a_reason_and_a_submitted_evaluation(draft, principal, supervisor) -> None:
    with pytest.raises(ConflictError, match="Only a submitted evaluation can be returned"):
        evaluation_return(evaluation=draft, actor=supervisor, reason="Why?")
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ApplicationError, match="Say why"):
        evaluation_return(evaluation=draft, actor=supervisor, reason=" ")


def test_a_principal_can_neither_return_nor_review(draft, principal) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ApplicationError, match="Only the officer's supervisor"):
        evaluation_return(evaluation=draft, actor=principal, reason="Second thoughts.")
    with pytest.raises(ApplicationError, match="Only the officer's supervisor"):
        evaluation_review(evaluation=draft, actor=principal)


def test_the_supervisor_cannot_review_a_draft(draft, supervisor) -> None:
    with pytest.raises(ConflictError, match="has not submitted"):
        evaluation_review(evaluation=draft, actor=supervisor)


def test_disagreeing_needs_a_written_response_that_travels_with_the_evaluation(
    draft, principal, supervisor, officer_user
) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)
    with pytest.raises(ConflictError, match="once the supervisor has reviewed it"):
        evaluation_acknowledge(evaluation=draft, actor=officer_user, agrees=True)
    evaluation_review(evaluation=draft, actor=supervisor)

    with pytest.raises(ApplicationError, match="If you disagree, write your response"):
        evaluation_acknowledge(evaluation=draft, actor=officer_user, agrees=False, response="")
    acknowledged = evaluation_acknowledge(
        evaluation=draft, actor=officer_user, agrees=False, response="I was not at school that day."
    )

    assert acknowledged.status == EvaluationStatus.ACKNOWLEDGED
    assert (acknowledged.officer_agrees, acknowledged.officer_response) == (
        False,
        "I was not at school that day.",
    )
    with pytest.raises(ConflictError, match="already acknowledged"):
        evaluation_acknowledge(evaluation=draft, actor=officer_user, agrees=True)


def test_only_the_evaluated_officer_acknowledges(draft, principal, supervisor) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)
    evaluation_review(evaluation=draft, actor=supervisor)

    with pytest.raises(ApplicationError, match="Only the evaluated officer"):
        evaluation_acknowledge(evaluation=draft, actor=supervisor, agrees=True)


# History


def test_the_history_lists_every_change_and_transition(
    draft, principal, supervisor, officer_user
) -> None:
    evaluation_update(
        evaluation=draft,
        actor=principal,
        expected_version=1,
        ratings={"de_escalation": {"level": 2, "evidence": "Raised voice."}},
    )
    evaluation_note_add(
        evaluation=draft, actor=principal, observed_on=datetime.date(2026, 9, 1), text="Hallway."
    )
    evaluation_attachment_add(
        evaluation=draft,
        actor=principal,
        upload=SimpleUploadedFile("n.txt", b"notes", content_type="text/plain"),
    )
    rated(draft, principal, de_escalation=1)
    evaluation_submit(evaluation=draft, actor=principal)
    evaluation_return(evaluation=draft, actor=supervisor, reason="Date the incident.")
    draft.refresh_from_db()
    evaluation_update(
        evaluation=draft,
        actor=principal,
        expected_version=draft.version,
        commendations="Mentoring.",
    )
    evaluation_submit(evaluation=draft, actor=principal)
    evaluation_review(evaluation=draft, actor=supervisor, comment="Seen.")
    evaluation_acknowledge(evaluation=draft, actor=officer_user, agrees=False, response="Unfair.")

    events = list(audit_history(draft))

    assert [(e.action, e.actor.username) for e in events] == [
        ("evaluation.started", "the-principal"),
        ("evaluation.updated", "the-principal"),
        ("evaluation.note_added", "the-principal"),
        ("evaluation.attachment_added", "the-principal"),
        ("evaluation.updated", "the-principal"),
        ("evaluation.submitted", "the-principal"),
        ("evaluation.returned", "the-supervisor"),
        ("evaluation.updated", "the-principal"),
        ("evaluation.submitted", "the-principal"),
        ("evaluation.reviewed", "the-supervisor"),
        ("evaluation.acknowledged", "the-officer"),
    ]
    first_edit = events[1].changes
    assert first_edit["De-escalation: level"] == [None, "Developing"]
    assert first_edit["De-escalation: evidence"] == [None, "Raised voice."]
    assert first_edit["overall_level"] == [None, "Developing"]
    second_edit = events[4].changes
    assert second_edit["De-escalation: level"] == ["Developing", "Unsatisfactory"]
    assert second_edit["De-escalation: evidence"] == [
        "Raised voice.",
        "Seen on rounds: de_escalation.",
    ]
    assert events[5].changes["submitted_by"] == [None, "the-principal"]
    assert events[6].changes["submitted_by"] == ["the-principal", None]
    assert events[6].reason == "Date the incident."
    assert events[6].changes["status"] == ["submitted", "returned"]
    assert events[7].changes == {"commendations": ["", "Mentoring."]}
    assert events[10].changes["officer_agrees"] == [None, False]
    assert events[10].changes["officer_response"] == ["", "Unfair."]
    assert all(e.district_id == draft.district_id for e in events)
