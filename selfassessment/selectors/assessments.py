"""Reads of self-assessments, each starting from what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from roster.models import EvaluationPeriod
from roster.scoping import scope_for
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def assessments_visible(*, user: User | AnonymousUser) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.visible_to(user).select_related("district", "period")


def assessment_with_answers(*, user: User | AnonymousUser) -> QuerySet[SelfAssessment]:
    """For one assessment's page: its district, year and answers in two queries."""
    return assessments_visible(user=user).prefetch_related(
        Prefetch("answers", queryset=SelfAssessmentAnswer.objects.order_by("item"))
    )


def periods_to_assess(*, user: User | AnonymousUser) -> QuerySet[EvaluationPeriod]:
    """School years of the coordinator's districts that have no self-assessment yet."""
    scope = scope_for(user)
    periods = EvaluationPeriod.objects.visible_to(user).select_related("district")
    if not scope.is_superuser:
        periods = periods.filter(district_id__in=scope.coordinator_district_ids)
    taken = SelfAssessment.objects.values("period_id")
    return periods.exclude(pk__in=taken).order_by("district__name", "-start_date")


def assessment_earlier(*, assessment: SelfAssessment) -> SelfAssessment | None:
    """The district's latest assessment of an earlier year (the comparison's default)."""
    return (
        SelfAssessment.objects.filter(
            district_id=assessment.district_id,
            period__start_date__lt=assessment.period.start_date,
        )
        .select_related("district", "period")
        .prefetch_related("answers")
        .order_by("-period__start_date")
        .first()
    )
