"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse

from evaluations.models.evaluations import EDITABLE_STATUSES, SIGNED_STATUSES
from evaluations.models.rubrics import Rubric
from evaluations.selectors import evaluations as selectors
from roster.home import (
    HeadlineFigure,
    SetupStep,
    TrendPoint,
    counted,
    officers_serving,
    percent_of,
    share_figure,
)
from roster.models import Assignment, Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District, EvaluationPeriod


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    scope = scope_for(user)
    items: list[dict] = []
    url = reverse("evaluation-list")
    if scope.has_role(Role.PRINCIPAL, Role.COORDINATOR):
        period = selectors.period_chosen(user=user, period_id=None)
        if period:
            rows = selectors.officers_to_evaluate(user=user, period=period)
            open_rows = [
                r for r in rows if r.evaluation is None or r.evaluation.status in EDITABLE_STATUSES
            ]
            if open_rows:
                due = min(r.due_date for r in open_rows)
                items.append(
                    {
                        "title": "Officers to evaluate",
                        "detail": f"{len(open_rows)} of {len(rows)} evaluations for {period.name} not yet submitted; due {due:%Y-%m-%d}",
                        "url": url,
                    }
                )
    if scope.has_role(Role.SUPERVISOR, Role.COORDINATOR):
        count = selectors.evaluations_awaiting_review(user=user).count()
        if count:
            items.append(
                {
                    "title": "Evaluations awaiting your review",
                    "detail": f"{count} submitted",
                    "url": url,
                }
            )
    if scope.has_role(Role.OFFICER):
        count = selectors.evaluations_awaiting_acknowledgement(user=user).count()
        if count:
            items.append(
                {
                    "title": "Evaluations to acknowledge",
                    "detail": f"{count} waiting for you",
                    "url": url,
                }
            )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    return [{"title": "Evaluations", "url": reverse("evaluation-list")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The rubric principals evaluate officers with (config/views.py::setup)."""
    count = Rubric.objects.visible_to(user).filter(district=district).count()
    return [
        SetupStep(
            order=90,
            title="An evaluation rubric",
            count=count,
            counted=counted(count, "rubric version", "rubric versions"),
            links=(("Rubrics", reverse("rubric-list")),),
            help="Load the default SECURe rubric there, then adapt it if you need to.",
        )
    ]


def headline_figures(
    *, user: User | AnonymousUser, district: District, periods: list[EvaluationPeriod]
) -> list[HeadlineFigure]:
    """Evaluations signed by a principal, of those due: one per officer and school where
    an officer the user may see served during the period. One query per period, and one."""
    if not periods:
        return []
    signed = dict(
        selectors.evaluations_visible(user=user)
        .filter(district=district, period__in=periods, status__in=SIGNED_STATUSES)
        .values_list("period_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    points = []
    for period in periods:
        due = (
            Assignment.objects.filter(
                school__district=district,
                officer__in=officers_serving(user=user, district=district, period=period),
            )
            .overlapping(period.start_date, period.end_date)
            .values("officer_id", "school_id")
            .distinct()
            .count()
        )
        done = signed.get(period.pk, 0)
        points.append(TrendPoint(period.name, percent_of(done, due), f"{done} of {due} signed"))
    return [
        share_figure(
            order=20, title="Evaluations completed", points=points, url=reverse("evaluation-list")
        )
    ]
