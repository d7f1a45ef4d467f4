"""The district's SECURe self-assessments for the portability export
(roster/portability.py): each year's checklist and completion, and the coordinator's
answers. Evidence answers are read live, or from a completed year's snapshot."""

from __future__ import annotations

from roster.models import District
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    assessments = SelfAssessment.objects.filter(district=district)
    return [
        (
            "assessments",
            ["period", "checklist", "completed_on"],
            assessments.order_by("period__start_date").values_list(
                "period__name", "checklist", "completed_on"
            ),
        ),
        (
            "answers",
            ["period", "item", "answer", "note"],
            SelfAssessmentAnswer.objects.filter(assessment__in=assessments)
            .order_by("assessment__period__start_date", "item")
            .values_list("assessment__period__name", "item", "answer", "note"),
        ),
    ]
