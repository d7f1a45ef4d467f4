"""What the MOU record adds to the home page and navigation (config/home.py asks every
app in ``PROVIDERS``): a coordinator's MOU reviews due soon or overdue, and a link to
the MOU records for everyone who may read one."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.urls import reverse

from agreements.models import MOUReview, ReviewStatus
from agreements.notifications import REVIEW_REMINDER_DAYS
from agreements.permissions import can_manage_any_mou_record
from core.dates import today
from roster.models import Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from roster.home import SetupStep
    from roster.models import District


def home_tasks(*, user: User | AnonymousUser) -> list[dict]:
    if not can_manage_any_mou_record(user=user):
        return []
    horizon = today() + datetime.timedelta(days=REVIEW_REMINDER_DAYS)
    tasks = []
    for review in (
        MOUReview.objects.visible_to(user)
        .filter(status__in=[ReviewStatus.SCHEDULED, ReviewStatus.OPEN], due_date__lte=horizon)
        .select_related("mou__agency")
        .order_by("due_date")
    ):
        late = " (overdue)" if review.due_date < today() else ""
        tasks.append(
            {
                "title": f"MOU review with {review.mou.agency.name}",
                "detail": f"{review.get_status_display()}, due {review.due_date:%Y-%m-%d}{late}",
                "url": reverse("agreements:review", args=[review.pk]),
            }
        )
    return tasks


def nav_items(*, user: User | AnonymousUser) -> list[dict]:
    # By role, not by query: the navigation is on every page. Officers read no MOU record.
    if not scope_for(user).has_role(Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR):
        return []
    return [{"title": "MOUs", "url": reverse("agreements:mous")}]


def setup_steps(*, user: User, district: District) -> list[SetupStep]:
    """Not a setup step: an MOU's record starts from the MOU set up in roster."""
    return []
