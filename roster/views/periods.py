"""The coordinator's school years: the list, and the next year added beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from roster.forms.periods import PeriodForm
from roster.models import EvaluationPeriod
from roster.services.periods import period_create
from roster.views.organisations import coordinated_districts, refused

if TYPE_CHECKING:
    from django.http import HttpResponse

    from core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    districts = coordinated_districts(request)
    form = PeriodForm(request.POST if request.method == "POST" else None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["district"] = data.get("district") or districts[0]
        try:
            period = period_create(actor=request.user, **data)
        except (ValidationError, ApplicationError) as error:
            refused(form, error)
        else:
            messages.success(request, f"The school year {period.name} was added.")
            return redirect("roster:periods")
    periods = EvaluationPeriod.objects.filter(district__in=districts).select_related("district")
    return render(
        request,
        "roster/period_list.html",
        {"form": form, "periods": periods, "several_districts": len(districts) > 1},
        status=400 if form.errors else 200,
    )
