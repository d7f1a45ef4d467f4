"""Starting, editing and signing evaluations: who may, in which state, and what is kept."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from core.audit import audit_history
from core.errors import ApplicationError, ConflictError
from evaluations.models import Evaluation, EvaluationStatus
from evaluations.services.evaluation_evidence import (
    evaluation_attachment_add,
    evaluation_attachment_remove,
    evaluation_note_add,
)
from evaluations.services.evaluations import (
    evaluation_acknowledge,
    evaluation_return,
    evaluation_review,
    evaluation_start,
    evaluation_submit,
    evaluation_update,
)
from tests.factories.evaluations import all_levels, default_rubric, started_evaluation
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory, principal_of

pytestmark = pytest.mark.django_db


def _rated(evaluation, actor, level=3, **overrides):
    evaluation.refresh_from_db()
    return evaluation_update(
        evaluation=evaluation,
        actor=actor,
        expected_version=evaluation.version,
        ratings=all_levels(evaluation, level, **overrides),
    )


# Who may evaluate


def test_a_principal_of_the_officers_school_starts_a_draft_with_every_competency(
    world, principal
) -> None:
    evaluation = evaluation_start(
        officer=world.officer,
        school=world.school,
        period=world.period,
        evaluator=principal,
        rubric=default_rubric(world.district),
    )

    assert evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.version == 1
    assert evaluation.due_date == datetime.date(2027, 6, 16)
    assert evaluation.ratings.count() == 9


def test_it_uses_the_latest_rubric_version_by_default(world, principal) -> None:
    rubric = default_rubric(world.district)

    evaluation = evaluation_start(
        officer=world.officer, school=world.school, period=world.period, evaluator=principal
    )

    assert evaluation.rubric == rubric


def test_a_coordinator_may_evaluate(world, coordinator) -> None:
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=coordinator
    )

    assert evaluation.evaluator == coordinator


def test_a_principal_of_another_school_may_not_evaluate(world) -> None:
    elsewhere = principal_of(SchoolFactory(district=world.district))

    with pytest.raises(ApplicationError, match="Only a principal of the school") as caught:
        started_evaluation(
            officer=world.officer, school=world.school, period=world.period, principal=elsewhere
        )
    assert caught.value.status == 403


def test_a_supervisor_may_not_evaluate(world, supervisor) -> None:
    with pytest.raises(ApplicationError, match="Only a principal"):
        started_evaluation(
            officer=world.officer, school=world.school, period=world.period, principal=supervisor
        )


def test_an_officer_not_assigned_to_the_school_during_the_period_is_refused(
    world, principal
) -> None:
    stranger = OfficerFactory(agency=world.agency)
    AssignmentFactory(
        officer=stranger,
        school=world.school,
        start_date=datetime.date(2023, 8, 1),
        end_date=datetime.date(2024, 6, 1),
    )

    with pytest.raises(ApplicationError, match="was not assigned to"):
        started_evaluation(
            officer=stranger, school=world.school, period=world.period, principal=principal
        )


def test_there_is_one_evaluation_per_officer_school_and_period(world, principal, draft) -> None:
    with pytest.raises(ConflictError, match="already has an evaluation") as caught:
        started_evaluation(
            officer=world.officer, school=world.school, period=world.period, principal=principal
        )
    assert caught.value.extra == {"evaluation": draft.pk}


def test_the_database_refuses_a_second_evaluation_too(world, principal, draft) -> None:
    copy = Evaluation(
        district=world.district,
        officer=world.officer,
        school=world.school,
        period=world.period,
        rubric=draft.rubric,
        evaluator=principal,
        due_date=draft.due_date,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


# Drafts


def test_saving_a_draft_records_the_ratings_and_bumps_the_version(draft, principal) -> None:
    saved = evaluation_update(
        evaluation=draft,
        actor=principal,
        expected_version=1,
        ratings={"de_escalation": {"level": 3, "evidence": ""}},
        commendations="Kind.",
    )

    assert saved.version == 2
    assert saved.ratings.get(competency__code="de_escalation").level == 3
    assert saved.commendations == "Kind."
    assert saved.overall_level == 3


def test_evidence_is_required_for_the_lowest_and_highest_levels(draft, principal) -> None:
    for level, label in ((1, "Unsatisfactory"), (4, "Exemplary")):
        with pytest.raises(
            ApplicationError, match=f"De-escalation: a rating of {label} needs written evidence"
        ):
            evaluation_update(
                evaluation=draft,
                actor=principal,
                expected_version=1,
                ratings={"de_escalation": {"level": level, "evidence": "  "}},
            )

    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.ratings.get(competency__code="de_escalation").level is None


def test_an_unknown_competency_is_refused(draft, principal) -> None:
    with pytest.raises(ApplicationError, match="Not a competency of this rubric: punctuality"):
        evaluation_update(
            evaluation=draft,
            actor=principal,
            expected_version=1,
            ratings={"punctuality": {"level": 3, "evidence": ""}},
        )


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_is_overwritten(
    draft, principal, coordinator
) -> None:
    # Both opened version 1; the coordinator saves first.
    evaluation_update(
        evaluation=draft,
        actor=coordinator,
        expected_version=1,
        ratings={"de_escalation": {"level": 2, "evidence": "Coordinator's view."}},
    )

    with pytest.raises(ConflictError, match="Someone else saved this evaluation") as caught:
        evaluation_update(
            evaluation=draft,
            actor=principal,
            expected_version=1,
            ratings={"de_escalation": {"level": 4, "evidence": "Principal's view."}},
            commendations="Overwrites?",
        )

    assert caught.value.extra == {"current_version": 2}
    draft.refresh_from_db()
    rating = draft.ratings.get(competency__code="de_escalation")
    assert (rating.level, rating.evidence) == (2, "Coordinator's view.")
    assert draft.commendations == ""
    assert draft.version == 2


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
    _rated(draft, principal)

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
    _rated(draft, principal)
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
    _rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ConflictError, match="locked"):
        _rated(draft, coordinator, level=2)


# Return, review, acknowledge


def test_a_returned_evaluation_can_be_edited_again_and_resubmitted(
    draft, principal, supervisor
) -> None:
    _rated(draft, principal)
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
    _rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ApplicationError, match="Say why"):
        evaluation_return(evaluation=draft, actor=supervisor, reason=" ")


def test_a_principal_can_neither_return_nor_review(draft, principal) -> None:
    _rated(draft, principal)
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
    _rated(draft, principal)
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
    _rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)
    evaluation_review(evaluation=draft, actor=supervisor)

    with pytest.raises(ApplicationError, match="Only the evaluated officer"):
        evaluation_acknowledge(evaluation=draft, actor=supervisor, agrees=True)


# Attachments


def test_an_attachment_is_checked_by_its_content(draft, principal) -> None:
    pdf = SimpleUploadedFile(
        "observation.pdf", b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf"
    )
    disguised = SimpleUploadedFile(
        "observation.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04", content_type="application/pdf"
    )

    attachment = evaluation_attachment_add(evaluation=draft, actor=principal, upload=pdf)

    assert attachment.content_type == "application/pdf"
    assert attachment.file.read().startswith(b"%PDF-")
    with pytest.raises(ApplicationError, match="is not a PDF, PNG, JPEG or plain-text file"):
        evaluation_attachment_add(evaluation=draft, actor=principal, upload=disguised)
    assert draft.attachments.count() == 1


def test_an_attachment_over_the_size_limit_is_refused(draft, principal) -> None:
    big = SimpleUploadedFile("big.txt", b"a" * (5 * 1024 * 1024 + 1), content_type="text/plain")

    with pytest.raises(ApplicationError, match="attachments may be at most 5 MB"):
        evaluation_attachment_add(evaluation=draft, actor=principal, upload=big)


def test_a_draft_attachment_is_removed_with_its_file_once_the_removal_commits(
    draft, principal, django_capture_on_commit_callbacks
) -> None:
    attachment = evaluation_attachment_add(
        evaluation=draft,
        actor=principal,
        upload=SimpleUploadedFile("wrong.txt", b"Wrong officer.", content_type="text/plain"),
    )
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        evaluation_attachment_remove(attachment=attachment, actor=principal)

    assert draft.attachments.count() == 0
    assert not storage.exists(name)
    removed = [e for e in audit_history(draft) if e.action == "evaluation.attachment_removed"]
    assert [e.changes["attachment"][0] for e in removed] == ["wrong.txt (text/plain, 14 bytes)"]
    with pytest.raises(ConflictError, match="already removed"):
        evaluation_attachment_remove(attachment=attachment, actor=principal)


def test_an_attachment_stays_once_the_evaluation_is_submitted(draft, principal, supervisor) -> None:
    attachment = evaluation_attachment_add(
        evaluation=draft,
        actor=principal,
        upload=SimpleUploadedFile("n.txt", b"notes", content_type="text/plain"),
    )
    _rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ConflictError, match="locked"):
        evaluation_attachment_remove(attachment=attachment, actor=principal)
    with pytest.raises(ApplicationError, match="Only a principal of the school"):
        evaluation_attachment_remove(attachment=attachment, actor=supervisor)
    assert draft.attachments.count() == 1
    assert attachment.file.storage.exists(attachment.file.name)


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
    _rated(draft, principal, de_escalation=1)
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
