"""Rubric pages: read by everyone in the district; coordinators load the default
and revise a rubric (a version in use is kept; the revision becomes the next one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from evaluations.forms_rubrics import (
    CompetencyFormSet,
    RubricHeaderForm,
    competency_initial,
    competency_specs,
)
from evaluations.selectors.rubrics import rubric_latest_version, rubrics_visible
from evaluations.services.rubrics import rubric_fingerprint, rubric_load_default, rubric_revise
from roster.models import District, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from core.http import AuthenticatedHttpRequest


def _coordinated_districts(user: User) -> QuerySet[District]:
    return (
        District.objects.visible_to(user)
        .filter(memberships__user=user, memberships__role=Role.COORDINATOR)
        .distinct()
    )


@login_required
def rubric_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluations/evaluations/rubric_list.html",
        {
            "rubrics": rubrics_visible(user=request.user),
            "districts": _coordinated_districts(request.user),
        },
    )


@login_required
def rubric_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rubric = get_object_or_404(rubrics_visible(user=request.user), pk=pk)
    can_revise = _coordinated_districts(request.user).filter(pk=rubric.district_id).exists()
    return render(
        request,
        "evaluations/evaluations/rubric_detail.html",
        {
            "rubric": rubric,
            "can_revise": can_revise,
            "latest": rubric_latest_version(rubric=rubric),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rubric_revise_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rubric = get_object_or_404(
        rubrics_visible(user=request.user).filter(
            district__in=_coordinated_districts(request.user)
        ),
        pk=pk,
    )
    latest = rubric_latest_version(rubric=rubric)
    if latest.pk != rubric.pk:
        messages.info(
            request,
            f"Version {rubric.version} is not the latest: this is version {latest.version}.",
        )
        return redirect("rubric-revise", pk=latest.pk)
    data: QueryDict | None = request.POST or None
    adding = data is not None and "add_competency" in data
    if data is not None and adding:
        total_forms = data.get("c-TOTAL_FORMS") or ""
        if total_forms.isdigit():
            # One more empty competency, keeping what was typed; nothing is saved.
            data = data.copy()
            data["c-TOTAL_FORMS"] = str(int(total_forms) + 1)
    header = RubricHeaderForm(
        data,
        initial={
            "name": rubric.name,
            "description": rubric.description,
            "fingerprint": rubric_fingerprint(rubric=rubric),
        },
    )
    competencies = CompetencyFormSet(data, initial=competency_initial(rubric), prefix="c")
    if data is not None and not adding and header.is_valid() and competencies.is_valid():
        try:
            revised = rubric_revise(
                rubric=rubric,
                name=header.cleaned_data["name"],
                description=header.cleaned_data["description"],
                competencies=competency_specs(competencies),
                actor=request.user,
                expected_fingerprint=header.cleaned_data["fingerprint"],
            )
        except ApplicationError as error:
            header.add_error(None, error.message)
        else:
            kept = (
                "saved as a new version: evaluations already written keep the old one"
                if revised.pk != rubric.pk
                else "saved"
            )
            if revised.pk == rubric.pk and revised.updated_at == rubric.updated_at:
                kept = "unchanged: nothing to save"
            messages.success(request, f"{revised.name}, version {revised.version}, {kept}.")
            return redirect("rubric-detail", pk=revised.pk)
    status = 400 if data is not None and not adding else 200
    return render(
        request,
        "evaluations/evaluations/rubric_revise.html",
        {"rubric": rubric, "header": header, "competencies": competencies},
        status=status,
    )


@login_required
@require_POST
def rubric_load_default_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    district = get_object_or_404(
        _coordinated_districts(request.user), pk=request.POST.get("district") or 0
    )
    rubric = rubric_load_default(district=district, actor=request.user)
    messages.success(request, f"{district.name} uses {rubric}.")
    return redirect("rubric-detail", pk=rubric.pk)
