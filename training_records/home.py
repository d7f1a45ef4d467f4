"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse

from core.dates import today
from roster.scoping import scope_for
from training_records import selectors
from training_records.compliance import ComplianceStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


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
