"""The public report as CSV, XLSX and PDF (``activity.report_exports``, one module a format)."""

from __future__ import annotations

from activity.report_exports.csv import CSV_HEADER, report_csv
from activity.report_exports.pdf import ReportPdfRenderer, report_pdf
from activity.report_exports.xlsx import report_xlsx

__all__ = ["CSV_HEADER", "ReportPdfRenderer", "report_csv", "report_pdf", "report_xlsx"]
