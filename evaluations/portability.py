"""Evaluations and their ratings in the district export (roster/portability.py asks every app)."""

from __future__ import annotations

from evaluations.models import Evaluation, Rating
from roster.models import District


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    evaluations = Evaluation.objects.filter(school__district=district).order_by(
        "period__name", "pk"
    )
    ratings = Rating.objects.filter(evaluation__school__district=district).order_by(
        "evaluation_id", "competency__position"
    )
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
    ]
