"""MOU pages (coordinators): the district's memoranda with its agencies and their terms."""

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
from roster.forms.mous import MOUForm, MOUTermsForm
from roster.services.mous import mou_create, mou_update
from roster.views.officers import refuse_non_coordinators, show_refusal

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def mou_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_non_coordinators(request)
    page = Paginator(selectors.mous_coordinated(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "roster/mou_list.html", {"page": page})


@login_required
def mou_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_non_coordinators(request)
    form = MOUForm(
        request.POST if request.method == "POST" else None,
        districts=selectors.districts_coordinated(user=request.user),
        agencies=selectors.agencies_coordinated(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            mou = mou_create(actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"The MOU with {mou.agency.name} was recorded.")
            return redirect("roster:mou-edit", pk=mou.pk)
    return render(request, "roster/mou_form.html", {"form": form, "mou": None})


@login_required
def mou_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mou = get_object_or_404(selectors.mous_coordinated(user=request.user), pk=pk)
    form = MOUTermsForm(request.POST if request.method == "POST" else None, instance=mou)
    if request.method == "POST" and form.is_valid():
        try:
            mou_update(mou=mou, actor=request.user, **form.cleaned_data)
        except (ApplicationError, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The MOU was saved.")
            return redirect("roster:mou-edit", pk=mou.pk)
    return render(request, "roster/mou_form.html", {"form": form, "mou": mou})
