"""Flags and removal requests in the district export (roster/portability.py asks every app)."""

from __future__ import annotations

from flags.models import Flag, RemovalRequest
from roster.models import District


def district_tables(district: District) -> list:
    flags = Flag.objects.filter(district=district).order_by("period__name", "pk")
    removals = RemovalRequest.objects.filter(district=district).order_by("submitted_at")
    return [
        (
            "flags",
            [
                "period",
                "rule",
                "agency",
                "officer_badge",
                "severity",
                "status",
                "value",
                "raised_at",
                "cleared_at",
                "note",
            ],
            flags.values_list(
                "period__name",
                "rule__code",
                "officer__agency__code",
                "officer__badge_number",
                "severity",
                "status",
                "value",
                "raised_at",
                "cleared_at",
                "note",
            ),
        ),
        (
            "removal_requests",
            ["school", "agency", "officer_badge", "status", "reason", "submitted_at", "due_date"],
            removals.values_list(
                "school__code",
                "officer__agency__code",
                "officer__badge_number",
                "status",
                "reason",
                "submitted_at",
                "due_date",
            ),
        ),
    ]
