"""Roster files kept between preview and confirm, and each district's column names."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

from .organisations import District


class RosterKind(models.TextChoices):
    SCHOOLS = "schools", "Schools"
    OFFICERS = "officers", "Officers"


class RosterImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Ready to import"
    REJECTED = "rejected", "Refused"
    IMPORTING = "importing", "Importing"
    IMPORTED = "imported", "Imported"


class CoordinatedQuerySet(ScopedQuerySet):
    """Only the coordinators of the district see its roster files and column names."""

    def for_scope(self, scope: Scope) -> CoordinatedQuerySet:
        return self.filter(district_id__in=scope.coordinator_district_ids)


class RosterImport(TimeStampedModel):
    """One uploaded schools or officers file: its preview, then what it imported."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="roster_imports")
    file = models.FileField(upload_to="roster-imports/", max_length=255)
    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=RosterKind.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=RosterImportStatus.choices, default=RosterImportStatus.PREVIEWED
    )
    # The agency of an officers file that has no agency column (an agency's own export).
    agency_code = models.CharField(max_length=20, blank=True)
    rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # One list per row: the row number, its values, then what will happen to it.
    preview = models.JSONField(default=list, blank=True)
    # Counts: created, updated, unchanged, assignments_started.
    summary = models.JSONField(default=dict, blank=True)
    # Agency codes the file introduces without a name: confirm needs one for each.
    unnamed_agencies = models.JSONField(default=list, blank=True)
    agency_names = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = CoordinatedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class RosterColumnMapping(TimeStampedModel):
    """A district's own header names for one kind of roster file, field -> header."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="roster_column_mappings"
    )
    kind = models.CharField(max_length=10, choices=RosterKind.choices)
    mapping = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CoordinatedQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "kind"], name="roster_column_mapping_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} column names of {self.district.code}"
