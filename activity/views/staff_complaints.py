"""Staff pages for complaints: the list, one complaint's investigation and its files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from activity import permissions
from activity.forms import ComplaintUpdateForm
from activity.selectors import complaints as complaint_selectors
from activity.selectors import records as selectors
from activity.services.complaints import complaint_update
from activity.views.staff import require_role
from core.attachments import attachment_download_name
from core.errors import ApplicationError

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def complaint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(complaint_selectors.complaints_for_list(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "activity/complaint_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    complaint = get_object_or_404(selectors.complaints_visible(user=request.user), pk=pk)
    can_update = permissions.can_investigate(user=request.user) and not complaint.is_closed
    form = ComplaintUpdateForm(
        request.POST or None,
        officers=selectors.officers_for_entry(user=request.user),
        initial={"officer": complaint.officer_id, "findings": complaint.findings},
    )
    if request.method == "POST":
        require_role(can_update)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint_update(
                    complaint=complaint,
                    actor=request.user,
                    status=data["status"] or None,
                    officer=data["officer"],
                    findings=data["findings"] if data["findings"] else None,
                    on=data["on"],
                    reason=data["reason"],
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "The complaint was updated.")
                return redirect("activity:complaint", pk=complaint.pk)
    return render(
        request,
        "activity/complaint_detail.html",
        {
            "complaint": complaint,
            "form": form,
            "can_update": can_update,
            "history": selectors.complaint_history(complaint=complaint),
            "attachments": complaint_selectors.complaint_attachments(
                user=request.user, complaint=complaint
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def complaint_attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A complainant's file, for exactly those who may read the complaint; always a
    download with the type its content was checked as, never rendered in the page."""
    attachment = get_object_or_404(
        complaint_selectors.complaint_attachments_visible(user=request.user), pk=pk
    )
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment_download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
