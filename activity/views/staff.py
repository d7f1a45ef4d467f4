"""Pages for signed-in staff: incidents and activity imports (complaints and the public
report have their own modules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from activity import permissions
from activity.forms import ImportUploadForm, IncidentForm
from activity.models import ActivityImportStatus
from activity.selectors import activity_metrics_for_officers
from activity.selectors import records as selectors
from activity.services.imports import activity_import_confirm, activity_import_preview
from activity.services.incidents import incident_record_or_error, incident_update
from core.dates import today
from core.errors import ApplicationError
from core.tabular import ImportRejected
from roster.models import EvaluationPeriod

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def require_role(allowed: bool) -> None:
    # Out of role is "not found", like an out-of-scope object.
    if not allowed:
        raise Http404("Nothing here for your role.")


def _current_period(request: HttpRequest, periods) -> EvaluationPeriod | None:
    chosen = request.GET.get("period")
    if chosen and chosen.isdigit():
        return periods.filter(pk=int(chosen)).first()
    return periods.filter(start_date__lte=today(), end_date__gte=today()).first() or periods.first()


@login_required
def incident_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    periods = selectors.periods_visible(user=request.user)
    period = _current_period(request, periods)
    incidents = selectors.incidents_visible(user=request.user)
    officer_rows = []
    if period is not None:
        incidents = incidents.filter(date__gte=period.start_date, date__lte=period.end_date)
        officers = list(selectors.officers_for_entry(user=request.user)[:200])
        metrics = activity_metrics_for_officers(officer_ids=[o.pk for o in officers], period=period)
        officer_rows = [
            (o, metrics[o.pk])
            for o in officers
            if metrics[o.pk].incidents or metrics[o.pk].complaints_total
        ]
    page = Paginator(incidents, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "activity/incident_list.html",
        {
            "page": page,
            "periods": periods,
            "period": period,
            "officer_rows": officer_rows,
            "can_record": permissions.can_record_activity(user=request.user),
            "can_publish": permissions.can_publish(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(permissions.can_record_activity(user=request.user))
    form = IncidentForm(
        request.POST or None,
        officers=selectors.officers_for_entry(user=request.user),
        schools=selectors.schools_for_entry(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            incident = incident_record_or_error(actor=request.user, **data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Incident {incident.incident_number} recorded.")
            return redirect("activity:incidents")
    return render(
        request, "activity/incident_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_role(permissions.can_record_activity(user=request.user))
    incident = get_object_or_404(selectors.incidents_visible(user=request.user), pk=pk)
    initial = {
        "officer": incident.officer_id,
        "school": incident.school_id,
        "incident_number": incident.incident_number,
        "date": incident.date,
        "offense_category": incident.offense_category,
        "ordinary_discipline": incident.ordinary_discipline,
        "race_ethnicity": incident.race_ethnicity,
        "sex": incident.sex,
        "disability": incident.disability,
        "english_learner": incident.english_learner,
        "grade": incident.grade,
        "actions": [a.action_type for a in incident.actions.all()],
        "force_level": next((a.force_level for a in incident.actions.all() if a.force_level), None),
    }
    form = IncidentForm(
        request.POST or None,
        initial=initial,
        officers=selectors.officers_for_entry(user=request.user),
        schools=selectors.schools_for_entry(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident_update(incident=incident, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Incident {incident.incident_number} corrected.")
            return redirect("activity:incidents")
    return render(
        request,
        "activity/incident_form.html",
        {"form": form, "incident": incident},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(permissions.can_record_activity(user=request.user))
    districts = selectors.districts_for_entry(user=request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        district = districts.first()
        if district is None:
            raise Http404("You record activity in no district.")
        upload = form.cleaned_data["file"]
        try:
            record = activity_import_preview(
                district=district, actor=request.user, upload=upload, filename=upload.name
            )
        except ImportRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            return redirect("activity:import-detail", pk=record.pk)
    return render(request, "activity/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(selectors.imports_visible(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            result = activity_import_confirm(record=record, actor=request.user)
        except ImportRejected as rejected:
            messages.error(request, rejected.message)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                f"Imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged.",
            )
            return redirect("activity:incidents")
        record.refresh_from_db()
    return render(
        request,
        "activity/import_detail.html",
        {
            "record": record,
            "summary": record.summary,
            "can_confirm": record.status == ActivityImportStatus.PREVIEWED,
        },
    )
