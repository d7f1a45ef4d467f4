"""Transcript and compliance-report files (XLSX write-only or CSV, formulas neutralised
by core/spreadsheets.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from core.spreadsheets import About, Sheet, csv_bytes, xlsx_bytes
from roster.models import Agency, Officer
from training_records.compliance import ComplianceStatus
from training_records.models import Category, TrainingRecord
from training_records.selectors import ComplianceRow

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

TRANSCRIPT_HEADER = [
    "Completed",
    "Course code",
    "Course",
    "Category",
    "Hours",
    "Provider or instructor",
    "Source",
    "Verified by",
]
REPORT_HEADER = [
    "Agency",
    "Badge",
    "Last name",
    "First name",
    "Overall",
    "Requirement",
    "Status",
    "Due",
    "Overdue since",
    "Days overdue",
    "Last completed",
    "Hours in period",
]


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def _file(fmt: str, stem: str, sheet: Sheet, about: About) -> ExportFile:
    if fmt == "csv":
        return ExportFile(csv_bytes(sheet.header, sheet.rows), CSV_TYPE, f"{stem}.csv")
    return ExportFile(xlsx_bytes([sheet], about=about), XLSX_TYPE, f"{stem}.xlsx")


def _about(what: str, agency: Agency) -> About:
    # Training records are the agency's, kept across every district it serves.
    return About(what, district="", facts=[("Agency", agency.name)])


def _verifier(record: TrainingRecord) -> str:
    verifier = record.verified_by if record.verified_by_id else None
    if verifier is None:
        return ""
    return verifier.get_full_name() or verifier.get_username()


def _transcript_rows(records: QuerySet[TrainingRecord]) -> Iterator[list]:
    for record in records.iterator(chunk_size=1000):
        yield [
            record.completed_on,
            record.course.code,
            record.course.title,
            Category(record.course.category).label,
            record.hours,
            record.provider,
            record.get_source_display(),
            _verifier(record),
        ]


def transcript_export(
    *, officer: Officer, records: QuerySet[TrainingRecord], fmt: str
) -> ExportFile:
    stem = f"training-transcript-{officer.agency.code}-{officer.badge_number}"
    return _file(
        fmt,
        stem,
        Sheet("Training transcript", TRANSCRIPT_HEADER, _transcript_rows(records)),
        _about(
            f"Training transcript of {officer.full_name} ({officer.badge_number})", officer.agency
        ),
    )


def _report_rows(rows: list[ComplianceRow]) -> Iterator[list]:
    for row in rows:
        officer, standing = row.officer, row.compliance
        start = [
            officer.agency.code,
            officer.badge_number,
            officer.last_name,
            officer.first_name,
            ComplianceStatus(standing.worst_status).label,
        ]
        if not standing.requirements:
            yield [*start, "(no requirements)", "", None, None, None, None, None]
        for item in standing.requirements:
            yield [
                *start,
                item.label,
                ComplianceStatus(item.status).label,
                item.due_date,
                item.overdue_since,
                item.overdue_days or None,
                item.last_completed_on,
                item.hours_in_period,
            ]


def compliance_report_export(
    *, agency: Agency, rows: list[ComplianceRow], on: datetime.date, fmt: str
) -> ExportFile:
    stem = f"training-compliance-{agency.code}-{on.isoformat()}"
    return _file(
        fmt,
        stem,
        Sheet(f"Compliance on {on.isoformat()}", REPORT_HEADER, _report_rows(rows)),
        _about(f"Training compliance of {agency.name}'s officers on {on.isoformat()}", agency),
    )
