"""What the SECURe self-assessment reads of a district's removal requests
(docs/contracts.md): were they answered within the MOU's response window."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from flags.models import RemovalRequest
from flags.models.removals import PENDING_REMOVAL_STATUSES, RemovalStatus


@dataclass(frozen=True)
class RemovalTimeliness:
    filed: int
    decided: int  # granted or denied
    decided_on_time: int  # decided on or before the due date the MOU's window set
    withdrawn: int
    pending: int
    pending_overdue: int  # still waiting for an answer after the due date


def removal_timeliness_for_district(
    *, district_id: int, start: datetime.date, end: datetime.date, on: datetime.date
) -> RemovalTimeliness:
    """Requests filed between ``start`` and ``end`` (inclusive, the district's calendar),
    standing on ``on``. One query."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    rows = list(
        RemovalRequest.objects.filter(
            district_id=district_id, submitted_at__gte=first, submitted_at__lt=after
        )
        .order_by()
        .values_list("status", "due_date", "decided_at")
    )
    decided = on_time = withdrawn = pending = overdue = 0
    for status, due_date, decided_at in rows:
        if status in (RemovalStatus.GRANTED, RemovalStatus.DENIED):
            decided += 1
            on_time += bool(decided_at and timezone.localdate(decided_at) <= due_date)
        elif status == RemovalStatus.WITHDRAWN:
            withdrawn += 1
        elif status in PENDING_REMOVAL_STATUSES:
            pending += 1
            overdue += due_date < on
    return RemovalTimeliness(
        filed=len(rows),
        decided=decided,
        decided_on_time=on_time,
        withdrawn=withdrawn,
        pending=pending,
        pending_overdue=overdue,
    )
