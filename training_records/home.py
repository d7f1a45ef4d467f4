"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from core.dates import today
from roster.home import (
    HeadlineFigure,
    SetupStep,
    TrendPoint,
    counted,
    officers_serving,
    percent_of,
    share_figure,
)
from roster.scoping import scope_for
from training_records import selectors
from training_records.compliance import ComplianceStatus
from training_records.models import TrainingRequirement

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.models import District, EvaluationPeriod


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    rows = selectors.compliance_rows(user=user, on=today())
    if not rows:
        return []
    overdue = sum(1 for r in rows if r.compliance.worst_status == ComplianceStatus.OVERDUE)
    missing = sum(1 for r in rows if r.compliance.worst_status == ComplianceStatus.MISSING)
    due_soon = sum(1 for r in rows if r.compliance.worst_status == ComplianceStatus.DUE_SOON)
    return [
        {
            "title": "Training compliance",
            "detail": f"{overdue} officers overdue, {missing} missing training, {due_soon} due within 60 days",
            "url": reverse("training_records:dashboard"),
        }
    ]


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    if scope_for(user).is_empty:
        return []
    return [{"title": "Training", "url": reverse("training_records:dashboard")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """The training the district's MOUs require (config/views.py::setup)."""
    count = TrainingRequirement.objects.visible_to(user).filter(mou__district=district).count()
    return [
        SetupStep(
            order=70,
            title="Training the MOUs require",
            count=count,
            counted=counted(count, "requirement", "requirements"),
            links=(
                ("Training catalog and requirements", reverse("training_records:catalog")),
                ("Import a training log", reverse("training_records:imports")),
            ),
            help="Each MOU lists the courses its officers must complete; add an MOU first.",
        )
    ]


def headline_figures(
    *, user: User | AnonymousUser, district: District, periods: list[EvaluationPeriod]
) -> list[HeadlineFigure]:
    """The share of the officers serving in the district (those the user may see) who
    met every training requirement, at each period's end (or today, for the current one).

    Five queries a period: one for the officers, four for their compliance.
    """
    if not periods:
        return []
    points = []
    for period in periods:
        officer_ids = list(
            officers_serving(user=user, district=district, period=period).values_list(
                "pk", flat=True
            )
        )
        on = min(period.end_date, today())
        standing = selectors.compliance_for_officers(officer_ids=officer_ids, on=on)
        met = sum(1 for c in standing.values() if c.worst_status == ComplianceStatus.MET)
        value = percent_of(met, len(officer_ids))
        points.append(
            TrendPoint(period.name, value, f"{met} of {len(officer_ids)} officers compliant")
        )
    return [
        share_figure(
            order=10,
            title="Training compliance",
            points=points,
            url=reverse("training_records:dashboard"),
        )
    ]
