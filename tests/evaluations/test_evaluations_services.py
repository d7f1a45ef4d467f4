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
)
from evaluations.services.evaluations import evaluation_start, evaluation_update
from evaluations.services.signatures import (
    evaluation_submit,
)
from tests.factories.evaluations import default_rubric, rated, started_evaluation
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory, principal_of

pytestmark = pytest.mark.django_db


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
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ConflictError, match="locked"):
        evaluation_attachment_remove(attachment=attachment, actor=principal)
    with pytest.raises(ApplicationError, match="Only a principal of the school"):
        evaluation_attachment_remove(attachment=attachment, actor=supervisor)
    assert draft.attachments.count() == 1
    assert attachment.file.storage.exists(attachment.file.name)


def test_no_attachment_is_added_to_a_submitted_evaluation(draft, principal, settings) -> None:
    rated(draft, principal)
    evaluation_submit(evaluation=draft, actor=principal)

    with pytest.raises(ConflictError, match="locked"):
        evaluation_attachment_add(
            evaluation=draft,
            actor=principal,
            upload=SimpleUploadedFile(
                "late.txt", b"added after signing", content_type="text/plain"
            ),
        )

    assert draft.attachments.count() == 0
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert stored == []
    assert not [e for e in audit_history(draft) if e.action == "evaluation.attachment_added"]
