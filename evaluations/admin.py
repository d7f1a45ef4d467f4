"""Admin: read-mostly views of rubrics and evaluations. Changes go through the services
(and pages/API), which enforce the lock and write the audit trail; the admin must not
be a side door, so evaluations and their ratings are read-only here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from evaluations.models import (
    Competency,
    Evaluation,
    EvaluationAttachment,
    ObservationNote,
    Rating,
    Rubric,
)

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest


class CompetencyInline(admin.TabularInline):
    model = Competency
    extra = 0
    fields = ("position", "code", "name", "weight", "critical")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "version", "district", "created_at")
    list_filter = ("district",)
    search_fields = ("name", "code")
    readonly_fields = ("district", "code", "version", "name", "description", "created_by")
    inlines = (CompetencyInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class RatingInline(ReadOnlyInline):
    model = Rating
    fields = ("competency", "level", "evidence")


class ObservationNoteInline(ReadOnlyInline):
    model = ObservationNote
    fields = ("observed_on", "text", "author")


class EvaluationAttachmentInline(ReadOnlyInline):
    model = EvaluationAttachment
    fields = ("original_name", "content_type", "size", "uploaded_by")


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("officer", "school", "period", "status", "overall_level", "due_date")
    list_filter = ("status", "period", "school__district")
    search_fields = ("officer__last_name", "officer__badge_number", "school__name")
    list_select_related = ("officer", "officer__agency", "school", "period")
    inlines = (RatingInline, ObservationNoteInline, EvaluationAttachmentInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
