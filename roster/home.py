from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse

from core.dates import today
from core.models import AuditEvent
from roster import selectors
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    Role,
    School,
)
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    """One item per role: who the person is responsible for."""
    scope = scope_for(user)
    items: list[dict] = []
    officers = selectors.officers_visible(user=user)
    if scope.has_role(Role.COORDINATOR):
        items.append(
            {
                "title": "Your district's roster",
                "detail": f"{selectors.schools_visible(user=user).count()} schools, {officers.count()} officers",
                "url": reverse("roster:officers"),
            }
        )
        for district_id in sorted(scope.coordinator_district_ids):
            items.append(
                {
                    "title": "Download all of the district's data (zip of CSV and XLSX)",
                    "detail": "For portability and records requests.",
                    "url": reverse("roster:district-export", args=[district_id]),
                }
            )
    elif scope.has_role(Role.PRINCIPAL, Role.SUPERVISOR):
        items.append(
            {
                "title": "Officers you are responsible for",
                "detail": f"{officers.count()} officers",
                "url": reverse("roster:officers"),
            }
        )
    elif scope.has_role(Role.OFFICER):
        items.append(
            {
                "title": "Your profile and assignments",
                "detail": "",
                "url": reverse("roster:officers"),
            }
        )
    if scope.is_empty:
        items.append(
            {
                "title": "Your account has no role yet",
                "detail": "Ask your district coordinator to give you one.",
                "url": "",
            }
        )
    return items


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    items = [{"title": "Officers", "url": reverse("roster:officers")}]
    if scope_for(user).coordinator_district_ids:
        items.append({"title": "Setup", "url": reverse("setup")})
    return items


# The action ``district_settings_update`` (roster/services/organisations.py) audits.
DISTRICT_SETTINGS_ACTION = "district.settings_updated"


@dataclass(frozen=True)
class SetupStep:
    """One line of a coordinator's first-run checklist (``config/views.py::setup``).

    Every app adds its own lines through ``home.setup_steps(user=, district=)``, so
    roster never has to know about training or surveys. ``order`` places the line
    among the other apps' (in tens, to leave room); ``count`` is what the district
    has, and a step is done as soon as it has one. An ``optional`` step (settings
    with working defaults) is done from the start: it is listed to be reviewed,
    not because anything is missing.
    """

    order: int
    title: str
    count: int
    counted: str
    links: tuple[tuple[str, str], ...]
    help: str = ""
    optional: bool = False

    @property
    def done(self) -> bool:
        return self.optional or self.count > 0


def counted(count: int, singular: str, plural: str) -> str:
    """ "3 schools", "1 school", "no school yet"."""
    if count == 0:
        return f"no {singular} yet"
    return f"{count} {singular if count == 1 else plural}"


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The roster's part of the checklist, one COUNT query per step.

    Each query starts from ``visible_to(user)``: called for a district the user
    doesn't coordinate, every step reads as missing instead of leaking its counts.
    """
    day = today()
    agencies = Agency.objects.filter(Q(districts=district) | Q(mous__district=district))
    # An officer is the district's when assigned to one of its schools or serving an
    # agency it works with (the same rule as Scope.coordinator_officer_ids).
    officers = Officer.objects.visible_to(user).filter(
        Q(pk__in=Assignment.objects.filter(school__district=district).values("officer_id"))
        | Q(agency_id__in=agencies.values("pk"))
    )
    # Only the settings service's own audit rows: a roster import is also audited
    # against the district row.
    changes = (
        AuditEvent.objects.visible_to(user)
        .for_target(district)
        .filter(action=DISTRICT_SETTINGS_ACTION)
        .count()
    )
    schools = School.objects.visible_to(user).filter(district=district).count()
    agency_count = Agency.objects.visible_to(user).filter(pk__in=agencies.values("pk")).count()
    officer_count = officers.count()
    assignments = (
        Assignment.objects.visible_to(user).filter(school__district=district).active_on(day).count()
    )
    mous = (
        MOU.objects.visible_to(user)
        .filter(district=district)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .count()
    )
    years = list(
        EvaluationPeriod.objects.visible_to(user)
        .filter(district=district, end_date__gte=day)
        .order_by("start_date")
        .values_list("name", flat=True)
    )
    people = (
        Membership.objects.visible_to(user)
        .filter(district=district, is_active=True)
        .exclude(role=Role.COORDINATOR)
        .count()
    )
    return [
        SetupStep(
            order=10,
            title="District settings",
            count=changes,
            counted=(
                f"changed {changes} time{'s' if changes != 1 else ''}"
                if changes
                else "the defaults, never changed"
            ),
            optional=True,
            links=(
                (
                    "Review the settings",
                    reverse("roster:setup-district", args=[district.pk]),
                ),
            ),
            help=(
                "Working defaults; review them once. "
                f"Survey minimum k {district.survey_min_responses}, comment minimum "
                f"{district.comment_min_responses}, public report threshold "
                f"{district.public_suppression_threshold}, training reminders "
                f"{district.training_reminder_days} days ahead."
            ),
        ),
        SetupStep(
            order=20,
            title="Schools",
            count=schools,
            counted=counted(schools, "school", "schools"),
            links=(
                ("Schools", reverse("roster:schools")),
                ("Add a school", reverse("roster:school-new")),
            ),
        ),
        SetupStep(
            order=30,
            title="Police agencies",
            count=agency_count,
            counted=counted(agency_count, "agency", "agencies"),
            links=(
                ("Agencies", reverse("roster:agencies")),
                ("Add an agency", reverse("roster:agency-new")),
            ),
        ),
        SetupStep(
            order=40,
            title="Officers",
            count=officer_count,
            counted=counted(officer_count, "officer", "officers"),
            links=(
                ("Officers", reverse("roster:officers")),
                ("Import the agency's roster file", reverse("roster:imports")),
            ),
            help="Add them one by one, or import the file the agency exports.",
        ),
        SetupStep(
            order=50,
            title="Assignments of officers to schools",
            count=assignments,
            counted=counted(assignments, "current assignment", "current assignments"),
            links=(
                ("Assignments", reverse("roster:assignments")),
                ("Add an assignment", reverse("roster:assignment-new")),
            ),
            help="A roster import with a school column assigns officers too.",
        ),
        SetupStep(
            order=60,
            title="MOUs with the agencies",
            count=mous,
            counted=counted(mous, "MOU in force or to come", "MOUs in force or to come"),
            links=(
                ("MOUs", reverse("roster:mous")),
                ("Add an MOU", reverse("roster:mou-new")),
            ),
        ),
        SetupStep(
            order=80,
            title="A school year (evaluation period)",
            count=len(years),
            counted=", ".join(years) if years else "no current or coming school year",
            links=(("School years", reverse("roster:periods")),),
            help=(
                "Survey campaigns, evaluations and the public report need one; add the "
                "coming year before it starts."
            ),
        ),
        SetupStep(
            order=120,
            title="People",
            count=people,
            counted=counted(people, "person with access", "people with access"),
            links=(
                ("People", reverse("accounts:people")),
                ("Invite someone", reverse("accounts:invite")),
            ),
            help=(
                "Principals, supervisors and officers with an account; an invitation "
                "counts once it is accepted. Coordinators aren't counted."
            ),
        ),
    ]


# Headline figures on the home page of coordinators and supervisors (issue 17). Every
# app adds its own through ``home.headline_figures(user=, district=, periods=)``, read
# through its own selectors from what ``user`` may see; config lays them out.
TREND_PERIODS = 4


@dataclass(frozen=True)
class TrendPoint:
    """One period's value of a figure; ``text`` says it in words ("12 of 15")."""

    period: str
    value: float | None
    text: str


@dataclass(frozen=True)
class HeadlineFigure:
    """A figure for the latest period, with its trend over the district's periods.

    ``percent`` says whether values are shares (drawn against 100) or counts (drawn
    against the largest one)."""

    order: int
    title: str
    headline: str
    detail: str
    trend: tuple[TrendPoint, ...]
    url: str
    percent: bool = True


def share_figure(*, order: int, title: str, points: list[TrendPoint], url: str) -> HeadlineFigure:
    """A share figure whose headline is its latest period's value and text."""
    latest = points[-1]
    return HeadlineFigure(
        order=order,
        title=title,
        headline=percent_text(latest.value),
        detail=f"{latest.text} ({latest.period})",
        trend=tuple(points),
        url=url,
    )


def percent_of(part: int, whole: int) -> float | None:
    """``part`` as a share of ``whole``, to one decimal; None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def percent_text(value: float | None) -> str:
    return "no data" if value is None else f"{value:g}%"


def figure_periods(*, user: User | AnonymousUser, district: District) -> list[EvaluationPeriod]:
    """The district's latest periods that have begun, oldest first: a figure's trend."""
    periods = (
        EvaluationPeriod.objects.visible_to(user)
        .filter(district=district, start_date__lte=today())
        .order_by("-start_date")[:TREND_PERIODS]
    )
    return list(reversed(periods))


def figure_districts(*, user: User | AnonymousUser) -> list[District]:
    """The districts where the user coordinates or supervises: where figures are shown."""
    scope = scope_for(user)
    ids = scope.coordinator_district_ids | scope.supervisor_district_ids
    return list(District.objects.filter(pk__in=ids).order_by("name"))


def officers_serving(
    *, user: User | AnonymousUser, district: District, period: EvaluationPeriod
) -> QuerySet[Officer]:
    """The officers the user may see who were assigned in ``district`` during ``period``:
    a supervisor's agency officers, a coordinator's district officers.

    By the user's role in *this* district: an officer seen through a role elsewhere
    (coordinating another district where they also serve) is not counted here.
    """
    assigned = (
        Assignment.objects.filter(school__district=district)
        .overlapping(period.start_date, period.end_date)
        .values("officer_id")
    )
    officers = Officer.objects.visible_to(user).filter(pk__in=assigned)
    scope = scope_for(user)
    if scope.is_superuser or district.pk in scope.coordinator_district_ids:
        return officers
    if scope.user_id is None:
        return officers.none()
    supervised_here = Membership.objects.filter(
        user_id=scope.user_id, role=Role.SUPERVISOR, is_active=True, district=district
    ).values("agency_id")
    return officers.filter(agency_id__in=supervised_here)
