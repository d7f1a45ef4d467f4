"""Reading rubrics: everyone in a district may read its rubrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet

from evaluations.models import Competency, Rubric

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def rubrics_visible(*, user: User | AnonymousUser) -> QuerySet[Rubric]:
    return (
        Rubric.objects.visible_to(user)
        .select_related("district")
        .annotate(evaluation_count=Count("evaluations"))
        .order_by("district__name", "code", "-version")
        .prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.order_by("position", "pk"))
        )
    )


def rubric_latest_version(*, rubric: Rubric) -> Rubric:
    """The newest version of ``rubric``'s family (the one new evaluations use and the one to revise)."""
    # The family holds ``rubric`` itself, so there is always a latest version.
    return Rubric.objects.filter(district_id=rubric.district_id, code=rubric.code).latest("version")
