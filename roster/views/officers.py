from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from roster import selectors

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def officer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.officers_visible(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "roster/officer_list.html", {"page": page})


@login_required
def officer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(selectors.officers_visible(user=request.user), pk=pk)
    assignments = officer.assignments.select_related("school").order_by("-start_date")
    return render(
        request, "roster/officer_detail.html", {"officer": officer, "assignments": assignments}
    )
