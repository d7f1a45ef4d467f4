"""Complaints: the public submission, and the investigators' status changes (audited)."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.db import transaction

from activity.models import Complaint, ComplaintSource, ComplaintStatus
from activity.models.complaints import FINDING_STATUSES, NEXT_STATUSES
from core.audit import audit_record, changes_between, field_values
from core.changes import evidence_changed
from core.dates import today
from core.errors import ApplicationError, ConflictError
from roster.models import District, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Crockford's base32 without I, L, O, U: easy to read aloud and type.
TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_LENGTH = 12  # 60 random bits


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_LENGTH, 4))


def normalise_tracking_code(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def hash_tracking_code(code: str) -> str:
    return hashlib.sha256(normalise_tracking_code(code).encode()).hexdigest()


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
    received_date: datetime.date | None = None,
    actor: User | None = None,
) -> tuple[Complaint, str]:
    """Record a complaint; returns it and the tracking code, which is shown once and not stored."""
    if source == ComplaintSource.ANONYMOUS:
        contact_name = contact_email = contact_phone = ""
    if (
        officer is not None
        and school is not None
        and not officer.assignments.filter(school=school).exists()
    ):
        raise ApplicationError("That officer has not served at that school.")
    code = new_tracking_code()
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
        tracking_code_hash=hash_tracking_code(code),
    )
    with transaction.atomic():
        complaint.full_clean()
        complaint.save()
        # The audit row names no complainant: the account and contact stay on the complaint.
        audit_record(
            actor=actor,
            action="activity.complaint_received",
            target=complaint,
            district=district,
            changes={"status": [None, complaint.status], "source": [None, source]},
        )
    return complaint, code


def complaint_status_for_code(*, code: str) -> str | None:
    """The status label for a tracking code, or None; nothing else about the complaint."""
    status = (
        Complaint.objects.filter(tracking_code_hash=hash_tracking_code(code))
        .values_list("status", flat=True)
        .first()
    )
    return ComplaintStatus(status).label if status else None


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
