"""Every XLSX writer in the code base takes timezone-aware datetimes.

openpyxl refuses an aware datetime (the district export answered 500 on the demo), so
``core.spreadsheets`` writes each one in the district's zone, naive (CONVENTIONS rule
8). The writers are *found* by reading the source: every function that builds an
openpyxl ``Workbook`` or calls ``xlsx_bytes``. Each must have a case below that feeds it
an aware datetime and finds it, in local time, in the workbook; a writer added later
without a case fails ``test_every_xlsx_writer_has_a_timezone_case``, and one that builds
its own workbook without the conversion fails its case.
"""

from __future__ import annotations

import ast
import datetime
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_APP_CODE = {"tests", "benchmarks", "scripts", "docs", "mutation", "node_modules"}

# 03:30 UTC on 15 January is 21:30 on the 14th in Chicago (UTC-6 in winter).
AWARE = datetime.datetime(2026, 1, 15, 3, 30, tzinfo=datetime.UTC)
LOCAL = datetime.datetime(2026, 1, 14, 21, 30)  # noqa: DTZ001 - an Excel cell is naive wall-clock time


def _writer_functions() -> Iterator[str]:
    """``module.function`` for each function of the project that writes an XLSX."""
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in NOT_APP_CODE or parts[0].startswith(".") or "migrations" in parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "Workbook" not in source and "xlsx_bytes" not in source:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.parse(source).body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            called = {
                call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
            }
            if called & {"Workbook", "xlsx_bytes"}:
                yield f"{module}.{node.name}"


def _cells(content: bytes) -> list[object]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]


# One case per writer: feed it AWARE, return the XLSX it wrote ---------------------


def _core_xlsx_bytes() -> bytes:
    from core.spreadsheets import About, Sheet, xlsx_bytes

    return xlsx_bytes(
        [Sheet("Sheet", ["when", "at"], [[AWARE, datetime.time(9, 0, tzinfo=datetime.UTC)]])],
        about=About("A test", district="Home USD"),
    )


def _packet_xlsx() -> bytes:
    from packets.stamp import preview_stamp
    from packets.xlsx import render_packet_xlsx

    snapshot = {
        "officer": {"name": "Ana Núñez", "badge_number": "4411", "agency_name": "Home PD"},
        "period": {"name": "2025-26"},
        "district": {"name": "Home USD"},
        "summary": {"facts": [["Built", AWARE]]},
        "sections": [
            {
                "title": "Training",
                "notes": [],
                "tables": [{"title": "Records", "columns": ["When"], "rows": [[AWARE]]}],
            }
        ],
    }
    # A real snapshot holds datetimes as text (it is hashed as JSON); this one holds an
    # aware datetime to prove the writer converts it, so it gets a stamp of its own.
    return render_packet_xlsx(snapshot, stamp=preview_stamp("0" * 64))


def _training_export() -> bytes:
    from core.spreadsheets import About, Sheet
    from training_records.exports import _file

    sheet = Sheet("Transcript", ["verified_at"], iter([[AWARE]]))
    return _file("xlsx", "stem", sheet, About("A transcript", district="")).content


def _activity_report_xlsx() -> bytes:
    from activity.exports import report_xlsx
    from activity.selectors.report_tables import PublicReport, ReportCell, ReportRow, ReportTable

    table = ReportTable(
        slug="stops",
        title="Stops",
        description="",
        columns=("School", "When"),
        rows=(
            ReportRow(
                label="Lincoln High",
                cells=(ReportCell(text="", value=AWARE),),  # type: ignore[arg-type]
            ),
        ),
    )
    report = PublicReport(
        district_code="HOME",
        district_name="Home USD",
        period_name="2025-26",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
        threshold=10,
        tables=(table,),
        charts=(),
        suppressed_count=0,
    )
    return report_xlsx(report)


def _survey_results_xlsx() -> bytes:
    from surveys.exports import results_xlsx

    group = SimpleNamespace(
        label="Staff", comments=("Helpful",), questions=(), respondents=9, suppressed=False
    )
    result = SimpleNamespace(groups={"staff": group}, all_groups=None)
    return results_xlsx(officers=[(AWARE, result)], schools=[], k=5, comment_min=8)  # type: ignore[list-item]


def _district_export() -> bytes:
    import zipfile

    from roster.portability import district_export_zip
    from tests.factories.roster import AssignmentFactory, MOUFactory, OfficerFactory, SchoolFactory
    from tests.factories.training_records import RecordFactory

    mou = MOUFactory()
    officer = OfficerFactory(agency=mou.agency)
    AssignmentFactory(officer=officer, school=SchoolFactory(district=mou.district))
    RecordFactory(officer=officer, verified_at=AWARE)
    archive = zipfile.ZipFile(io.BytesIO(district_export_zip(district=mou.district)))
    return archive.read(f"{mou.district.code}.xlsx")


CASES: dict[str, Callable[[], bytes]] = {
    "core.spreadsheets.xlsx_bytes": _core_xlsx_bytes,
    "packets.xlsx.render_packet_xlsx": _packet_xlsx,
    "training_records.exports._file": _training_export,
    "activity.report_exports.xlsx.report_xlsx": _activity_report_xlsx,
    "surveys.exports.results_xlsx": _survey_results_xlsx,
    "roster.portability.district_export_zip": _district_export,
}


def test_every_xlsx_writer_has_a_timezone_case() -> None:
    found = set(_writer_functions())

    assert "core.spreadsheets.xlsx_bytes" in found  # the finder finds
    assert found - set(CASES) == set(), "a new XLSX writer: add its case to CASES"
    assert set(CASES) - found == set(), "a case for a writer that no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize("writer", sorted(CASES))
def test_each_xlsx_writer_writes_aware_datetimes_in_district_local_time(
    writer: str, settings
) -> None:
    settings.TIME_ZONE = "America/Chicago"

    cells = _cells(CASES[writer]())

    assert LOCAL in cells
    assert not [c for c in cells if isinstance(c, datetime.datetime) and c.tzinfo is not None]


def test_a_naive_datetime_is_left_as_it_is() -> None:
    from core.spreadsheets import About, Sheet, xlsx_bytes

    workbook = xlsx_bytes([Sheet("Sheet", ["when"], [[LOCAL]])], about=About("A test", "Home"))
    assert LOCAL in _cells(workbook)


def test_csv_cells_keep_the_offset_in_the_district_zone(settings) -> None:
    from core.spreadsheets import csv_bytes

    settings.TIME_ZONE = "America/Chicago"

    assert "2026-01-14 21:30:00-06:00" in csv_bytes(["when"], [[AWARE]]).decode("utf-8-sig")
