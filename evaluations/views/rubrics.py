"""Rubric pages: read by everyone in the district; coordinators load the default."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from evaluations.selectors.rubrics import rubrics_visible
from evaluations.services.rubrics import rubric_load_default
from roster.models import District, Role


def _coordinated_districts(user):
    return District.objects.visible_to(user).filter(
        memberships__user=user, memberships__role=Role.COORDINATOR
    ).distinct()


@login_required
def rubric_list(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/evaluations/rubric_list.html", {
        "rubrics": rubrics_visible(user=request.user),
        "districts": _coordinated_districts(request.user),
    })


@login_required
def rubric_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rubric = get_object_or_404(rubrics_visible(user=request.user), pk=pk)
    return render(request, "evaluations/evaluations/rubric_detail.html", {"rubric": rubric})


@login_required
@require_POST
def rubric_load_default_view(request: HttpRequest) -> HttpResponse:
    district = get_object_or_404(_coordinated_districts(request.user), pk=request.POST.get("district") or 0)
    rubric = rubric_load_default(district=district, actor=request.user)
    messages.success(request, f"{district.name} uses {rubric}.")
    return redirect("rubric-detail", pk=rubric.pk)
