"""The district's training data for the portability export (roster/portability.py)."""

from __future__ import annotations

from roster.models import Assignment, District
from training_records.models import StaffTrainingSession, TrainingRecord, TrainingRequirement


def district_tables(district: District) -> list[tuple]:
    officer_ids = Assignment.objects.filter(school__district=district).values("officer_id")
    return [
        (
            "requirements",
            [
                "agency",
                "mou_effective_date",
                "course",
                "category",
                "min_hours",
                "initial",
                "refresh_months",
            ],
            TrainingRequirement.objects.filter(mou__district=district).values_list(
                "mou__agency__code",
                "mou__effective_date",
                "course__code",
                "category",
                "min_hours",
                "initial",
                "refresh_months",
            ),
        ),
        (
            "records",
            [
                "agency",
                "badge_number",
                "course",
                "completed_on",
                "hours",
                "provider",
                "source",
                "verified_at",
            ],
            TrainingRecord.objects.filter(officer_id__in=officer_ids)
            .order_by("officer_id", "completed_on")
            .values_list(
                "officer__agency__code",
                "officer__badge_number",
                "course__code",
                "completed_on",
                "hours",
                "provider",
                "source",
                "verified_at",
            ),
        ),
        (
            "staff_sessions",
            ["school", "held_on", "topic", "attendee_count"],
            StaffTrainingSession.objects.filter(school__district=district).values_list(
                "school__code", "held_on", "topic", "attendee_count"
            ),
        ),
    ]
