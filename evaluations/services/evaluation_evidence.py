"""Evidence on an evaluation draft: dated observation notes and attached files (added or removed).

Like every evaluation write, each locks the evaluation row, checks that the actor
may still change it, and records an audit event in the same transaction.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.attachments import checked_attachment
from core.audit import audit_record
from core.errors import ApplicationError, ConflictError
from evaluations.models import Evaluation, EvaluationAttachment, ObservationNote
from evaluations.services.evaluations import locked, require_editable

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def evaluation_note_add(
    *, evaluation: Evaluation, actor: User, observed_on: datetime.date, text: str
) -> ObservationNote:
    evaluation = locked(evaluation)
    require_editable(evaluation, actor=actor)
    text = text.strip()
    if not text:
        raise ApplicationError("Write what you observed.")
    if observed_on > timezone.localdate():
        raise ApplicationError("An observation can't be dated in the future.")
    note = ObservationNote(evaluation=evaluation, observed_on=observed_on, text=text, author=actor)
    note.full_clean()
    note.save()
    audit_record(
        actor=actor,
        action="evaluation.note_added",
        target=evaluation,
        district=evaluation.district_id,
        changes={"observation note": [None, f"{observed_on.isoformat()}: {text}"]},
    )
    return note


@transaction.atomic
def evaluation_attachment_add(
    *, evaluation: Evaluation, actor: User, upload: UploadedFile
) -> EvaluationAttachment:
    evaluation = locked(evaluation)
    require_editable(evaluation, actor=actor)
    checked = checked_attachment(upload)
    attachment = EvaluationAttachment(
        evaluation=evaluation,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.full_clean()
    attachment.save()
    audit_record(
        actor=actor,
        action="evaluation.attachment_added",
        target=evaluation,
        district=evaluation.district_id,
        changes={
            "attachment": [
                None,
                f"{attachment.original_name} ({checked.content_type}, {checked.size} bytes)",
            ]
        },
    )
    return attachment


@transaction.atomic
def evaluation_attachment_remove(*, attachment: EvaluationAttachment, actor: User) -> None:
    """Remove a file from a draft (or returned) evaluation; the file goes once the removal commits."""
    evaluation = locked(attachment.evaluation)
    require_editable(evaluation, actor=actor)
    current = EvaluationAttachment.objects.filter(pk=attachment.pk, evaluation=evaluation).first()
    if current is None:
        raise ConflictError(f"{attachment.original_name} was already removed.")
    storage, name = current.file.storage, current.file.name
    current.delete()
    audit_record(
        actor=actor,
        action="evaluation.attachment_removed",
        target=evaluation,
        district=evaluation.district_id,
        changes={
            "attachment": [
                f"{current.original_name} ({current.content_type}, {current.size} bytes)",
                None,
            ]
        },
    )
    # robust: the removal has committed; a storage hiccup leaves an orphan file, not a 500.
    transaction.on_commit(lambda: storage.delete(name), robust=True)
