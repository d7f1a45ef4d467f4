"""MOUs: a coordinator records the district's memorandum with an agency and its dates."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError
from roster.models import MOU, Agency, District

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TERM_FIELDS = (
    "effective_date",
    "end_date",
    "next_review_date",
    "removal_response_days",
    "evaluation_acknowledgement_days",
)


def _refuse_overlap(*, mou: MOU) -> None:
    """One MOU of a district and an agency in force on any day: the removal-request window
    and the required training are read from "the MOU in force", which must be one. The
    caller holds the agency's row lock, so two requests can't both pass this check."""
    clash = (
        MOU.objects.filter(district_id=mou.district_id, agency_id=mou.agency_id)
        .filter(effective_date__lte=mou.end_date or datetime.date.max)
        .exclude(end_date__lt=mou.effective_date)
        .exclude(pk=mou.pk)
        .order_by("effective_date")
        .first()
    )
    if clash is not None:
        until = f"until {clash.end_date:%Y-%m-%d}" if clash.end_date else "with no end date"
        raise ApplicationError(
            f"The district already has an MOU with {mou.agency.name} in force from"
            f" {clash.effective_date:%Y-%m-%d} {until}; two can't be in force on the same day."
            " End that one first, or choose dates after it."
        )


def mou_create(
    *,
    district: District,
    agency: Agency,
    effective_date: datetime.date,
    end_date: datetime.date | None = None,
    next_review_date: datetime.date | None = None,
    removal_response_days: int = 30,
    evaluation_acknowledgement_days: int = 14,
    actor: User,
) -> MOU:
    """Record an MOU; the agency then counts as one the district works with."""
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        mou = MOU(
            district=district,
            agency=agency,
            effective_date=effective_date,
            end_date=end_date,
            next_review_date=next_review_date,
            removal_response_days=removal_response_days,
            evaluation_acknowledgement_days=evaluation_acknowledgement_days,
        )
        mou.full_clean()
        _refuse_overlap(mou=mou)
        mou.save()
        agency.districts.add(district)
        audit_record(
            actor=actor,
            action="mou.created",
            target=mou,
            district=district,
            changes=changes_between({}, field_values(mou, ("district", "agency", *TERM_FIELDS))),
        )
    return mou


def mou_update(
    *,
    mou: MOU,
    effective_date: datetime.date,
    end_date: datetime.date | None,
    next_review_date: datetime.date | None,
    removal_response_days: int,
    evaluation_acknowledgement_days: int | None = None,
    actor: User,
) -> MOU:
    """Set an MOU's terms, audited with what changed.

    Its district and agency are what the MOU *is*, so they don't change: another pair
    is another MOU. ``evaluation_acknowledgement_days=None`` keeps the current window."""
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=mou.agency_id).first()
        mou = MOU.objects.select_related("district", "agency").get(pk=mou.pk)
        before = field_values(mou, TERM_FIELDS)
        mou.effective_date = effective_date
        mou.end_date = end_date
        mou.next_review_date = next_review_date
        mou.removal_response_days = removal_response_days
        if evaluation_acknowledgement_days is not None:
            mou.evaluation_acknowledgement_days = evaluation_acknowledgement_days
        after = field_values(mou, TERM_FIELDS)
        if after == before:
            return mou
        mou.full_clean()
        _refuse_overlap(mou=mou)
        mou.save()
        audit_record(
            actor=actor,
            action="mou.updated",
            target=mou,
            district=mou.district_id,
            changes=changes_between(before, after),
        )
    return mou
