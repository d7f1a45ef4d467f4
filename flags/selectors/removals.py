"""Every read of removal requests starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from core.audit import audit_history
from core.dates import today
from core.models import AuditEvent
from flags.models import Flag, RemovalRequest
from roster.models import Assignment, EvaluationPeriod, Officer
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from flags.models.removals import RemovalRequestQuerySet


def removal_requests_visible(*, user: User | AnonymousUser) -> RemovalRequestQuerySet:
    requests = RemovalRequest.objects.visible_to(user)
    return requests.select_related(
        "officer__agency",
        "school",
        "district",
        "filed_by",
        "decided_by",
        "review_started_by",
        "mou",
    )


def removal_request_detail(*, user: User | AnonymousUser, pk: int) -> RemovalRequest:
    """One request with its cited flags; ``RemovalRequest.DoesNotExist`` outside the user's scope."""
    flags = Flag.objects.select_related("rule")
    return (
        removal_requests_visible(user=user)
        .prefetch_related(Prefetch("cited_flags", queryset=flags))
        .get(pk=pk)
    )


def removal_request_history(*, request: RemovalRequest) -> QuerySet[AuditEvent]:
    return audit_history(request)


def removal_candidates(*, user: User | AnonymousUser) -> QuerySet[Assignment]:
    """Officers assigned today at a school where the user is a principal."""
    scope = scope_for(user)
    return (
        Assignment.objects.active_on(today())
        .filter(school_id__in=scope.school_ids)
        .select_related("officer__agency", "school")
        .order_by("school__name", "officer__last_name", "officer__first_name")
    )


def removal_citable_flags(*, user: User | AnonymousUser, officer: Officer) -> QuerySet[Flag]:
    return (
        Flag.objects.visible_to(user)
        .filter(officer=officer)
        .select_related("rule", "period")
        .order_by("-raised_at")
    )


@dataclass(frozen=True)
class RemovalRequestSummary:
    """A removal request as the packet shows it (issue 7)."""

    id: int
    officer_id: int
    school_id: int
    school_name: str
    status: str
    status_label: str
    reason: str
    cited_flag_ids: tuple[int, ...]
    submitted_at: datetime.datetime
    due_date: datetime.date
    decided_at: datetime.datetime | None
    decision_reasons: str
    assignment_end_date: datetime.date | None
    is_pending: bool
    is_overdue: bool


def removal_requests_for_officers(
    *, officer_ids: Iterable[int], period: EvaluationPeriod
) -> dict[int, list[RemovalRequestSummary]]:
    """Requests filed during the period for these officers, newest first; two queries."""
    ids = list(officer_ids)
    result: dict[int, list[RemovalRequestSummary]] = {officer_id: [] for officer_id in ids}
    on = today()
    requests = (
        RemovalRequest.objects.filter(
            officer_id__in=ids,
            submitted_at__date__gte=period.start_date,
            submitted_at__date__lte=period.end_date,
        )
        .select_related("school")
        .prefetch_related(Prefetch("cited_flags", queryset=Flag.objects.only("id")))
        .order_by("officer_id", "-submitted_at", "-id")
    )
    for request in requests:
        result[request.officer_id].append(
            RemovalRequestSummary(
                id=request.pk,
                officer_id=request.officer_id,
                school_id=request.school_id,
                school_name=request.school.name,
                status=request.status,
                status_label=request.get_status_display(),
                reason=request.reason,
                cited_flag_ids=tuple(sorted(flag.pk for flag in request.cited_flags.all())),
                submitted_at=request.submitted_at,
                due_date=request.due_date,
                decided_at=request.decided_at,
                decision_reasons=request.decision_reasons,
                assignment_end_date=request.assignment_end_date,
                is_pending=request.is_pending,
                is_overdue=request.is_pending and request.due_date < on,
            )
        )
    return result
