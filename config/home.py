"""The home page lists, per role, what that person has to do; the setup checklist
lists what a coordinator's district still lacks.

config is the top of the import graph, so it may ask every app; apps add their
items through their own ``home.home_tasks(user=...)`` and their checklist steps
through ``home.setup_steps(user=..., district=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.urls import reverse

from activity import home as activity_home
from agreements import home as agreements_home
from evaluations import home as evaluations_home
from flags import home as flags_home
from hiring import home as hiring_home
from packets import home as packets_home
from roster import home as roster_home
from roster.home import HeadlineFigure, figure_districts, figure_periods
from roster.models import District
from roster.scoping import scope_for
from selfassessment import home as selfassessment_home
from surveys import home as surveys_home
from training_records import home as training_home

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep

# The apps whose headline figures the coordinator's and supervisor's home shows.
FIGURE_PROVIDERS = [training_home, evaluations_home, surveys_home, flags_home, packets_home]
PROVIDERS = [
    roster_home,
    training_home,
    evaluations_home,
    flags_home,
    packets_home,
    surveys_home,
    activity_home,
    agreements_home,
    hiring_home,
    selfassessment_home,
]


def home_sections(*, user: User | AnonymousUser) -> list[dict]:
    sections = setup_reminders(user=user)
    for provider in PROVIDERS:
        sections.extend(provider.home_tasks(user=user))
    return sections


def coordinated_districts(*, user: User | AnonymousUser) -> QuerySet[District]:
    """The districts whose checklist the user may read: those they coordinate."""
    scope = scope_for(user)
    if scope.is_superuser:
        return District.objects.all()
    return District.objects.filter(pk__in=scope.coordinator_district_ids)


def setup_checklist(*, user: User, district: District) -> list[SetupStep]:
    """Every app's steps for ``district``, in the order a coordinator takes them."""
    steps: list[SetupStep] = []
    for provider in PROVIDERS:
        steps.extend(provider.setup_steps(user=user, district=district))
    return sorted(steps, key=lambda step: step.order)


def setup_reminders(*, user: User | AnonymousUser) -> list[dict]:
    """A home-page line per coordinated district whose checklist isn't complete.

    Only coordinators of a few districts pay for it (a dozen COUNTs a district); a
    superuser who coordinates nothing isn't reminded of every district.
    """
    if user.is_anonymous:
        return []
    scope = scope_for(user)
    if not scope.coordinator_district_ids:
        return []
    items = []
    for district in District.objects.filter(pk__in=scope.coordinator_district_ids):
        steps = setup_checklist(user=user, district=district)
        missing = [step for step in steps if not step.done]
        if missing:
            names = "; ".join(step.title for step in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            items.append(
                {
                    "title": f"Finish setting up {district.name}",
                    "detail": f"{len(steps) - len(missing)} of {len(steps)} steps done. "
                    f"Missing: {names}{more}.",
                    "url": reverse("setup") + f"?district={district.pk}",
                }
            )
    return items


# The trend chart's drawing box, in SVG user units (CSS scales it).
TREND_WIDTH = 120
TREND_HEIGHT = 36
TREND_GAP = 4


@dataclass(frozen=True)
class TrendBar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class FigureShown:
    """A headline figure with the bars of its trend, laid out for the SVG."""

    figure: HeadlineFigure
    bars: tuple[TrendBar, ...]

    @property
    def has_bars(self) -> bool:
        """False when no period has a value: an empty chart would say nothing."""
        return any(bar.height for bar in self.bars)

    @property
    def description(self) -> str:
        """The chart in words, for screen readers and for everyone under it."""
        return "; ".join(f"{point.period}: {point.text}" for point in self.figure.trend)


@dataclass(frozen=True)
class DistrictFigures:
    district: District
    figures: list[FigureShown]


def trend_bars(figure: HeadlineFigure) -> tuple[TrendBar, ...]:
    """One bar a period, against 100 for a share and the largest value for a count;
    a period with no value (nothing due) gets no bar, not a bar of zero."""
    values = [point.value for point in figure.trend]
    top = 100.0 if figure.percent else max([v for v in values if v is not None] or [0]) or 1
    width = (TREND_WIDTH - TREND_GAP * (len(values) - 1)) / max(len(values), 1)
    bars = []
    for i, value in enumerate(values):
        # At least one unit high, so a zero still shows where the period is.
        height = 0.0 if value is None else max(1.0, TREND_HEIGHT * min(value, top) / top)
        bars.append(TrendBar(i * (width + TREND_GAP), TREND_HEIGHT - height, width, height))
    return tuple(bars)


def home_figures(*, user: User | AnonymousUser) -> list[DistrictFigures]:
    """Headline figures for each district the user coordinates or supervises, every
    app's read through its own selectors from what the user may see."""
    if user.is_anonymous:
        return []
    shown = []
    for district in figure_districts(user=user):
        periods = figure_periods(user=user, district=district)
        figures = [
            figure
            for provider in FIGURE_PROVIDERS
            for figure in provider.headline_figures(user=user, district=district, periods=periods)
        ]
        if figures:
            shown.append(
                DistrictFigures(
                    district,
                    [
                        FigureShown(figure, trend_bars(figure))
                        for figure in sorted(figures, key=lambda f: f.order)
                    ],
                )
            )
    return shown
