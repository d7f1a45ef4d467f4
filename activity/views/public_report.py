"""The public report anyone can open without logging in: the list of published reports,
one report, and its CSV, XLSX and PDF. No JavaScript."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from activity.charts import svg_bar_chart
from activity.exports import report_csv, report_pdf, report_xlsx
from activity.selectors.releases import public_release, published_reports


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
