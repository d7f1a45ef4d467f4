"""The MOUs a person may read, each leading to its record: the way in for principals
and supervisors, who read the record but don't set MOUs up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from agreements.selectors import records as selectors

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET"])
def mou_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mous = selectors.mous_visible(user=request.user).order_by("district__name", "agency__name")
    return render(request, "agreements/mou_list.html", {"mous": mous})
