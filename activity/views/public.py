"""Pages anyone can open without logging in: the public report, the complaint form,
and the complaint tracking lookup. None of them needs JavaScript."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from activity.charts import svg_bar_chart
from activity.exports import report_csv, report_pdf, report_xlsx
from activity.forms import ComplaintForm, TrackingForm
from activity.selectors.releases import public_release, published_reports
from activity.services.complaints import complaint_status_for_code, complaint_submit
from activity.throttles import allow_public_post
from core.dates import today
from core.errors import ApplicationError
from roster.models import Assignment, District, Officer, School


def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "activity/public/report_index.html", {"reports": published_reports()})


def _report(district_code: str, period_name: str):
    report = public_release(district_code=district_code, period_name=period_name)
    if report is None:
        raise Http404("No public report for that district and school year.")
    return report


def report_page(request: HttpRequest, district_code: str, period_name: str) -> HttpResponse:
    report = _report(district_code, period_name)
    charts = [(chart, svg_bar_chart(chart)) for chart in report.charts]
    return render(request, "activity/public/report.html", {"report": report, "charts": charts})


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_download(
    request: HttpRequest, district_code: str, period_name: str, fmt: str
) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404("Reports come as CSV, XLSX or PDF.")
    report = _report(district_code, period_name)
    stem = f"{report.district_code}-activity-{report.period_name}"
    if fmt == "csv":
        return _download(report_csv(report), "text/csv; charset=utf-8", f"{stem}.csv")
    if fmt == "xlsx":
        return _download(
            report_xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{stem}.xlsx",
        )
    return _download(report_pdf(report), "application/pdf", f"{stem}.pdf")


def _complaint_form(district: District, data=None) -> ComplaintForm:
    schools = School.objects.filter(district=district).order_by("name")
    serving = (
        Assignment.objects.active_on(today()).filter(school__district=district).values("officer_id")
    )
    officers = (
        Officer.objects.filter(pk__in=serving)
        .select_related("agency")
        .order_by("last_name", "first_name")
    )
    return ComplaintForm(data, schools=schools, officers=officers)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, district_code: str) -> HttpResponse:
    district = get_object_or_404(District, code__iexact=district_code)
    if request.method == "GET":
        return render(
            request,
            "activity/public/complaint_form.html",
            {"district": district, "form": _complaint_form(district)},
        )
    if not allow_public_post(request):
        return render(request, "activity/public/throttled.html", status=429)
    form = _complaint_form(district, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _, code = complaint_submit(
                district=district,
                source=data["source"],
                allegations=data["allegations"],
                account=data["account"],
                school=data["school"],
                officer=data["officer"],
                incident_date=data["incident_date"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            # Rendered, not redirected: the code must never travel in a URL.
            return render(
                request,
                "activity/public/complaint_received.html",
                {"district": district, "code": code},
            )
    return render(
        request,
        "activity/public/complaint_form.html",
        {"district": district, "form": form},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "activity/public/complaint_track.html", {"form": TrackingForm()})
    if not allow_public_post(request):
        return render(request, "activity/public/throttled.html", status=429)
    form = TrackingForm(request.POST)
    status = None
    if form.is_valid():
        status = complaint_status_for_code(code=form.cleaned_data["code"])
        if status is None:
            form.add_error("code", "No complaint has that tracking code. Check it and try again.")
    return render(
        request,
        "activity/public/complaint_track.html",
        {"form": TrackingForm(), "status": status, "lookup_form": form},
        status=200 if status else 400,
    )
