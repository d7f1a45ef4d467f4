"""One workbook from every XLSX writer, each fed a date, a percentage and an unrounded
rate where it has such a column, for the tests of how the workbooks read
(test_xlsx_readable.py) and print (test_xlsx_libreoffice.py).

Each case returns the workbook's bytes and the sheet and header of the columns to
check: ``date``, ``percent`` and ``rate`` (None where the writer has no such column).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

UNROUNDED_RATE = 5.687203791469194
LONG_TEXT = "A long free-text answer that runs on " * 6


@dataclass(frozen=True)
class Written:
    content: bytes
    sheet: str
    date: str | None = None
    percent: str | None = None
    rate: str | None = None
    printed: tuple[str, ...] = ()  # as LibreOffice prints the figures, formatted


def packet() -> Written:
    from packets.stamp import VersionStamp
    from packets.xlsx import render_packet_xlsx

    snapshot = {
        "officer": {"name": "Ana Núñez", "badge_number": "4411", "agency_name": "Home PD"},
        "period": {"name": "2026-27"},
        "district": {"name": "Home USD"},
        "summary": {
            "facts": [["Overall rating", "Proficient (2.62)"]],
            "narrative": ["Strong with families."],
            "cautions": ["A relative rate built on 2 arrests."],
        },
        "sections": [
            {
                "key": "activity",
                "title": "Enforcement activity",
                "notes": [LONG_TEXT],
                "tables": [
                    {
                        "title": "Arrests relative to enrollment, by student group",
                        "columns": ["Group", "Since", "Share", "Relative rate"],
                        "formats": ["text", "date", "percent", "decimal"],
                        "rows": [
                            ["Students with a disability", "2027-05-04", 66.7, UNROUNDED_RATE]
                        ],
                    }
                ],
            }
        ],
    }
    stamp = VersionStamp(
        number=3,
        status="signed_off",
        status_label="Signed off",
        built_at="2027-06-30 14:05",
        content_hash="ab" * 32,
    )
    return Written(
        render_packet_xlsx(snapshot, stamp=stamp),
        "Arrests relative to enrollment",  # cut to 31 characters, without the comma
        date="Since",
        percent="Share",
        rate="Relative rate",
        printed=("66.7%", "5.69", "2027-05-04"),
    )


def training_transcript() -> Written:
    from tests.factories.training_records import RecordFactory
    from training_records.exports import transcript_export
    from training_records.models import TrainingRecord

    # The provider column holds at most 200 characters (PostgreSQL enforces it).
    record = RecordFactory(hours=Decimal("1.3333"), provider=LONG_TEXT[:200])
    records = TrainingRecord.objects.filter(pk=record.pk).select_related("course", "verified_by")
    export = transcript_export(officer=record.officer, records=records, fmt="xlsx")
    return Written(export.content, "Training transcript", date="Completed", rate="Hours")


def training_compliance() -> Written:
    from tests.factories.roster import OfficerFactory
    from training_records.exports import compliance_report_export

    officer = OfficerFactory()
    requirement = SimpleNamespace(
        label="Annual de-escalation",
        status="overdue",
        due_date=datetime.date(2027, 1, 31),
        overdue_since=datetime.date(2027, 2, 1),
        overdue_days=12,
        last_completed_on=datetime.date(2026, 1, 15),
        hours_in_period=Decimal("2.6667"),
    )
    standing = SimpleNamespace(worst_status="overdue", requirements=[requirement])
    rows = [SimpleNamespace(officer=officer, compliance=standing)]
    export = compliance_report_export(
        agency=officer.agency,
        rows=rows,  # type: ignore[arg-type]  # the fields the export reads
        on=datetime.date(2027, 2, 13),
        fmt="xlsx",
    )
    return Written(export.content, "Compliance on 2027-02-13", date="Due", rate="Hours in period")


def survey_results() -> Written:
    from surveys.exports import results_xlsx

    district = SimpleNamespace(n=120, suppressed=False, mean=3.9166666, percent_favourable=71.4)
    question = SimpleNamespace(
        code="Q1",
        text_in=lambda language: "The officer treats students fairly.",
        n=12,
        mean=4.083333333,
        percent_favourable=66.7,
        distribution={"1": 1, "2": 1, "3": 2, "4": 3, "5": 5},
        suppressed=False,
        district=district,
    )
    group = SimpleNamespace(
        label="Staff",
        comments=(LONG_TEXT,),
        questions=(question,),
        respondents=12,
        suppressed=False,
    )
    result = SimpleNamespace(groups={"staff": group}, all_groups=None)
    content = results_xlsx(
        officers=[("Ana Núñez", result)],  # type: ignore[list-item]  # the fields it reads
        schools=[],
        k=5,
        comment_min=8,
        district="Home USD",
    )
    return Written(
        content, "Officers", percent="% favourable", rate="mean (1-5)", printed=("66.7%", "4.08")
    )


def public_report() -> Written:
    from activity.exports import report_xlsx
    from activity.selectors.report_tables import PublicReport, ReportCell, ReportRow, ReportTable

    table = ReportTable(
        slug="rates",
        title="Rates per 1,000 students",
        description="",
        columns=("School", "Arrests per 1,000", "Alternatives"),
        rows=(
            ReportRow(
                label="Lincoln High",
                cells=(ReportCell("5.7", UNROUNDED_RATE), ReportCell("67%", 66.66666)),
            ),
            ReportRow(
                label="All schools",
                cells=(ReportCell("suppressed", None, True), ReportCell("50%", 50.0)),
                is_total=True,
            ),
        ),
    )
    report = PublicReport(
        district_code="HOME",
        district_name="Home USD",
        period_name="2026-27",
        start_date=datetime.date(2026, 8, 1),
        end_date=datetime.date(2027, 7, 31),
        threshold=10,
        tables=(table,),
        charts=(),
        suppressed_count=1,
    )
    return Written(
        report_xlsx(report),
        "Rates",  # the report names its sheets by table (activity.selectors.report_labels)
        percent="Alternatives",
        rate="Arrests per 1,000",
    )


def district_export() -> Written:
    from roster.portability import district_export_zip
    from tests.factories.roster import AssignmentFactory, MOUFactory, OfficerFactory, SchoolFactory

    mou = MOUFactory()
    officer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(officer=officer, school=SchoolFactory(district=mou.district))
    archive = zipfile.ZipFile(io.BytesIO(district_export_zip(district=mou.district)))
    return Written(
        archive.read(f"{mou.district.code}.xlsx"), "Roster assignments", date="start_date"
    )


CASES: dict[str, Callable[[], Written]] = {
    "packets.xlsx.render_packet_xlsx": packet,
    "training_records.exports.transcript_export": training_transcript,
    "training_records.exports.compliance_report_export": training_compliance,
    "surveys.exports.results_xlsx": survey_results,
    "activity.report_exports.xlsx.report_xlsx": public_report,
    "roster.portability.district_export_zip": district_export,
}
