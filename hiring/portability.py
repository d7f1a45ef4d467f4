"""The district's hiring record for the portability export (roster/portability.py).

Guidelines, their criteria and each selection's decision go out; each panelist's own
scores and notes stay in the product, where no panelist reads another's (docs/hiring.md).
"""

from __future__ import annotations

from hiring.models import HiringGuideline, Panelist, SelectionCriterion, SelectionRecord
from roster.models import District


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    guidelines = HiringGuideline.objects.filter(district=district)
    records = SelectionRecord.objects.filter(district=district)
    return [
        (
            "guidelines",
            ["version", "title", "published_on"],
            guidelines.order_by("version").values_list("version", "title", "published_on"),
        ),
        (
            "criteria",
            ["guideline_version", "code", "name", "description", "weight"],
            SelectionCriterion.objects.filter(guideline__in=guidelines)
            .order_by("guideline__version", "position", "code")
            .values_list("guideline__version", "code", "name", "description", "weight"),
        ),
        (
            "selections",
            [
                "id",
                "school",
                "agency",
                "candidate_badge",
                "guideline_version",
                "status",
                "decision",
                "decision_reason",
                "decided_on",
                "assignment_start",
            ],
            records.order_by("pk").values_list(
                "pk",
                "school__code",
                "agency__code",
                "candidate__badge_number",
                "guideline__version",
                "status",
                "decision",
                "decision_reason",
                "decided_on",
                "assignment__start_date",
            ),
        ),
        (
            "panels",
            ["selection_id", "name", "kind", "username", "submitted_at"],
            Panelist.objects.filter(record__in=records)
            .order_by("record_id", "kind", "name")
            .values_list("record_id", "name", "kind", "user__username", "submitted_at"),
        ),
    ]
