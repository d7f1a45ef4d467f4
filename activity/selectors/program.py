"""What the SECURe self-assessment reads of a district's activity record
(docs/contracts.md): whether its public report is out, and whether complaints reach an
outcome. District-wide figures, a fixed number of queries whatever their size."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from activity.models import Complaint, PublishedReport, ReportRelease
from activity.models.complaints import FINDING_STATUSES, ComplaintStatus


@dataclass(frozen=True)
class PublicReportStatus:
    period_id: int
    # The report is public now (a coordinator published it and has not taken it down).
    published: bool
    releases: int
    latest_release_number: int | None
    latest_release_on: datetime.date | None


@dataclass(frozen=True)
class ComplaintOutcomes:
    received: int
    with_finding: int
    withdrawn: int
    # Received or under investigation: still waiting for an outcome.
    open: int


def public_report_status_for_periods(
    *, district_id: int, period_ids: Iterable[int]
) -> dict[int, PublicReportStatus]:
    """Each period's public report: published or not, and its releases. Two queries."""
    ids = sorted(set(period_ids))
    published = set(
        PublishedReport.objects.filter(district_id=district_id, period_id__in=ids).values_list(
            "period_id", flat=True
        )
    )
    releases = {
        row["period_id"]: row
        for row in ReportRelease.objects.filter(district_id=district_id, period_id__in=ids)
        .order_by()
        .values("period_id")
        .annotate(count=Count("id"), number=Max("number"), last=Max("created_at"))
    }
    result = {}
    for period_id in ids:
        row = releases.get(period_id)
        result[period_id] = PublicReportStatus(
            period_id=period_id,
            published=period_id in published,
            releases=row["count"] if row else 0,
            latest_release_number=row["number"] if row else None,
            latest_release_on=row["last"].date() if row else None,
        )
    return result


def complaint_outcomes_for_district(
    *, district_id: int, start: datetime.date, end: datetime.date
) -> ComplaintOutcomes:
    """Complaints received between ``start`` and ``end`` (inclusive) by where they stand.
    One query."""
    figures = Complaint.objects.filter(
        district_id=district_id, received_date__gte=start, received_date__lte=end
    ).aggregate(
        received=Count("id"),
        with_finding=Count("id", filter=Q(status__in=[s.value for s in FINDING_STATUSES])),
        withdrawn=Count("id", filter=Q(status=ComplaintStatus.WITHDRAWN)),
        open=Count(
            "id", filter=Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.INVESTIGATING])
        ),
    )
    return ComplaintOutcomes(**figures)
