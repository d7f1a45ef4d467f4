"""Importing the agencies' training logs as they are, and refusing bad ones whole."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from core.tabular import ImportRejected
from roster.services.imports import roster_import
from tests.factories.roster import DistrictFactory, MOUFactory
from training_records.models import (
    Course,
    ImportStatus,
    RecordSource,
    TrainingImport,
    TrainingRecord,
)
from training_records.services.catalog import course_catalog_import
from training_records.services.imports import training_import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(shared_data):
    """The shared roster and catalog, as a district would load them."""
    district = DistrictFactory(code="RUSD")
    for name in ("roster_schools.csv", "roster_officers.csv"):
        path = shared_data / name
        roster_import(
            district=district,
            data=path.read_bytes(),
            filename=path.name,
            agency_names={
                "MCPD": "Metro City Police Department",
                "HCSO": "Harlan County Sheriff's Office",
            },
        )
    path = shared_data / "training_courses.csv"
    course_catalog_import(data=path.read_bytes(), filename=path.name)
    from roster.models import Agency

    agencies = {a.code: a for a in Agency.objects.all()}
    for agency in agencies.values():
        MOUFactory(district=district, agency=agency)
    return agencies


def _import(agency, path, **kwargs):
    return training_import_file(agency=agency, data=path.read_bytes(), filename=path.name, **kwargs)


def test_the_catalog_loads_with_its_categories_and_refreshers(loaded) -> None:
    cit = Course.objects.get(code="CIT-40")

    assert Course.objects.count() == 14
    assert (cit.category, cit.hours, cit.refresher_months) == (
        "de_escalation",
        Decimal("40.00"),
        36,
    )
    assert Course.objects.get(code="SRO-101").refresher_months is None


def test_loading_the_catalog_twice_changes_nothing(loaded, shared_data) -> None:
    path = shared_data / "training_courses.csv"

    assert course_catalog_import(data=path.read_bytes(), filename=path.name) == {
        "created": 0,
        "updated": 0,
        "unchanged": 14,
    }


def test_metro_pds_xlsx_imports_without_error_and_a_second_import_adds_nothing(
    loaded, shared_data
) -> None:
    first, log = _import(loaded["MCPD"], shared_data / "training_log_metro_pd.xlsx")

    assert log.errors == []
    assert (log.rows, len(log.records), log.duplicates) == (175, 175, 0)
    assert (
        TrainingRecord.objects.filter(training_import=first, source=RecordSource.IMPORTED).count()
        == 175
    )
    patel = TrainingRecord.objects.get(
        officer__badge_number="4217",
        course__code="TRAUMA-4",
        completed_on=datetime.date(2023, 8, 8),
    )
    assert (patel.hours, patel.provider) == (Decimal("4.00"), "State POST Academy")

    second, again = _import(loaded["MCPD"], shared_data / "training_log_metro_pd.xlsx")

    assert (len(again.records), again.duplicates) == (0, 175)
    assert (second.created_records, second.duplicates) == (0, 175)
    assert TrainingRecord.objects.count() == 175


def test_harlan_sos_csv_with_bom_and_titles_imports_and_a_second_import_adds_nothing(
    loaded, shared_data
) -> None:
    _first, log = _import(loaded["HCSO"], shared_data / "training_log_harlan_so.csv")

    assert log.errors == []
    assert (log.rows, len(log.records)) == (122, 122)
    young = (
        TrainingRecord.objects.filter(officer__badge_number="S-0760", course__code="YMHFA-8")
        .order_by("completed_on")
        .first()
    )
    assert (young.completed_on, young.provider) == (datetime.date(2023, 8, 1), "HCSO Training Unit")

    _second, again = _import(loaded["HCSO"], shared_data / "training_log_harlan_so.csv")

    assert (len(again.records), again.duplicates) == (0, 122)
    assert TrainingRecord.objects.count() == 122


def test_the_bad_rows_file_is_refused_with_one_clear_error_per_row_and_nothing_stored(
    loaded, shared_data
) -> None:
    with pytest.raises(ImportRejected) as rejected:
        _import(loaded["MCPD"], shared_data / "training_log_bad_rows.xlsx")

    errors = rejected.value.errors
    by_row = {e.row: (e.column, e.message) for e in errors}
    assert len(errors) == len(by_row) == 8, [str(e) for e in errors]
    assert by_row[2] == ("Badge #", "no officer of MCPD has badge 99999")
    assert by_row[3][0] == "Date Completed"
    assert "is in the future" in by_row[3][1]
    assert by_row[4] == ("Hours", "-8 hours: hours must be more than 0")
    assert by_row[5] == ("Course Code", "is empty; name the course by code or title")
    assert by_row[6][0] == "Date Completed"
    assert "'sometime in May' is not a date" in by_row[6][1]
    assert by_row[7] == ("Course Code", "holds a formula; enter the value itself")
    assert by_row[8] == ("Course Code", "XYZ-999 is not a course in the catalog")
    assert by_row[9][0] == "Hours"
    assert "implausible" in by_row[9][1]
    assert TrainingRecord.objects.count() == 0
    assert TrainingImport.objects.count() == 0


def test_a_dry_run_reports_and_stores_nothing(loaded, shared_data) -> None:
    training_import, log = _import(
        loaded["MCPD"], shared_data / "training_log_metro_pd.xlsx", dry_run=True
    )

    assert training_import is None
    assert len(log.records) == 175
    assert TrainingRecord.objects.count() == 0


def test_a_badge_of_another_officer_is_caught_by_the_name(loaded) -> None:
    data = b'Badge,Officer Name,Course,Date,Hours\n4113,"Fischer, Carl",CR-4,2025-03-01,4\n'

    with pytest.raises(ImportRejected) as rejected:
        training_import_file(agency=loaded["MCPD"], data=data, filename="log.csv")

    assert [str(e) for e in rejected.value.errors] == [
        "Row 2, column 'Officer Name': the badge belongs to Luis Lee, not Fischer"
    ]


def test_a_saved_column_mapping_reads_an_agencys_own_headers(loaded) -> None:
    from training_records.services.imports import column_mapping_save

    column_mapping_save(
        agency=loaded["MCPD"],
        mapping={"badge_number": "PERSNO", "completed_on": "Finished", "course_title": "Module"},
    )
    data = b"PERSNO,Module,Finished\n4113,Youth Mental Health First Aid,03/01/2025\n"

    _imp, _log = training_import_file(agency=loaded["MCPD"], data=data, filename="lms.csv")

    record = TrainingRecord.objects.get()
    assert (record.course.code, record.hours, record.completed_on) == (
        "YMHFA-8",
        Decimal("8.00"),
        datetime.date(2025, 3, 1),
    )


def test_courses_match_by_alias_and_text_numbers_and_excel_serial_dates(loaded) -> None:
    course = Course.objects.get(code="CIT-40")
    course.aliases = ["CIT 40-hour"]
    course.save()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Training Export"])
    sheet.append(["Badge", "Course", "Date", "Hours"])
    sheet.append(["4126", "cit 40-hour", 45658, "40"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    training_import_file(agency=loaded["MCPD"], data=buffer.getvalue(), filename="x.xlsx")

    record = TrainingRecord.objects.get()
    assert (record.course.code, record.completed_on, record.hours) == (
        "CIT-40",
        datetime.date(2025, 1, 1),
        Decimal("40.00"),
    )


def test_a_row_repeated_in_one_file_is_stored_once(loaded) -> None:
    data = b"Badge,Course Code,Date\n4113,CR-4,2025-03-01\n4113,CR-4,03/01/2025\n"

    _imp, log = training_import_file(agency=loaded["MCPD"], data=data, filename="log.csv")

    assert (len(log.records), log.duplicates) == (1, 1)


def test_the_command_imports_and_reports(loaded, shared_data, capsys) -> None:
    call_command(
        "import_training",
        str(shared_data / "training_log_metro_pd.xlsx"),
        "--agency",
        "mcpd",
        "--dry-run",
    )
    assert "175 records would be added" in capsys.readouterr().out
    assert TrainingRecord.objects.count() == 0

    call_command(
        "import_training", str(shared_data / "training_log_metro_pd.xlsx"), "--agency", "MCPD"
    )
    assert "175 records added, 0 already stored" in capsys.readouterr().out


def test_the_command_lists_every_bad_row(loaded, shared_data, capsys) -> None:
    with pytest.raises(CommandError, match="8 problem"):
        call_command(
            "import_training", str(shared_data / "training_log_bad_rows.xlsx"), "--agency", "MCPD"
        )

    assert "Row 2, column 'Badge #': no officer of MCPD has badge 99999" in capsys.readouterr().err


def test_an_import_refused_now_after_a_good_preview_is_marked_refused(
    loaded, shared_data, client_for
) -> None:
    from tests.factories.roster import supervisor_of
    from training_records.services.imports import training_import_confirm, training_import_upload

    supervisor = supervisor_of(loaded["MCPD"], loaded["MCPD"].mous.first().district)
    data = b"Badge,Course Code,Date\n4113,CR-4,2025-03-01\n"
    training_import = training_import_upload(
        agency=loaded["MCPD"], data=data, filename="log.csv", actor=supervisor
    )
    assert training_import.status == ImportStatus.PREVIEWED
    Course.objects.filter(code="CR-4").update(code="CR-4X")

    training_import = training_import_confirm(training_import=training_import, actor=supervisor)

    assert training_import.status == ImportStatus.REJECTED
    assert training_import.errors[0]["message"] == "CR-4 is not a course in the catalog"
    assert TrainingRecord.objects.count() == 0
