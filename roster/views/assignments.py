"""Assignment pages (coordinators): which officer serves which school, from when to when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.errors import ApplicationError
from roster import selectors
from roster.forms.assignments import AssignmentDatesForm, AssignmentForm, AssignmentListFilter
from roster.services.assignments import assignment_create, assignment_update
from roster.views.officers import refuse_non_coordinators, show_refusal

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def assignment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_non_coordinators(request)
    filters = AssignmentListFilter(
        request.GET or None,
        queryset=selectors.assignments_coordinated(user=request.user).order_by(
            "school__name", "-start_date"
        ),
        schools=selectors.schools_coordinated(user=request.user),
        officers=selectors.officers_coordinated(user=request.user).prefetch_related(None),
    )
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(request, "roster/assignment_list.html", {"page": page, "filters": filters})


@login_required
def assignment_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_non_coordinators(request)
    form = AssignmentForm(
        request.POST if request.method == "POST" else None,
        initial={"officer": request.GET.get("officer")},
        officers=selectors.officers_coordinated(user=request.user).prefetch_related(None),
        schools=selectors.schools_coordinated(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment = assignment_create(actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"{assignment.officer.full_name} is assigned to {assignment.school.name}.",
            )
            return redirect("roster:assignments")
    return render(request, "roster/assignment_form.html", {"form": form, "assignment": None})


@login_required
def assignment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(selectors.assignments_coordinated(user=request.user), pk=pk)
    form = AssignmentDatesForm(
        request.POST if request.method == "POST" else None, instance=assignment
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment_update(assignment=assignment, actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The assignment's dates were saved.")
            return redirect("roster:assignments")
    return render(request, "roster/assignment_form.html", {"form": form, "assignment": assignment})
