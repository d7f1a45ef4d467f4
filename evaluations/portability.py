"""Evaluations, flags, removal requests and packets in the district export (roster/portability.py)."""

from __future__ import annotations

from evaluations.models import Evaluation, Flag, Rating, RemovalRequest
from evaluations.selectors.packets import packet_district_tables
from roster.models import District


def district_tables(district: District) -> list:
    evaluations = Evaluation.objects.filter(school__district=district).order_by(
        "period__name", "pk"
    )
    ratings = Rating.objects.filter(evaluation__school__district=district).order_by(
        "evaluation_id", "competency__position"
    )
    flags = Flag.objects.filter(district=district).order_by("period__name", "pk")
    removals = RemovalRequest.objects.filter(district=district).order_by("submitted_at")
    return [
        (
            "evaluations",
            [
                "id",
                "period",
                "agency",
                "officer_badge",
                "school",
                "status",
                "overall_level",
                "overall_score",
                "submitted_at",
                "reviewed_at",
                "acknowledged_at",
                "officer_agrees",
                "officer_response",
                "commendations",
            ],
            evaluations.values_list(
                "pk",
                "period__name",
                "officer__agency__code",
                "officer__badge_number",
                "school__code",
                "status",
                "overall_level",
                "overall_score",
                "submitted_at",
                "reviewed_at",
                "acknowledged_at",
                "officer_agrees",
                "officer_response",
                "commendations",
            ),
        ),
        (
            "evaluation_ratings",
            ["evaluation", "competency", "level", "evidence"],
            ratings.values_list("evaluation_id", "competency__code", "level", "evidence"),
        ),
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
        *packet_district_tables(district=district),
    ]
