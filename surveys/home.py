"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from core.dates import today
from roster.home import HeadlineFigure, SetupStep, TrendPoint, counted, percent_of, percent_text
from roster.scoping import scope_for
from surveys.models import Campaign
from surveys.permissions import can_manage_surveys
from surveys.selectors import campaign_response_rates, campaigns_managed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District, EvaluationPeriod


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    scope = scope_for(user)
    if scope.is_empty:
        return []
    items = []
    if can_manage_surveys(user=user):
        day = today()
        open_now = (
            campaigns_managed(user=user).filter(opens_on__lte=day, closes_on__gte=day).count()
        )
        items.append(
            {
                "title": "Anonymous surveys",
                "detail": f"{open_now} campaign(s) open now: issue codes, watch response rates",
                "url": reverse("surveys:campaigns"),
            }
        )
    items.append(
        {"title": "Survey results", "detail": "Aggregates only", "url": reverse("surveys:results")}
    )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    return [{"title": "Surveys", "url": reverse("surveys:campaigns")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The district's survey campaigns (config/views.py::setup)."""
    count = Campaign.objects.visible_to(user).filter(district=district).count()
    return [
        SetupStep(
            order=100,
            title="A survey campaign",
            count=count,
            counted=counted(count, "campaign", "campaigns"),
            links=(
                ("Survey campaigns", reverse("surveys:campaigns")),
                ("Create a campaign", reverse("surveys:campaign-new")),
            ),
            help="Students, families, staff and peers answer anonymously; a campaign needs a school year.",
        )
    ]


def headline_figures(
    *, user: User | AnonymousUser, district: District, periods: list[EvaluationPeriod]
) -> list[HeadlineFigure]:
    """The share of on-time codes used in each period's campaigns, for their coordinator.

    Built only from ``campaign_response_rates``' steps of k (the lower end of each
    group's step), never from exact response counts: a district-wide exact count read
    twice would say that someone just answered (anonymity invariant 3). So it reads
    "at least". Three queries per campaign that has opened.
    """
    if not periods or district.pk not in scope_for(user).coordinator_district_ids:
        return []
    used: dict[int, int] = dict.fromkeys((p.pk for p in periods), 0)
    codes: dict[int, int] = dict.fromkeys((p.pk for p in periods), 0)
    for campaign in campaigns_managed(user=user).filter(
        district=district, period__in=periods, opens_on__lte=today()
    ):
        for rate in campaign_response_rates(campaign=campaign):
            used[campaign.period_id] += rate.responses_low
            codes[campaign.period_id] += rate.codes_issued - rate.late_codes
    points = tuple(
        TrendPoint(
            period.name,
            percent_of(used[period.pk], codes[period.pk]),
            f"at least {used[period.pk]} of {codes[period.pk]} codes used"
            if codes[period.pk]
            else "no codes issued",
        )
        for period in periods
    )
    latest = points[-1]
    return [
        HeadlineFigure(
            order=30,
            title="Survey response rate",
            headline=f"at least {percent_text(latest.value)}"
            if latest.value is not None
            else percent_text(None),
            detail=f"{latest.text} ({latest.period})",
            trend=points,
            url=reverse("surveys:campaigns"),
        )
    ]
