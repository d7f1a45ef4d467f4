"""Officer pages: everyone reads the officers in their scope; a coordinator adds and
corrects those of the agencies the district works with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.errors import ApplicationError
from roster import selectors
from roster.forms.officers import OfficerForm, OfficerListFilter
from roster.models import Agency, Assignment
from roster.services.officers import officer_create, officer_update

if TYPE_CHECKING:
    from django import forms

    from core.http import AuthenticatedHttpRequest


def refuse_non_coordinators(request: AuthenticatedHttpRequest) -> None:
    """Setup pages without an id: a person who coordinates no district may not open them."""
    if not selectors.districts_coordinated(user=request.user).exists():
        raise PermissionDenied("Only a district coordinator sets this up.")


def show_refusal(form: forms.BaseForm, error: ApplicationError | ValidationError) -> None:
    """A service's refusal, next to its field when it names one, else at the top."""
    if isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        form.add_error(None, error.message)


@login_required
def officer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    officers = selectors.officers_visible(user=request.user)
    filters = OfficerListFilter(
        request.GET or None,
        queryset=officers,
        agencies=Agency.objects.visible_to(request.user),
        schools=selectors.schools_visible(user=request.user),
    )
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "roster/officer_list.html",
        {
            "page": page,
            "filters": filters,
            "can_add": selectors.agencies_coordinated(user=request.user).exists(),
        },
    )


@login_required
def officer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(selectors.officers_visible(user=request.user), pk=pk)
    assignments = (
        Assignment.objects.visible_to(request.user)
        .filter(officer=officer)
        .select_related("school")
        .order_by("-start_date")
    )
    can_edit = selectors.officers_coordinated(user=request.user).filter(pk=officer.pk).exists()
    return render(
        request,
        "roster/officer_detail.html",
        {"officer": officer, "assignments": assignments, "can_edit": can_edit},
    )


@login_required
def officer_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_non_coordinators(request)
    agencies = selectors.agencies_coordinated(user=request.user)
    form = OfficerForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            officer = officer_create(actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{officer.full_name} was added.")
            return redirect("roster:officer", pk=officer.pk)
    return render(request, "roster/officer_form.html", {"form": form, "officer": None})


@login_required
def officer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(selectors.officers_coordinated(user=request.user), pk=pk)
    agencies = selectors.agencies_coordinated(user=request.user)
    form = OfficerForm(
        request.POST if request.method == "POST" else None, officer=officer, agencies=agencies
    )
    if request.method == "POST" and form.is_valid():
        try:
            officer = officer_update(officer=officer, actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{officer.full_name} was saved.")
            return redirect("roster:officer", pk=officer.pk)
    return render(request, "roster/officer_form.html", {"form": form, "officer": officer})
