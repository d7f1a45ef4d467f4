"""Hiring guideline pages: everyone in the district reads them; the coordinator starts
them from SECURe's qualities, edits a draft, publishes it, and revises a published
version into a new draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from hiring.forms import CriterionFormSet, GuidelineHeaderForm, criterion_specs_from
from hiring.models import HiringGuideline
from hiring.permissions import can_edit_guideline, can_manage_guidelines
from hiring.selectors.guidelines import guideline_detail, guideline_latest, guidelines_visible
from hiring.services.guidelines import (
    criterion_specs,
    guideline_publish,
    guideline_revise,
    guideline_start_default,
    guideline_update_draft,
)
from roster.models import District
from roster.scoping import scope_for

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def _guideline_or_404(request: AuthenticatedHttpRequest, pk: int) -> HiringGuideline:
    try:
        return guideline_detail(user=request.user, pk=pk)
    except HiringGuideline.DoesNotExist as error:
        raise Http404("No such hiring guidelines.") from error


@login_required
def guideline_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    coordinated = District.objects.filter(pk__in=scope_for(request.user).coordinator_district_ids)
    return render(
        request,
        "hiring/guideline_list.html",
        {
            "guidelines": guidelines_visible(user=request.user),
            "districts_without": coordinated.exclude(hiring_guidelines__isnull=False),
        },
    )


@login_required
@require_POST
def guideline_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    district = get_object_or_404(
        District.objects.visible_to(request.user), pk=request.POST.get("district") or 0
    )
    if not can_manage_guidelines(request.user, district):
        raise Http404("No such district.")
    try:
        guideline = guideline_start_default(district=district, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("hiring:guidelines")
    messages.success(request, "A draft built from SECURe's qualities: edit it, then publish it.")
    return redirect("hiring:guideline", pk=guideline.pk)


@login_required
def guideline_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guideline = _guideline_or_404(request, pk)
    latest = guideline_latest(guideline=guideline)
    manage = can_manage_guidelines(request.user, guideline.district_id)
    return render(
        request,
        "hiring/guideline_detail.html",
        {
            "guideline": guideline,
            "latest": latest,
            "can_edit": can_edit_guideline(request.user, guideline),
            "can_revise": manage and latest.pk == guideline.pk and guideline.published_on,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guideline_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guideline = _guideline_or_404(request, pk)
    if not can_manage_guidelines(request.user, guideline.district_id):
        raise Http404("No such hiring guidelines.")
    if guideline.published_on is not None:
        messages.info(request, "A published version can't change: revise it for a new draft.")
        return redirect("hiring:guideline", pk=guideline.pk)
    data = request.POST or None
    header = GuidelineHeaderForm(
        data, initial={"title": guideline.title, "introduction": guideline.introduction}
    )
    initial = [vars(spec) for spec in criterion_specs(guideline=guideline)]
    # Bound, the formset reads only what was posted: the posted rows are the draft.
    criteria = CriterionFormSet(data, initial=None if data else initial, prefix="c")
    if data is not None and header.is_valid() and criteria.is_valid():
        try:
            guideline_update_draft(
                guideline=guideline,
                title=header.cleaned_data["title"],
                introduction=header.cleaned_data["introduction"],
                criteria=criterion_specs_from(criteria),
                actor=request.user,
            )
        except ApplicationError as error:
            header.add_error(None, error.message)
        else:
            messages.success(request, f"Draft version {guideline.version} saved.")
            return redirect("hiring:guideline", pk=guideline.pk)
    return render(
        request,
        "hiring/guideline_edit.html",
        {"guideline": guideline, "header": header, "criteria": criteria},
        status=400 if data is not None else 200,
    )


@login_required
@require_POST
def guideline_publish_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guideline = _guideline_or_404(request, pk)
    if not can_manage_guidelines(request.user, guideline.district_id):
        raise Http404("No such hiring guidelines.")
    try:
        guideline_publish(guideline=guideline, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {guideline.version} published.")
    return redirect("hiring:guideline", pk=guideline.pk)


@login_required
@require_POST
def guideline_revise_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guideline = _guideline_or_404(request, pk)
    if not can_manage_guidelines(request.user, guideline.district_id):
        raise Http404("No such hiring guidelines.")
    try:
        draft = guideline_revise(guideline=guideline, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("hiring:guideline", pk=guideline.pk)
    messages.success(request, f"Draft version {draft.version}, copied from the latest.")
    return redirect("hiring:guideline-edit", pk=draft.pk)
