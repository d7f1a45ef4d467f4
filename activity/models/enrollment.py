from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import EvaluationPeriod, School
from roster.scoping import Scope

from .demographics import Dimension, group_values


class EnrollmentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> EnrollmentQuerySet:
        # Enrollment is public information; anyone with a role in the district may read it.
        return self.filter(school__district_id__in=scope.district_ids)


class Enrollment(TimeStampedModel):
    """How many students of one group a school enrolled in a period (the rates' denominator)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="enrollments")
    period = models.ForeignKey(EvaluationPeriod, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    group = models.CharField(max_length=20)
    students = models.PositiveIntegerField()

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["school", "period", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "period", "dimension", "group"], name="enrollment_unique"
            ),
            models.CheckConstraint(condition=Q(students__gte=0), name="enrollment_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.school.code} {self.period} {self.dimension}:{self.group} = {self.students}"

    def clean(self) -> None:
        if self.dimension in Dimension.values and self.group not in group_values(self.dimension):
            raise ValidationError({"group": f"{self.group!r} is not a group of {self.dimension}."})
