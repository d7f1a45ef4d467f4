"""The public report anyone can open without logging in: the list of published reports,
one report, and its CSV, XLSX and PDF. No JavaScript.

The page is in the reader's language (config.middleware.PublicLocaleMiddleware); its
download links carry that language (``?lang=es``), so a file saved or a link shared
comes out in the language it was taken in.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from activity.charts import svg_bar_chart
from activity.exports import report_csv, report_pdf, report_xlsx
from activity.report_exports import text
from activity.selectors.releases import public_release, published_reports
from activity.selectors.report_tables import PublicReport, trend_charts, trend_measures


def report_index(request: HttpRequest) -> HttpResponse:
    return render(request, "activity/public/report_index.html", {"reports": published_reports()})


def _report(district_code: str, period_name: str) -> PublicReport:
    report = public_release(district_code=district_code, period_name=period_name)
    if report is None:
        raise Http404("No public report for that district and school year.")
    return report


def report_context(report: PublicReport) -> dict[str, object]:
    """What the report template shows; the staff preview renders the same."""
    return {
        "report": report,
        "title": text.report_title(report),
        "dates": text.date_lines(report),
        "period_sentence": text.period_sentence(report),
        "release_sentence": text.release_sentence(report),
        "method_note": text.method_note(report),
        "legend": text.legend(report),
        "contact_lines": text.contact_lines(report),
        "trend_heading": text.trend_heading(),
        "trend_note": text.trend_note(report.trend),
        "trend_measures": trend_measures(),
        "trend_rows": [(text.trend_label(year), year.cells) for year in report.trend],
        "trend_charts": [(chart, svg_bar_chart(chart)) for chart in trend_charts(report.trend)],
        "charts": [(chart, svg_bar_chart(chart)) for chart in report.charts],
    }


def report_page(request: HttpRequest, district_code: str, period_name: str) -> HttpResponse:
    report = _report(district_code, period_name)
    return render(request, "activity/public/report.html", report_context(report))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language(request: HttpRequest) -> str:
    """The language a download link carries, else the page's."""
    asked = request.GET.get("lang", "")
    known = {code for code, _name in settings.LANGUAGES}
    return asked if asked in known else translation.get_language() or settings.LANGUAGE_CODE


def report_download(
    request: HttpRequest, district_code: str, period_name: str, fmt: str
) -> HttpResponse:
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404("Reports come as CSV, XLSX or PDF.")
    with translation.override(_language(request)):
        report = _report(district_code, period_name)
        # "activity" in the reader's language; the codes stay as they are.
        word = _("activity")
        stem = f"{report.district_code}-{word}-{report.period_name}"
        if fmt == "csv":
            response = _download(report_csv(report), "text/csv; charset=utf-8", f"{stem}.csv")
        elif fmt == "xlsx":
            response = _download(
                report_xlsx(report),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                f"{stem}.xlsx",
            )
        else:
            response = _download(report_pdf(report), "application/pdf", f"{stem}.pdf")
        response["Content-Language"] = translation.get_language()
    return response
