"""Reads of the MOU record for staff pages and APIs, each from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from agreements.comparison import Comparison, compare_versions
from agreements.models import MOUClause, MOUReview, MOUVersion, ReviewStatus
from agreements.models.versions import mou_record_readers
from core.scoping import scope_of
from roster.models import MOU

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def mous_visible(*, user: User | AnonymousUser) -> QuerySet[MOU]:
    """The MOUs whose record ``user`` reads (officers: none)."""
    scope = scope_of(user)
    mous = MOU.objects.visible_to(user)
    if scope.is_superuser or scope.is_empty:
        return mous.select_related("district", "agency")
    return mous.filter(mou_record_readers(scope)).select_related("district", "agency")


def versions_visible(*, user: User | AnonymousUser) -> QuerySet[MOUVersion]:
    return MOUVersion.objects.visible_to(user).select_related("mou__district", "mou__agency")


def reviews_visible(*, user: User | AnonymousUser) -> QuerySet[MOUReview]:
    return MOUReview.objects.visible_to(user).select_related(
        "mou__district", "mou__agency", "base_version", "proposed_version"
    )


def version_with_clauses(*, user: User | AnonymousUser) -> QuerySet[MOUVersion]:
    return versions_visible(user=user).prefetch_related(
        Prefetch("clauses", queryset=MOUClause.objects.order_by("clause"))
    )


@dataclass(frozen=True)
class MOURecordPage:
    mou: MOU
    versions: list[MOUVersion]
    in_force: MOUVersion | None
    reviews: list[MOUReview]
    pending_review: MOUReview | None
    next_review_due: datetime.date | None


def mou_record(*, mou: MOU, on: datetime.date) -> MOURecordPage:
    """One MOU's versions (newest first) and reviews; ``mou`` came from ``mous_visible``."""
    versions = list(MOUVersion.objects.filter(mou=mou).order_by("-number"))
    adopted = [v for v in versions if v.adopted_on and v.adopted_on <= on]
    in_force = max(adopted, key=lambda v: (v.adopted_on, v.number), default=None)
    reviews = list(
        MOUReview.objects.filter(mou=mou)
        .select_related("proposed_version", "base_version")
        .order_by("-due_date")
    )
    pending = next((r for r in reviews if r.status != ReviewStatus.CLOSED), None)
    return MOURecordPage(
        mou=mou,
        versions=versions,
        in_force=in_force,
        reviews=reviews,
        pending_review=pending,
        next_review_due=mou.next_review_date,
    )


def versions_compared(
    *, user: User | AnonymousUser, base_id: int, other_id: int
) -> Comparison | None:
    """Two visible versions of the same MOU compared, or None if either is out of reach."""
    found = {v.pk: v for v in version_with_clauses(user=user).filter(pk__in=[base_id, other_id])}
    base, other = found.get(base_id), found.get(other_id)
    if base is None or other is None or base.mou_id != other.mou_id:
        return None
    return compare_versions(base=base, other=other)
