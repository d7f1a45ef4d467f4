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

from core.audit import audit_record
from core.errors import ApplicationError, ConflictError
from evaluations.models import Evaluation, EvaluationAttachment, ObservationNote
from evaluations.services.evaluations import locked, require_editable

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024


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


# What an attachment may be, recognised by its first bytes, never by its name or the
# browser's claimed type.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def attachment_content_type(head: bytes) -> str | None:
    """The type of a file from its content: PDF, PNG, JPEG or UTF-8 plain text."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 3:
            return None
    return "text/plain"


@transaction.atomic
def evaluation_attachment_add(
    *, evaluation: Evaluation, actor: User, upload: UploadedFile
) -> EvaluationAttachment:
    evaluation = locked(evaluation)
    require_editable(evaluation, actor=actor)
    # A bare UploadedFile may have no name or size; Django's and DRF's file fields
    # refuse a file without either before it gets here.
    name, size = upload.name or "", upload.size or 0
    if size > ATTACHMENT_MAX_BYTES:
        raise ApplicationError(
            f"{name} is {size / 1024 / 1024:.1f} MB; attachments may be at most "
            f"{ATTACHMENT_MAX_BYTES // 1024 // 1024} MB."
        )
    if not size:
        raise ApplicationError(f"{name} is empty.")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    content_type = attachment_content_type(head)
    if content_type is None:
        raise ApplicationError(
            f"{name} is not a PDF, PNG, JPEG or plain-text file (checked by its content)."
        )
    attachment = EvaluationAttachment(
        evaluation=evaluation,
        original_name=name[:200],
        content_type=content_type,
        size=size,
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
                f"{attachment.original_name} ({content_type}, {size} bytes)",
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
