"""Complaints: the public submission (with its files and confirmation email), and the
investigators' status changes (audited)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from activity.models import Complaint, ComplaintAttachment, ComplaintSource, ComplaintStatus
from activity.models.complaints import FINDING_STATUSES, NEXT_STATUSES
from activity.services.complaint_mail import complaint_confirmation_send
from activity.tracking_codes import TRACKING_ALPHABET, hash_tracking_code, new_tracking_code
from core.attachments import CheckedAttachment, checked_attachment
from core.audit import audit_record, changes_between, field_values
from core.changes import evidence_changed
from core.dates import today
from core.errors import ApplicationError, ConflictError
from roster.models import District, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

MAX_ATTACHMENTS = 3


__all__ = [
    "MAX_ATTACHMENTS",
    "TRACKING_ALPHABET",
    "ComplaintAlreadyReceived",
    "complaint_code_shown",
    "complaint_submit",
    "complaint_update",
    "hash_tracking_code",
    "new_tracking_code",
]


class ComplaintAlreadyReceived(ConflictError):
    """The same form was sent twice (a double click): the first one is the complaint."""


def complaint_attachments_checked(
    attachments: Sequence[UploadedFile],
) -> list[CheckedAttachment]:
    """Every file checked before anything is written, so a refused one stores nothing."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ApplicationError(_("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS})
    return [checked_attachment(upload) for upload in attachments]


def complaint_submit(
    *,
    district: District,
    source: str,
    allegations: list[str],
    account: str,
    school: School | None = None,
    officer: Officer | None = None,
    incident_date: datetime.date | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    attachments: Sequence[UploadedFile] = (),
    language: str = "en",
    tracking_code: str | None = None,
    received_date: datetime.date | None = None,
    actor: User | None = None,
) -> tuple[Complaint, str]:
    """Record a complaint and its files; returns it and the tracking code, which is
    shown once (and mailed, if an address was given) and never stored.

    ``tracking_code`` lets the public form pick the code when it shows the form: a
    double-clicked submit then sends the same code twice, and the second finds the
    first (``ComplaintAlreadyReceived``) instead of filing a second complaint and mail.
    """
    if source == ComplaintSource.ANONYMOUS and (contact_name or contact_email or contact_phone):
        raise ApplicationError(
            _(
                "You chose Anonymous but also gave contact details. Remove your name, "
                "email and phone, or choose who you are instead of Anonymous."
            )
        )
    if (
        officer is not None
        and school is not None
        and not officer.assignments.filter(school=school).exists()
    ):
        raise ApplicationError(_("That officer has not served at that school."))
    checked = complaint_attachments_checked(attachments)
    code = tracking_code or new_tracking_code()
    code_hash = hash_tracking_code(code)
    if Complaint.objects.filter(tracking_code_hash=code_hash).exists():
        raise ComplaintAlreadyReceived(_("This complaint was already received."))
    complaint = Complaint(
        district=district,
        school=school,
        officer=officer,
        received_date=received_date or today(),
        incident_date=incident_date,
        source=source,
        allegations=sorted(set(allegations)),
        account=account,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        language=language,
        tracking_code_hash=code_hash,
    )
    complaint.full_clean(validate_unique=False)
    stored: list[ComplaintAttachment] = []
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint: the double click's twin may win
                    complaint.save()
            except IntegrityError:
                raise ComplaintAlreadyReceived(_("This complaint was already received.")) from None
            for upload, check in zip(attachments, checked, strict=True):
                attachment = ComplaintAttachment(
                    complaint=complaint,
                    original_name=check.name,
                    content_type=check.content_type,
                    size=check.size,
                )
                attachment.file.save("upload", upload, save=False)
                stored.append(attachment)
                attachment.full_clean()
                attachment.save()
            # The audit row names no complainant and no file: the account, contact and
            # files stay on the complaint, read only by those who may read it.
            audit_record(
                actor=actor,
                action="activity.complaint_received",
                target=complaint,
                district=district,
                changes={
                    "status": [None, complaint.status],
                    "source": [None, source],
                    "attachments": [None, len(stored)],
                },
            )
            if contact_email and source != ComplaintSource.ANONYMOUS:
                complaint_id = complaint.pk
                transaction.on_commit(
                    lambda: complaint_confirmation_send(
                        complaint_id=complaint_id, code=code, language=language
                    )
                )
    except BaseException:
        # The rows rolled back; the files written before the failure must go too.
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return complaint, code


def complaint_code_shown(*, complaint_id: int) -> bool:
    """Mark the complaint's code as shown on the received page; True only the first time."""
    with transaction.atomic():
        first = bool(
            Complaint.objects.filter(pk=complaint_id, tracking_code_shown=False).update(
                tracking_code_shown=True
            )
        )
        if first:
            complaint = Complaint.objects.only("pk", "district_id").get(pk=complaint_id)
            audit_record(
                actor=None,
                action="activity.complaint_code_shown",
                target=complaint,
                district=complaint.district_id,
                changes={"tracking_code_shown": [False, True]},
            )
    return first


def complaint_update(
    *,
    complaint: Complaint,
    actor: User,
    status: str | None = None,
    officer: Officer | None = None,
    findings: str | None = None,
    on: datetime.date | None = None,
    reason: str = "",
) -> Complaint:
    """Move a complaint along received -> investigating -> finding (or withdrawn); closed is final."""
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.is_closed:
            raise ConflictError(
                f"This complaint was closed as {locked.get_status_display().lower()}; it can't change."
            )
        fields = ["status", "officer", "findings", "investigation_started_on", "closed_on"]
        before = field_values(locked, fields)
        day = on or today()
        if officer is not None:
            if officer.agency_id not in set(
                locked.district.mous.values_list("agency_id", flat=True)
            ):
                raise ApplicationError("That officer's agency has no MOU with this district.")
            locked.officer = officer
        if findings is not None:
            locked.findings = findings
        if status is not None and status != locked.status:
            if status not in NEXT_STATUSES.get(locked.status, ()):
                allowed = ", ".join(
                    ComplaintStatus(s).label.lower() for s in NEXT_STATUSES.get(locked.status, ())
                )
                raise ApplicationError(
                    f"A complaint that is {locked.get_status_display().lower()} can go only to: {allowed}."
                )
            if status in FINDING_STATUSES and not locked.findings.strip():
                raise ApplicationError(
                    "Write the findings before closing the investigation with a finding."
                )
            if status in FINDING_STATUSES and locked.officer_id is None:
                raise ApplicationError("Name the officer before recording a finding.")
            if day < locked.received_date:
                raise ApplicationError("The date can't be before the complaint was received.")
            if status == ComplaintStatus.INVESTIGATING:
                locked.investigation_started_on = day
            else:
                locked.closed_on = day
            locked.status = status
        locked.full_clean()
        locked.save()
        changes = changes_between(before, field_values(locked, fields))
        if changes:
            audit_record(
                actor=actor,
                action="activity.complaint_updated",
                target=locked,
                district=locked.district_id,
                reason=reason,
                changes=changes,
            )
            evidence_changed(district_ids=[locked.district_id])
    return locked
