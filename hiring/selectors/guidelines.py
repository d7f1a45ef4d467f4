"""Reading hiring guidelines: everyone in the district reads them (they are no secret:
a candidate may well be shown what the panel looks for)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from hiring.models import HiringGuideline

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def guidelines_visible(*, user: User | AnonymousUser) -> QuerySet[HiringGuideline]:
    return (
        HiringGuideline.objects.visible_to(user)
        .select_related("district")
        .annotate(criterion_count=Count("criteria"))
        .order_by("district__name", "-version")
    )


def guideline_detail(*, user: User | AnonymousUser, pk: int) -> HiringGuideline:
    """The guideline with its criteria; an out-of-scope id raises DoesNotExist (a 404)."""
    return (
        HiringGuideline.objects.visible_to(user)
        .select_related("district")
        .prefetch_related("criteria")
        .get(pk=pk)
    )


def guideline_latest(*, guideline: HiringGuideline) -> HiringGuideline:
    return HiringGuideline.objects.filter(district_id=guideline.district_id).order_by("-version")[0]


def guideline_current(*, district_id: int) -> HiringGuideline | None:
    """The latest published version: the one a new selection record is scored against."""
    return (
        HiringGuideline.objects.filter(district_id=district_id, published_on__isnull=False)
        .order_by("-version")
        .first()
    )
