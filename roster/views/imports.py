"""The roster import pages: upload and history, preview, confirm, column names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from roster.forms.imports import (
    AgencyNamesForm,
    RosterColumnMappingForm,
    RosterImportFilter,
    RosterImportUploadForm,
)
from roster.models import RosterColumnMapping, RosterImport, RosterImportStatus, RosterKind
from roster.selectors import districts_coordinated, roster_imports_visible
from roster.services.imports import (
    roster_column_mapping_save,
    roster_import_confirm,
    roster_import_upload,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedHttpRequest
    from roster.models import District

PREVIEW_HEADERS: dict[str, tuple[str, ...]] = {
    RosterKind.SCHOOLS: ("School code", "Name", "Level", "Enrollment"),
    RosterKind.OFFICERS: ("Agency", "Badge", "First name", "Last name", "School"),
}


def _districts(request: AuthenticatedHttpRequest) -> QuerySet[District]:
    districts = districts_coordinated(user=request.user).order_by("code")
    if not districts.exists():
        raise Http404("You coordinate no district.")
    return districts


@login_required
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a schools or officers file; the next page previews it, storing nothing."""
    districts = _districts(request)
    form = RosterImportUploadForm(request.POST or None, request.FILES or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            roster_import = roster_import_upload(
                district=form.cleaned_data["district"],
                data=upload,
                filename=upload.name,
                actor=request.user,
                agency_code=form.cleaned_data["agency_code"],
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect("roster:import", pk=roster_import.pk)
    history = RosterImportFilter(
        request.GET or None, queryset=roster_imports_visible(user=request.user)
    )
    page = Paginator(history.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "roster/roster_imports.html",
        {"form": form, "filter": history, "page": page},
        status=400 if form.errors else 200,
    )


def _detail(
    request: AuthenticatedHttpRequest,
    roster_import: RosterImport,
    names_form: AgencyNamesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    previewed = roster_import.status == RosterImportStatus.PREVIEWED
    if names_form is None and previewed and roster_import.unnamed_agencies:
        names_form = AgencyNamesForm(codes=roster_import.unnamed_agencies)
    return render(
        request,
        "roster/roster_import_detail.html",
        {
            "imp": roster_import,
            "page": Paginator(roster_import.preview, 100).get_page(request.GET.get("page")),
            "headers": PREVIEW_HEADERS.get(roster_import.kind, ()),
            "can_confirm": previewed,
            "names_form": names_form,
            "summary": roster_import.summary,
        },
        status=status,
    )


@login_required
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    roster_import = get_object_or_404(roster_imports_visible(user=request.user), pk=pk)
    return _detail(request, roster_import)


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # Only coordinators of the import's district see it: the queryset is the check.
    roster_import = get_object_or_404(roster_imports_visible(user=request.user), pk=pk)
    names_form = AgencyNamesForm(request.POST, codes=roster_import.unnamed_agencies)
    if (
        roster_import.status == RosterImportStatus.PREVIEWED
        and roster_import.unnamed_agencies
        and not names_form.is_valid()
    ):
        return _detail(request, roster_import, names_form, status=400)
    try:
        roster_import = roster_import_confirm(
            roster_import=roster_import,
            agency_names=names_form.names()
            if names_form.is_bound and names_form.is_valid()
            else {},
            actor=request.user,
        )
    except ApplicationError as error:
        # A second click on "Import" lands here: the first one already imported it.
        messages.info(request, error.message)
    else:
        if roster_import.status == RosterImportStatus.IMPORTED:
            summary = roster_import.summary
            messages.success(
                request,
                f"Imported {roster_import.filename}: {summary['created']} new, "
                f"{summary['updated']} changed, {summary['unchanged']} unchanged, "
                f"{summary['assignments_started']} assignments started.",
            )
        elif roster_import.status == RosterImportStatus.PREVIEWED:
            messages.warning(
                request, "The roster changed since the preview: check this one and confirm again."
            )
        else:
            messages.error(request, "The file was not imported: see the problems below.")
    return redirect("roster:import", pk=roster_import.pk)


@login_required
def import_columns(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The header names the reader accepts for each field, and the district's own."""
    districts = _districts(request)
    chosen = request.GET.get("district", "")
    district = (chosen.isdigit() and districts.filter(pk=chosen).first()) or districts[0]
    saved = {m.kind: m.mapping for m in RosterColumnMapping.objects.filter(district=district)}
    data = request.POST if request.method == "POST" else None
    forms = [
        RosterColumnMappingForm(data, kind=kind, initial=saved.get(kind, {}))
        for kind in RosterKind.values
    ]
    if data is not None and all(form.is_valid() for form in forms):
        for kind, form in zip(RosterKind.values, forms, strict=True):
            roster_column_mapping_save(
                district=district, kind=kind, mapping=form.cleaned_data, actor=request.user
            )
        messages.success(request, f"The column names for {district.code} are saved.")
        return redirect(f"{request.path}?district={district.pk}")
    return render(
        request,
        "roster/roster_columns.html",
        {
            "district": district,
            "districts": districts,
            "forms": zip(RosterKind.labels, forms, strict=True),
        },
        status=400 if data is not None else 200,
    )
