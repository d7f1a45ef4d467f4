"""Writes of training records and school-staff sessions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.changes import evidence_changed
from core.dates import today
from core.errors import ApplicationError, ConflictError
from roster.models import MOU, Agency, Officer, School
from training_records.models import (
    Course,
    RecordSource,
    StaffTrainingSession,
    TrainingRecord,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def agency_district_id(agency: Agency) -> int | None:
    return (
        MOU.objects.filter(agency=agency)
        .order_by("-effective_date")
        .values_list("district_id", flat=True)
        .first()
    )


# Records ------------------------------------------------------------------------


def training_record_create(
    *,
    officer: Officer,
    course: Course,
    completed_on: datetime.date,
    hours: Decimal | None = None,
    provider: str = "",
    certificate=None,
    entered_by=None,
) -> TrainingRecord:
    if completed_on > today():
        raise ApplicationError("The completion date is in the future.")
    if TrainingRecord.objects.filter(
        officer=officer, course=course, completed_on=completed_on
    ).exists():
        raise ConflictError(
            f"{officer.full_name} already has {course.code} on {completed_on.isoformat()}."
        )
    record = TrainingRecord(
        officer=officer,
        course=course,
        completed_on=completed_on,
        hours=course.hours if hours is None else hours,
        provider=provider,
        source=RecordSource.ENTERED,
        entered_by=entered_by if getattr(entered_by, "is_authenticated", False) else None,
    )
    if certificate is not None:
        record.certificate = certificate
    with transaction.atomic():
        record.full_clean()
        record.save()
        audit_record(
            actor=entered_by,
            action="training.record_entered",
            target=record,
            district=agency_district_id(officer.agency),
            changes=changes_between(
                {}, field_values(record, ["officer", "course", "completed_on", "hours", "provider"])
            ),
        )
        evidence_changed(district_ids=[agency_district_id(officer.agency)])
    return record


def training_record_verify(*, record: TrainingRecord, verified_by) -> TrainingRecord:
    if record.verified_by_id:
        raise ConflictError("This record is already verified.")
    with transaction.atomic():
        record.verified_by = verified_by
        record.verified_at = timezone.now()
        record.save(update_fields=["verified_by", "verified_at", "updated_at"])
        audit_record(
            actor=verified_by,
            action="training.record_verified",
            target=record,
            district=agency_district_id(record.officer.agency),
        )
    return record


# Staff sessions -----------------------------------------------------------------


def staff_session_create(
    *,
    school: School,
    held_on: datetime.date,
    topic: str,
    attendee_count: int,
    actor: User | None = None,
) -> StaffTrainingSession:
    if held_on > today():
        raise ApplicationError("A session can only be recorded once it has been held.")
    session = StaffTrainingSession(
        school=school,
        held_on=held_on,
        topic=topic,
        attendee_count=attendee_count,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        session.full_clean()
        session.save()
        audit_record(
            actor=actor,
            action="training.staff_session_recorded",
            target=session,
            district=school.district_id,
            changes=changes_between(
                {}, field_values(session, ["school", "held_on", "topic", "attendee_count"])
            ),
        )
    return session
