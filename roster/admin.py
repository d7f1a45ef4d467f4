from django.contrib import admin

from .models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    School,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "survey_min_responses",
        "comment_min_responses",
        "public_suppression_threshold",
    )
    search_fields = ("code", "name")


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "district", "level", "enrollment")
    list_filter = ("district", "level")
    search_fields = ("code", "name")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ("school",)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "agency", "badge_number")
    list_filter = ("agency",)
    search_fields = ("last_name", "first_name", "badge_number")
    inlines = (AssignmentInline,)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("officer", "school", "start_date", "end_date")
    list_filter = ("school__district", "school")
    autocomplete_fields = ("officer", "school")


@admin.register(MOU)
class MOUAdmin(admin.ModelAdmin):
    list_display = (
        "district",
        "agency",
        "effective_date",
        "end_date",
        "next_review_date",
        "removal_response_days",
    )
    list_filter = ("district", "agency")


@admin.register(EvaluationPeriod)
class EvaluationPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "start_date", "end_date")
    list_filter = ("district",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "district", "school", "agency", "officer", "is_active")
    list_filter = ("role", "district", "is_active")
    search_fields = ("user__username",)
    autocomplete_fields = ("school", "agency", "officer")
