"""What packets add to a signed-in person's home page and navigation (config/home.py
asks every app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.urls import reverse

from packets.models import LOCKED_STATUSES, PacketStatus
from packets.selectors import packets_visible
from roster.home import HeadlineFigure, TrendPoint, percent_of, share_figure
from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep
    from roster.models import District, EvaluationPeriod


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    """Packets a supervisor has to review, and an officer to acknowledge."""
    scope = scope_for(user)
    items: list[dict] = []
    if scope.is_empty:
        return items
    packets = packets_visible(user=user)
    if Role.SUPERVISOR in scope.roles:
        waiting = packets.filter(
            officer__agency_id__in=scope.agency_ids, latest_status=PacketStatus.READY
        ).count()
        if waiting:
            items.append(
                {
                    "title": "Evaluation packets to sign off",
                    "detail": f"{waiting} packet{'s' if waiting != 1 else ''} ready for your review",
                    "url": reverse("packets:list") + f"?status={PacketStatus.READY}",
                }
            )
    if Role.OFFICER in scope.roles:
        for packet in packets.filter(
            officer_id__in=scope.officer_ids, latest_status=PacketStatus.SIGNED_OFF
        ):
            items.append(
                {
                    "title": f"Acknowledge your {packet.period.name} evaluation packet",
                    "detail": "Signed off by your supervisor; add a response if you wish.",
                    "url": reverse("packets:version", args=[packet.latest_version_id]),
                }
            )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    return (
        [] if scope_for(user).is_empty else [{"title": "Packets", "url": reverse("packets:list")}]
    )


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """Nothing to set up here: packets are built from what the other apps hold."""
    return []


def headline_figures(
    *, user: User | AnonymousUser, district: District, periods: list[EvaluationPeriod]
) -> list[HeadlineFigure]:
    """Packets whose latest version is signed off, of those built, per period (one query)."""
    if not periods:
        return []
    counts = {
        row["period_id"]: row
        for row in packets_visible(user=user)
        .filter(period__district=district, period__in=periods, latest_version_id__isnull=False)
        .values("period_id")
        .annotate(
            built=Count("id"), signed=Count("id", filter=Q(latest_status__in=LOCKED_STATUSES))
        )
        .order_by()
    }
    points = []
    for period in periods:
        row = counts.get(period.pk, {"built": 0, "signed": 0})
        points.append(
            TrendPoint(
                period.name,
                percent_of(row["signed"], row["built"]),
                f"{row['signed']} of {row['built']} signed off",
            )
        )
    return [
        share_figure(
            order=50, title="Packets signed off", points=points, url=reverse("packets:list")
        )
    ]
