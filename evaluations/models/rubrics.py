"""Competency rubrics: versioned per district; a version in use never changes."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

competency_code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$", "Use lower-case letters, digits and underscores, starting with a letter."
)


class PerformanceLevel(models.IntegerChoices):
    UNSATISFACTORY = 1, "Unsatisfactory"
    DEVELOPING = 2, "Developing"
    PROFICIENT = 3, "Proficient"
    EXEMPLARY = 4, "Exemplary"


# Levels whose choice must be backed by written evidence: the extremes are the ratings
# that most need justifying (and the ones an officer is most likely to contest).
LEVELS_NEEDING_EVIDENCE = (PerformanceLevel.UNSATISFACTORY, PerformanceLevel.EXEMPLARY)


class RubricQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> RubricQuerySet:
        return self.filter(district_id__in=scope.district_ids)

    def latest_versions(self) -> RubricQuerySet:
        """Only the newest version of each rubric code."""
        newer = Rubric.objects.filter(
            district_id=models.OuterRef("district_id"),
            code=models.OuterRef("code"),
            version__gt=models.OuterRef("version"),
        )
        return self.exclude(models.Exists(newer))


class Rubric(TimeStampedModel):
    """One version of a district's rubric. ``code`` names the rubric across versions."""

    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, related_name="rubrics"
    )
    code = models.CharField(max_length=40, validators=[competency_code_validator])
    version = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["district", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "code", "version"], name="rubric_version_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="rubric_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class CompetencyQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> CompetencyQuerySet:
        return self.filter(rubric__district_id__in=scope.district_ids)


class Competency(models.Model):
    """What a principal rates, with a descriptor for each of the four levels."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(max_length=60, validators=[competency_code_validator])
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField()
    evidence_examples = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    critical = models.BooleanField(
        default=False,
        help_text="An Unsatisfactory rating here caps the overall rating at Developing.",
    )
    unsatisfactory = models.TextField("Unsatisfactory descriptor")
    developing = models.TextField("Developing descriptor")
    proficient = models.TextField("Proficient descriptor")
    exemplary = models.TextField("Exemplary descriptor")

    objects = CompetencyQuerySet.as_manager()

    class Meta:
        ordering = ["rubric", "position", "id"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "code"], name="competency_code_unique_in_rubric"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="competency_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def descriptor(self, level: int) -> str:
        return getattr(self, PerformanceLevel(level).name.lower())

    @property
    def descriptors(self) -> list[tuple[int, str, str]]:
        """(level, label, descriptor) from Unsatisfactory to Exemplary."""
        return [(level.value, level.label, self.descriptor(level)) for level in PerformanceLevel]
