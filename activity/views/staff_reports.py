"""Staff pages for the public report: publish a school year's report, take it down."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from activity import permissions
from activity.forms_reports import PublishForm
from activity.selectors import records as selectors
from activity.services.reports import Publication, report_publish, report_unpublish
from activity.views.staff import require_role
from core.errors import ApplicationError

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def report_publish_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(permissions.can_publish(user=request.user))
    periods = selectors.periods_for_publishing(user=request.user)
    form = PublishForm(request.POST or None, periods=periods)
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["period"]
        try:
            publication = report_publish(
                district=period.district, period=period, actor=request.user
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _published_message(publication))
            return redirect("activity:reports")
    return render(
        request,
        "activity/reports.html",
        {
            "form": form,
            "published": selectors.reports_visible(user=request.user),
        },
    )


def _published_message(publication: Publication) -> str:
    release = publication.release
    day = f"{timezone.localdate(release.created_at):%B %-d, %Y}"
    if not publication.stored:
        return f"The {release.period.name} report is public again, as released on {day}."
    message = f"The {release.period.name} report is now public (release {release.number}, the figures as of {day})."
    if release.held_back:
        message += (
            f" {release.held_back} counts that moved by fewer than {release.threshold} since an earlier "
            "release are suppressed, with the counts around them."
        )
    return message


@login_required
@require_POST
def report_unpublish_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_role(permissions.can_publish(user=request.user))
    report = get_object_or_404(selectors.reports_visible(user=request.user), pk=pk)
    try:
        report_unpublish(report=report, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The {report.period.name} report is no longer public.")
    return redirect("activity:reports")
