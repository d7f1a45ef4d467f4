"""What flags and removal requests add to a signed-in person's home page and navigation
(config/home.py asks every app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse

from core.dates import today
from flags.models import Flag, FlagRule
from flags.permissions import can_see_flag_board
from flags.selectors.flags import flag_severity_counts
from flags.selectors.removals import removal_requests_visible
from roster.home import HeadlineFigure, SetupStep, TrendPoint, counted
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District, EvaluationPeriod


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    if not can_see_flag_board(user=user):
        return []
    items = []
    counts = flag_severity_counts(flags=Flag.objects.visible_to(user))
    active = sum(counts.values())
    if active:
        detail = ", ".join(f"{count} {label.lower()}" for label, count in counts.items() if count)
        items.append(
            {
                "title": f"{active} open flag(s) to look at",
                "detail": detail,
                "url": reverse("flags:board"),
            }
        )
    pending = removal_requests_visible(user=user).pending()
    overdue = pending.filter(due_date__lt=today()).count()
    waiting = pending.count()
    if waiting:
        items.append(
            {
                "title": f"{waiting} removal request(s) awaiting the agency's answer",
                "detail": f"{overdue} overdue" if overdue else "",
                "url": reverse("flags:removals"),
            }
        )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    return [
        {"title": "Flags", "url": reverse("flags:board")},
        {"title": "Removal requests", "url": reverse("flags:removals")},
    ]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The district's early-warning rules (config/views.py::setup)."""
    count = FlagRule.objects.visible_to(user).filter(district=district, is_active=True).count()
    return [
        SetupStep(
            order=110,
            title="Flag rules",
            count=count,
            counted=counted(count, "active rule", "active rules"),
            links=(
                ("Flag rules", reverse("flags:rules")),
                ("Add a rule", reverse("flags:rule-new")),
            ),
            help="The thresholds that raise an early-warning flag on an officer.",
        )
    ]


def headline_figures(
    *, user: User | AnonymousUser, district: District, periods: list[EvaluationPeriod]
) -> list[HeadlineFigure]:
    """Open flags by severity now, and the flags raised in each period (two queries)."""
    if not periods or not can_see_flag_board(user=user):
        return []
    flags = Flag.objects.visible_to(user).filter(district=district)
    counts = flag_severity_counts(flags=flags)
    raised = dict(
        flags.filter(period__in=periods).values_list("period_id").annotate(n=Count("id")).order_by()
    )
    points = tuple(
        TrendPoint(
            period.name,
            raised.get(period.pk, 0),
            counted(raised.get(period.pk, 0), "flag raised", "flags raised"),
        )
        for period in periods
    )
    by_severity = ", ".join(f"{count} {label.lower()}" for label, count in counts.items())
    return [
        HeadlineFigure(
            order=40,
            title="Open flags",
            headline=str(sum(counts.values())),
            detail=f"By severity: {by_severity}",
            trend=points,
            url=reverse("flags:board"),
            percent=False,
        )
    ]
