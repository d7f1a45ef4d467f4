"""Server-rendered training pages: thin, every read through selectors, every write
through services, no JavaScript."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.dates import today
from core.errors import ApplicationError
from core.tabular import ImportRejected
from roster.models import Agency, Officer
from training_records import exports, permissions, selectors
from training_records.compliance import ComplianceStatus
from training_records.forms import (
    ColumnMappingForm,
    ImportUploadForm,
    RecordForm,
    RequirementForm,
    StaffSessionForm,
)
from training_records.models import Category, ImportStatus
from training_records.services.catalog import (
    training_requirement_create,
    training_requirement_delete,
)
from training_records.services.imports import (
    column_mapping_save,
    training_import_confirm,
    training_import_upload,
)
from training_records.services.records import (
    staff_session_create,
    training_record_create,
    training_record_verify,
)

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def _on(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return today()


def _download(export: exports.ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _fmt(fmt: str) -> str:
    if fmt not in ("xlsx", "csv"):
        raise Http404("Unknown file format")
    return fmt


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Compliance of every officer the person may see: overdue first, then due soon."""
    on = _on(request)
    rows = selectors.compliance_rows(user=request.user, on=on)
    counts = {
        status: sum(1 for r in rows if r.compliance.worst_status == status)
        for status in ComplianceStatus.values
    }
    agencies = sorted({r.officer.agency for r in rows}, key=lambda a: a.code)
    return render(
        request,
        "training_records/dashboard.html",
        {
            "rows": rows,
            "on": on,
            "counts": counts,
            "agencies": agencies,
            "can_manage": permissions.can_manage_training(user=request.user),
        },
    )


@login_required
def officer_transcript(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    officer = get_object_or_404(selectors.officers_for_compliance(user=request.user), pk=pk)
    on = _on(request)
    can_manage = selectors.manageable_officers(user=request.user).filter(pk=officer.pk).exists()
    form = RecordForm(request.POST or None, request.FILES or None) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            training_record_create(
                officer=officer,
                course=form.cleaned_data["course"],
                completed_on=form.cleaned_data["completed_on"],
                hours=form.cleaned_data["hours"],
                provider=form.cleaned_data["provider"],
                certificate=form.cleaned_data["certificate"],
                entered_by=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The record was added.")
            return redirect("training_records:officer", pk=officer.pk)
    standing = selectors.compliance_for_officers(officer_ids=[officer.pk], on=on)[officer.pk]
    hours = selectors.training_hours_by_category(
        officer_ids=[officer.pk], start=on - datetime.timedelta(days=365), end=on
    )[officer.pk]
    return render(
        request,
        "training_records/transcript.html",
        {
            "officer": officer,
            "on": on,
            "standing": standing,
            "form": form,
            "can_manage": can_manage,
            "records": selectors.officer_transcript(officer=officer),
            "hours": [(Category(c).label, h) for c, h in hours.items() if h],
        },
    )


@login_required
@require_POST
def record_verify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    records = selectors.records_visible(user=request.user).filter(
        officer__in=selectors.manageable_officers(user=request.user)
    )
    record = get_object_or_404(records, pk=pk)
    try:
        training_record_verify(record=record, verified_by=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The record is verified.")
    return redirect("training_records:officer", pk=record.officer_id)


@login_required
def transcript_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    officer: Officer = get_object_or_404(
        selectors.officers_for_compliance(user=request.user), pk=pk
    )
    return _download(
        exports.transcript_export(
            officer=officer, records=selectors.officer_transcript(officer=officer), fmt=_fmt(fmt)
        )
    )


@login_required
def compliance_report_download(
    request: AuthenticatedHttpRequest, pk: int, fmt: str
) -> HttpResponse:
    agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=pk)
    on = _on(request)
    rows = selectors.compliance_rows(user=request.user, on=on, agency=agency)
    return _download(
        exports.compliance_report_export(agency=agency, rows=rows, on=on, fmt=_fmt(fmt))
    )


@login_required
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a training log; the next page previews it before anything is stored."""
    agencies = selectors.importable_agencies(user=request.user)
    if not agencies.exists():
        raise Http404("You import training for no agency.")
    form = ImportUploadForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            training_import = training_import_upload(
                agency=form.cleaned_data["agency"],
                data=upload,
                filename=upload.name,
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect("training_records:import", pk=training_import.pk)
    imports = selectors.imports_visible(user=request.user)[:20]
    return render(
        request,
        "training_records/imports.html",
        {"form": form, "imports": imports, "agencies": agencies},
    )


@login_required
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    training_import = get_object_or_404(selectors.imports_visible(user=request.user), pk=pk)
    page = Paginator(training_import.preview, 200).get_page(request.GET.get("page"))
    may_import = (
        selectors.importable_agencies(user=request.user)
        .filter(pk=training_import.agency_id)
        .exists()
    )
    can_confirm = training_import.status == ImportStatus.PREVIEWED and may_import
    # A problem with no column of its own is about the file's columns (no header row
    # found, no course column): the agency's column names are the way out.
    columns_refused = training_import.status == ImportStatus.REJECTED and any(
        not error.get("column") for error in training_import.errors
    )
    return render(
        request,
        "training_records/import_detail.html",
        {
            "imp": training_import,
            "page": page,
            "can_confirm": can_confirm,
            "mapping_link": columns_refused and may_import,
            "working": training_import.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING),
            "more_rows": max(
                0,
                training_import.new_records
                + training_import.duplicates
                + training_import.skipped
                - len(training_import.preview),
            ),
        },
    )


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    imports = selectors.imports_visible(user=request.user).filter(
        agency__in=selectors.importable_agencies(user=request.user)
    )
    training_import = get_object_or_404(imports, pk=pk)
    try:
        training_import = training_import_confirm(
            training_import=training_import, actor=request.user
        )
    except ImportRejected as rejected:
        messages.error(request, rejected.message)
    except ApplicationError as error:
        # A second click on "Import" lands here: the first one already imported it.
        messages.info(request, error.message)
    else:
        if training_import.status == ImportStatus.IMPORTED:
            messages.success(
                request,
                f"Imported {training_import.created_records} records; "
                f"{training_import.duplicates} already stored were skipped"
                + (
                    f", and {training_import.skipped} rows whose status doesn't count."
                    if training_import.skipped
                    else "."
                ),
            )
    return redirect("training_records:import", pk=training_import.pk)


@login_required
def column_mapping(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(selectors.importable_agencies(user=request.user), pk=pk)
    saved = selectors.column_mapping_of(agency=agency)
    form = ColumnMappingForm(
        request.POST or None,
        initial={
            **saved.mapping,
            "status_counts": "\n".join(saved.status_counts),
            "status_skips": "\n".join(saved.status_skips),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            column_mapping_save(
                agency=agency,
                mapping=form.header_names(),
                status_counts=form.cleaned_data["status_counts"],
                status_skips=form.cleaned_data["status_skips"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"The column names for {agency.code} are saved.")
            return redirect("training_records:imports")
    return render(request, "training_records/column_mapping.html", {"agency": agency, "form": form})


@login_required
def staff_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    schools = selectors.manageable_schools(user=request.user)
    form = StaffSessionForm(request.POST or None, schools=schools) if schools.exists() else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            staff_session_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The session is recorded.")
            return redirect("training_records:staff_sessions")
    sessions = Paginator(selectors.staff_sessions_visible(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "training_records/staff_sessions.html", {"form": form, "page": sessions})


@login_required
def catalog(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The courses and the MOUs' requirements; coordinators add and remove requirements."""
    mous = selectors.manageable_mous(user=request.user)
    form = RequirementForm(request.POST or None, mous=mous) if mous.exists() else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            training_requirement_create(
                mou=data["mou"],
                course=data["course"],
                category=data["category"],
                min_hours=data["min_hours"],
                initial=data["initial"],
                refresh_months=data["refresh_months"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The requirement is added.")
            return redirect("training_records:catalog")
    return render(
        request,
        "training_records/catalog.html",
        {
            "courses": selectors.courses_all(),
            "requirements": selectors.requirements_visible(user=request.user).order_by(
                "mou__agency__code", "category", "course__code"
            ),
            "form": form,
            "manageable_mou_ids": set(mous.values_list("pk", flat=True))
            if form is not None
            else set(),
        },
    )


@login_required
@require_POST
def requirement_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    requirements = selectors.requirements_visible(user=request.user).filter(
        mou__in=selectors.manageable_mous(user=request.user)
    )
    training_requirement_delete(
        requirement=get_object_or_404(requirements, pk=pk), actor=request.user
    )
    messages.success(request, "The requirement is removed.")
    return redirect("training_records:catalog")
