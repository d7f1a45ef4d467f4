from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from core.models import Job
from core.queue import queue_available
from roster.models import District, Role
from roster.portability import district_export_zip

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def job_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Progress of a long job; the page refreshes itself until the job finishes."""
    job = get_object_or_404(Job.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "roster/job_detail.html",
        {
            "job": job,
            "queue_unavailable": not job.is_finished and not queue_available(),
        },
    )


@login_required
def district_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator's download of all the district's data."""
    district = get_object_or_404(
        District.objects.visible_to(request.user)
        .filter(memberships__user=request.user, memberships__role=Role.COORDINATOR)
        .distinct(),
        pk=pk,
    )
    response = HttpResponse(district_export_zip(district=district), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{district.code}-export.zip"'
    return response
