from django.contrib import admin

from .models import (
    ColumnMapping,
    Course,
    StaffTrainingSession,
    TrainingImport,
    TrainingRecord,
    TrainingRequirement,
)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "category", "hours", "refresher_months")
    list_filter = ("category",)
    search_fields = ("code", "title")


@admin.register(TrainingRequirement)
class TrainingRequirementAdmin(admin.ModelAdmin):
    list_display = ("mou", "course", "category", "min_hours", "initial", "refresh_months")
    list_select_related = ("mou__district", "mou__agency", "course")


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ("officer", "course", "completed_on", "hours", "source")
    list_filter = ("source", "course__category")
    list_select_related = ("officer__agency", "course")
    raw_id_fields = ("officer", "training_import", "entered_by", "verified_by")


@admin.register(TrainingImport)
class TrainingImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "agency", "status", "rows", "created_records", "created_at")
    list_filter = ("status",)
    readonly_fields = ("errors", "preview")


admin.site.register(ColumnMapping)
admin.site.register(StaffTrainingSession)
