"""Reads about complaints: what the tracking page may show for a code, and the files
and list behind the staff pages (each starting from ``visible_to(user)``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activity.models import Complaint, ComplaintAttachment, ComplaintStatus
from activity.selectors.records import complaints_visible
from activity.tracking_codes import hash_tracking_code

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District

# What happens next, in plain words, at each status. Nothing here depends on the
# complaint's content: anyone holding the code reads it.
NEXT_STEP: dict[str, Promise] = {
    ComplaintStatus.RECEIVED: _(
        "The district and the police agency are reading your complaint and deciding how to "
        "investigate it. When the investigation starts, its date will appear here."
    ),
    ComplaintStatus.INVESTIGATING: _(
        "Investigators are finding out what happened, for example by talking to people who "
        "were there. When they finish, this page will show the date and the outcome."
    ),
}
CLOSED_STEP = _("The complaint is closed. Nothing more will change on this page.")
# What each outcome means, so a reader doesn't have to know the police terms.
OUTCOME_MEANING: dict[str, Promise] = {
    ComplaintStatus.SUSTAINED: _(
        "The investigation found that what the complaint describes happened and broke the rules."
    ),
    ComplaintStatus.NOT_SUSTAINED: _(
        "The investigation could not find enough evidence to say whether it happened or not."
    ),
    ComplaintStatus.UNFOUNDED: _(
        "The investigation found that what the complaint describes did not happen."
    ),
    ComplaintStatus.EXONERATED: _(
        "The investigation found that it happened, but the officer followed the rules."
    ),
    ComplaintStatus.WITHDRAWN: _("The complaint was withdrawn before a finding."),
}


@dataclass(frozen=True)
class TrackingStep:
    label: Promise
    day: datetime.date | None
    detail: str = ""

    @property
    def done(self) -> bool:
        return self.day is not None


@dataclass(frozen=True)
class ComplaintTracking:
    """All the tracking page shows: the steps with their dates and what comes next.
    Never the account, the officer, the school, the contact or the files."""

    district: District
    status_label: str
    steps: tuple[TrackingStep, ...]
    next_step: Promise
    outcome_meaning: Promise | None


def complaint_id_for_code(*, code: str) -> int | None:
    """The complaint a tracking code belongs to, or None."""
    return (
        Complaint.objects.filter(tracking_code_hash=hash_tracking_code(code))
        .values_list("pk", flat=True)
        .first()
    )


def complaint_tracking(*, complaint_id: int) -> ComplaintTracking | None:
    complaint = (
        Complaint.objects.select_related("district")
        .only(
            "status",
            "received_date",
            "investigation_started_on",
            "closed_on",
            "district__name",
            "district__code",
            "district__public_contact_name",
            "district__public_contact_email",
            "district__public_contact_phone",
        )
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None:
        return None
    closed = complaint.is_closed
    return ComplaintTracking(
        district=complaint.district,
        status_label=str(complaint.get_status_display()),
        steps=(
            TrackingStep(_("Received"), complaint.received_date),
            TrackingStep(_("Investigation started"), complaint.investigation_started_on),
            TrackingStep(
                _("Closed"),
                complaint.closed_on,
                str(complaint.get_status_display()) if closed else "",
            ),
        ),
        next_step=CLOSED_STEP if closed else NEXT_STEP[complaint.status],
        outcome_meaning=OUTCOME_MEANING.get(complaint.status),
    )


def complaints_for_list(*, user: User | AnonymousUser) -> QuerySet[Complaint]:
    # A GROUP BY drops Meta.ordering: the list says its order again.
    return (
        complaints_visible(user=user)
        .annotate(attachment_count=Count("attachments"))
        .order_by("-received_date", "-id")
    )


def complaint_attachments(
    *, user: User | AnonymousUser, complaint: Complaint
) -> QuerySet[ComplaintAttachment]:
    return ComplaintAttachment.objects.visible_to(user).filter(complaint=complaint)


def complaint_attachments_visible(*, user: User | AnonymousUser) -> QuerySet[ComplaintAttachment]:
    return ComplaintAttachment.objects.visible_to(user)
