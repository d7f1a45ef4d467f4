"""A district's hiring guidelines for SROs: the qualities SECURe names, as a scored
selection rubric. Versioned like rubrics: a published version never changes; a
revision is a new version."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import District
from roster.scoping import Scope

# Each criterion is scored 1 (not shown) to 4 (shown strongly).
SCORE_MIN = 1
SCORE_MAX = 4


class HiringGuidelineQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> HiringGuidelineQuerySet:
        return self.filter(district_id__in=scope.district_ids)

    def published(self) -> HiringGuidelineQuerySet:
        return self.filter(published_on__isnull=False)


class HiringGuideline(TimeStampedModel):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="hiring_guidelines"
    )
    version = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HiringGuidelineQuerySet.as_manager()

    class Meta:
        ordering = ["district", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "version"], name="hiring_guideline_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="hiring_guideline_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class SelectionCriterion(models.Model):
    guideline = models.ForeignKey(
        HiringGuideline, on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["guideline", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["guideline", "code"], name="selection_criterion_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name
