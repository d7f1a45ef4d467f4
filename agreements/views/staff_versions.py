"""Staff pages of the MOU record: the MOU's record, its versions, and comparing two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from agreements.forms import VersionForm
from agreements.permissions import can_manage_mou_record
from agreements.selectors import records as selectors
from agreements.services.versions import version_create, version_update
from core.attachments import attachment_content_type, attachment_download_name
from core.dates import today
from core.errors import ApplicationError

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def require_manager(allowed: bool) -> None:
    # Out of role is "not found", like an out-of-scope object.
    if not allowed:
        raise Http404("Nothing here for your role.")


@login_required
@require_http_methods(["GET"])
def mou_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mou = get_object_or_404(selectors.mous_visible(user=request.user), pk=pk)
    return render(
        request,
        "agreements/mou_record.html",
        {
            "record": selectors.mou_record(mou=mou, on=today()),
            "can_manage": can_manage_mou_record(user=request.user, mou=mou),
        },
    )


@login_required
@require_http_methods(["GET"])
def version_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.version_with_clauses(user=request.user), pk=pk)
    return render(
        request,
        "agreements/version_detail.html",
        {
            "version": version,
            "others": version.mou.versions.exclude(pk=version.pk).order_by("-number"),
            "can_edit": version.adopted_on is None
            and can_manage_mou_record(user=request.user, mou=version.mou),
        },
    )


@login_required
@require_http_methods(["GET"])
def version_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """The uploaded MOU, always as a download with the type its content was checked as."""
    version = get_object_or_404(selectors.versions_visible(user=request.user), pk=pk)
    if not version.document:
        messages.info(request, f"Version {version.number} has no uploaded document.")
        return redirect("agreements:version", pk=version.pk)
    handle = version.document.open("rb")
    content_type = attachment_content_type(handle.read(2048)) or "application/octet-stream"
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment_download_name(f"MOU version {version.number}", content_type),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A new version of the MOU ``pk``: its first (adopted on the MOU's effective date)
    when it has none, else a draft."""
    mou = get_object_or_404(selectors.mous_visible(user=request.user), pk=pk)
    require_manager(can_manage_mou_record(user=request.user, mou=mou))
    first = not mou.versions.exists()
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_create(
                mou=mou,
                terms=form.terms(),
                actor=request.user,
                document=form.cleaned_data["document"],
                adopt_as_first=first,
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"Version {version.number} was recorded.")
            return redirect("agreements:version", pk=version.pk)
    return render(
        request,
        "agreements/version_form.html",
        {"form": form, "mou": mou, "version": None, "first": first},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.version_with_clauses(user=request.user), pk=pk)
    require_manager(can_manage_mou_record(user=request.user, mou=version.mou))
    if version.adopted_on is not None:
        messages.error(
            request,
            f"Version {version.number} was adopted on {version.adopted_on:%Y-%m-%d} and never"
            " changes; propose a revision in a review instead.",
        )
        return redirect("agreements:version", pk=version.pk)
    form = VersionForm(request.POST or None, request.FILES or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            version_update(
                version=version,
                terms=form.terms(),
                actor=request.user,
                document=form.cleaned_data["document"],
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"Version {version.number} was saved.")
            return redirect("agreements:version", pk=version.pk)
    return render(
        request,
        "agreements/version_form.html",
        {"form": form, "mou": version.mou, "version": version, "first": False},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def version_compare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Version ``pk`` against the one chosen in ``?with=`` (of the same MOU)."""
    base = get_object_or_404(selectors.versions_visible(user=request.user), pk=pk)
    others = base.mou.versions.exclude(pk=base.pk).order_by("-number")
    chosen = request.GET.get("with", "")
    comparison = None
    if chosen:
        if not chosen.isdigit():
            raise Http404("Choose a version to compare with.")
        comparison = selectors.versions_compared(
            user=request.user, base_id=base.pk, other_id=int(chosen)
        )
        if comparison is None:
            raise Http404("No such version of this MOU.")
    return render(
        request,
        "agreements/version_compare.html",
        {"base": base, "others": others, "comparison": comparison},
    )


def _refused(form: VersionForm, error: ApplicationError | ValidationError) -> None:
    if isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        form.add_error(None, error.message)
