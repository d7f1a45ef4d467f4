"""Reads behind the staff pages and APIs, each starting from ``visible_to(user)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, QuerySet, Subquery

from activity.models import (
    ActivityImport,
    Complaint,
    Incident,
    PublishedReport,
    ReportRelease,
)
from core.audit import audit_history
from core.models import AuditEvent
from roster.models import District, EvaluationPeriod, Officer, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def incidents_visible(*, user: User | AnonymousUser) -> QuerySet[Incident]:
    return (
        Incident.objects.visible_to(user)
        .select_related("officer", "school", "agency")
        .prefetch_related("actions")
    )


def complaints_visible(*, user: User | AnonymousUser) -> QuerySet[Complaint]:
    return Complaint.objects.visible_to(user).select_related(
        "school", "officer", "officer__agency", "district"
    )


def complaint_history(*, complaint: Complaint) -> QuerySet[AuditEvent]:
    return audit_history(complaint)


def imports_visible(*, user: User | AnonymousUser) -> QuerySet[ActivityImport]:
    return ActivityImport.objects.visible_to(user).select_related("district")


def officers_for_entry(*, user: User | AnonymousUser) -> QuerySet[Officer]:
    return (
        Officer.objects.visible_to(user)
        .select_related("agency")
        .order_by("last_name", "first_name")
    )


def schools_for_entry(*, user: User | AnonymousUser) -> QuerySet[School]:
    return School.objects.visible_to(user).select_related("district").order_by("name")


def districts_for_entry(*, user: User | AnonymousUser) -> QuerySet[District]:
    """Districts where the user may record activity: as coordinator, or as an agency's supervisor."""
    scope = scope_for(user)
    ids = scope.coordinator_district_ids | scope.supervisor_district_ids
    return (
        District.objects.visible_to(user).filter(pk__in=ids)
        if not scope.is_superuser
        else District.objects.all()
    )


def periods_visible(*, user: User | AnonymousUser) -> QuerySet[EvaluationPeriod]:
    return (
        EvaluationPeriod.objects.visible_to(user).select_related("district").order_by("-start_date")
    )


def reports_visible(*, user: User | AnonymousUser) -> QuerySet[PublishedReport]:
    """Published periods, each with its latest release (the one the public sees)."""
    latest = ReportRelease.objects.filter(period_id=OuterRef("period_id")).order_by("-number")
    return (
        PublishedReport.objects.visible_to(user)
        .select_related("district", "period")
        .annotate(
            latest_release_number=Subquery(latest.values("number")[:1]),
            latest_release_at=Subquery(latest.values("created_at")[:1]),
        )
    )


def periods_for_publishing(*, user: User | AnonymousUser) -> QuerySet[EvaluationPeriod]:
    scope = scope_for(user)
    periods = periods_visible(user=user)
    return (
        periods
        if scope.is_superuser
        else periods.filter(district_id__in=scope.coordinator_district_ids)
    )
