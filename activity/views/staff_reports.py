"""Staff pages for the public report: preview a school year's report, publish it after
confirming, take it down. The preview is computed and never stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from activity import permissions
from activity.forms_reports import ConfirmPublishForm, PublishForm
from activity.report_exports.text import long_date
from activity.selectors import records as selectors
from activity.selectors.releases import Preview, report_preview
from activity.services.reports import Publication, report_publish, report_unpublish
from activity.views.public_report import report_context
from activity.views.staff import require_role
from core.errors import ApplicationError

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedHttpRequest
    from roster.models import EvaluationPeriod


@login_required
@require_http_methods(["GET", "POST"])
def report_publish_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET: choose a school year. POST "preview": the report as it would be released.
    POST "publish" (from the preview, with its box ticked): store the release."""
    require_role(permissions.can_publish(user=request.user))
    periods = selectors.periods_for_publishing(user=request.user)
    data = request.POST if request.method == "POST" else None
    if data is not None and "publish" in data:
        confirm = ConfirmPublishForm(data, periods=periods)
        if confirm.is_valid():
            period = confirm.cleaned_data["period"]
            try:
                publication = report_publish(
                    district=period.district,
                    period=period,
                    actor=request.user,
                    after_release=confirm.cleaned_data["after_release"],
                    previewed=confirm.cleaned_data["previewed"],
                )
            except ApplicationError as error:
                confirm.add_error(None, error.message)
            else:
                messages.success(request, _published_message(publication))
                return redirect("activity:reports")
        chosen = PublishForm(data, periods=periods)
        return _page(request, periods, chosen, confirm_errors=confirm)
    return _page(request, periods, PublishForm(data, periods=periods))


def _page(
    request: AuthenticatedHttpRequest,
    periods: QuerySet[EvaluationPeriod],
    form: PublishForm,
    *,
    confirm_errors: ConfirmPublishForm | None = None,
) -> HttpResponse:
    context: dict[str, object] = {
        "form": form,
        "published": selectors.reports_visible(user=request.user),
    }
    if form.is_bound and form.is_valid():
        period = form.cleaned_data["period"]
        preview = report_preview(district=period.district, period=period)
        confirm = ConfirmPublishForm(
            initial={
                "period": period.pk,
                "after_release": preview.after_release,
                "previewed": preview.fingerprint,
            },
            periods=periods,
        )
        context |= {
            # A refused confirmation's reasons, above a fresh confirm form carrying today's
            # preview (the refused one may carry a stale digest).
            "confirm_errors": [
                message
                for messages_of_field in (confirm_errors.errors.values() if confirm_errors else ())
                for message in messages_of_field
            ],
            "preview": preview,
            "confirm": confirm,
            "partial_warning": _partial_warning(preview),
            **report_context(preview.report),
        }
    return render(request, "activity/reports.html", context)


def _partial_warning(preview: Preview) -> str:
    report = preview.report
    if not report.partial:
        return ""
    return (
        f"The {report.period_name} school year runs to {long_date(report.end_date)}: this report "
        f"covers only to today, {long_date(report.covered_to)}. The public page will say so, and "
        "the figures stay as they are until you publish again."
    )


def _published_message(publication: Publication) -> str:
    release = publication.release
    day = f"{timezone.localdate(release.created_at):%B %-d, %Y}"
    if publication.repeated:
        return f"The {release.period.name} report was already published (release {release.number}, {day}); nothing more was stored."
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
