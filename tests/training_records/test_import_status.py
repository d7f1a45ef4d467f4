"""A training log's completion status decides which rows count; the others are
skipped with their reason and never stored as training."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from core.errors import ApplicationError
from core.tabular import ImportRejected
from tests.factories.roster import AgencyFactory, MOUFactory, OfficerFactory, supervisor_of
from tests.factories.training_records import CourseFactory
from training_records.imports.status import status_key, status_rule
from training_records.models import ColumnMapping, ImportStatus, TrainingImport, TrainingRecord
from training_records.services.column_mappings import column_mapping_save
from training_records.services.imports import (
    training_import_confirm,
    training_import_file,
    training_import_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def metro():
    """Metro PD, two of its officers and two catalog courses."""
    agency = AgencyFactory(code="MCPD", name="Metro City Police Department")
    MOUFactory(agency=agency)
    OfficerFactory(agency=agency, badge_number="4113", first_name="Luis", last_name="Lee")
    OfficerFactory(agency=agency, badge_number="4126", first_name="Linda", last_name="Washington")
    CourseFactory(code="CR-4", title="Civil Rights in Schools", hours=4)
    CourseFactory(code="YMHFA-8", title="Youth Mental Health First Aid", hours=8)
    return agency


def _excel_moment(*parts: int) -> datetime.datetime:
    # An XLSX cell holds a naive wall-clock datetime: that is what exports contain.
    return datetime.datetime(*parts)  # noqa: DTZ001


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_status_values_compare_without_case_or_spacing() -> None:
    rule = status_rule()

    assert status_key("  NO-show ") == status_key("No Show") == "no show"
    assert rule.counts_row(" PASSED ") == (True, "PASSED")
    assert rule.counts_row("in_progress") == (False, "in_progress")
    assert rule.counts_row("Canceled")[0] is False
    assert rule.counts_row("Cancelled")[0] is False


def test_rows_whose_status_doesnt_count_are_skipped_and_never_stored(metro) -> None:
    data = _csv(
        "Badge,Course Code,Date,Completion Status",
        "4113,CR-4,2025-03-01,Completed",
        "4126,CR-4,2025-03-01,No Show",
        "4126,YMHFA-8,2025-04-01,  passed ",
        "4113,YMHFA-8,2025-04-01,IN-PROGRESS",
    )

    _imp, log = training_import_file(agency=metro, data=data, filename="lms.csv")

    assert (log.rows, len(log.records), log.skipped) == (4, 2, 2)
    assert sorted(TrainingRecord.objects.values_list("officer__badge_number", "course__code")) == [
        ("4113", "CR-4"),
        ("4126", "YMHFA-8"),
    ]


def test_a_skipped_row_is_not_checked_for_a_course_the_catalog_lacks(metro) -> None:
    data = _csv(
        "Badge,Course Title,Date,Result",
        "4113,Basket Weaving,2025-03-01,Cancelled",
        "4113,Civil Rights in Schools,2025-03-01,Attended",
    )

    _imp, log = training_import_file(agency=metro, data=data, filename="lms.csv")

    assert (log.errors, len(log.records), log.skipped) == ([], 1, 1)


def test_an_unknown_status_is_a_row_error_naming_the_value_the_column_and_what_is_accepted(
    metro,
) -> None:
    data = _csv(
        "Badge,Course Code,Date,Outcome",
        "4113,CR-4,2025-03-01,Completed",
        "4126,CR-4,2025-03-01,Pending review",
    )

    with pytest.raises(ImportRejected) as rejected:
        training_import_file(agency=metro, data=data, filename="lms.csv")

    [error] = rejected.value.errors
    assert (error.row, error.column) == (3, "Outcome")
    assert error.message.startswith("'Pending review' is not a completion status")
    assert "counted: Attended, Complete, Completed, Credit, Pass, Passed, Yes" in error.message
    assert "not counted: Absent, Canceled, Cancelled" in error.message
    assert TrainingRecord.objects.count() == 0
    assert TrainingImport.objects.count() == 0


def test_an_empty_status_is_a_row_error_too(metro) -> None:
    data = _csv("Badge,Course Code,Date,Status", "4113,CR-4,2025-03-01,")

    with pytest.raises(ImportRejected, match="an empty status is not a completion status"):
        training_import_file(agency=metro, data=data, filename="lms.csv")

    assert TrainingRecord.objects.count() == 0


def test_without_a_status_column_every_row_counts(metro) -> None:
    data = _csv("Badge,Course Code,Date", "4113,CR-4,2025-03-01", "4126,CR-4,2025-03-01")

    _imp, log = training_import_file(agency=metro, data=data, filename="log.csv")

    assert (len(log.records), log.skipped) == (2, 0)


def test_an_agencys_own_status_column_and_values_count_or_not(metro) -> None:
    column_mapping_save(
        agency=metro,
        mapping={"completion_status": "Disposition"},
        status_counts=["Satisfactory", "Excused"],
        status_skips=["Pending"],
    )
    data = _csv(
        "Badge,Course Code,Date,Disposition,Status",
        "4113,CR-4,2025-03-01,satisfactory,whatever",
        "4126,CR-4,2025-03-01,EXCUSED,whatever",
        "4113,YMHFA-8,2025-04-01,Pending,whatever",
        "4126,YMHFA-8,2025-04-01,No Show,whatever",
    )

    _imp, log = training_import_file(agency=metro, data=data, filename="lms.csv")

    # "Excused" doesn't count by default; this agency says it does, and its word wins.
    assert (len(log.records), log.skipped, log.errors) == (2, 2, [])


def test_a_value_both_counting_and_not_is_refused_and_nothing_is_saved(metro) -> None:
    column_mapping_save(agency=metro, mapping={}, status_counts=["Satisfactory"])

    with pytest.raises(ApplicationError, match="can't both count and not count: Satisfactory"):
        column_mapping_save(
            agency=metro, mapping={"badge_number": "PERSNO"}, status_skips=["SATISFACTORY"]
        )

    saved = ColumnMapping.objects.get(agency=metro)
    assert (saved.mapping, saved.status_counts, saved.status_skips) == ({}, ["Satisfactory"], [])


def test_the_preview_lists_skipped_rows_with_their_reason_and_counts_them(metro) -> None:
    supervisor = supervisor_of(metro, metro.mous.get().district)
    data = _csv(
        "Badge,Course Code,Date,Completion Status",
        "4113,CR-4,2025-03-01,Completed",
        "4126,CR-4,2025-03-01,No Show",
    )

    training_import = training_import_upload(
        agency=metro, data=data, filename="lms.csv", actor=supervisor
    )

    assert (training_import.status, training_import.new_records, training_import.skipped) == (
        ImportStatus.PREVIEWED,
        1,
        1,
    )
    assert training_import.preview[1] == [
        3,
        "4126",
        "Washington, Linda",
        "CR-4",
        "2025-03-01",
        "",
        "",
        "skipped: status 'No Show'",
    ]
    imported = training_import_confirm(training_import=training_import, actor=supervisor)
    assert (imported.created_records, imported.skipped) == (1, 1)
    assert TrainingRecord.objects.get().officer.badge_number == "4113"


def test_a_realistic_lms_export_imports(metro) -> None:
    """Title rows above the header, "First Last" names, datetimes with a time of day,
    upper-case course titles, and a completion status column."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Metro City Police Department - Learning Management System"])
    sheet.append(["Course completions report, generated 2026-11-02 06:15"])
    sheet.append([])
    sheet.append(["Employee ID", "Officer Name", "Course", "Completion Date", "Completion Status"])
    rows = [
        (4113, "Luis Lee", "CIVIL RIGHTS IN SCHOOLS", _excel_moment(2025, 3, 1, 14, 30), "Passed"),
        (4126, "Linda Washington", "YOUTH MENTAL HEALTH FIRST AID", _excel_moment(2025, 4, 2, 9, 0), "COMPLETED"),
        (4126, "Linda Washington", "CIVIL RIGHTS IN SCHOOLS", _excel_moment(2025, 5, 3, 8, 0), "No Show"),
        (4113, "Lee, Luis", "YOUTH MENTAL HEALTH FIRST AID", _excel_moment(2025, 6, 4, 23, 59), "Attended"),
    ]  # fmt: skip
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["Total completions: 3"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    _imp, log = training_import_file(agency=metro, data=buffer.getvalue(), filename="lms.xlsx")

    assert (log.errors, log.rows, len(log.records), log.skipped) == ([], 4, 3, 1)
    assert sorted(
        TrainingRecord.objects.values_list("officer__badge_number", "course__code", "completed_on")
    ) == [
        ("4113", "CR-4", datetime.date(2025, 3, 1)),
        ("4113", "YMHFA-8", datetime.date(2025, 6, 4)),
        ("4126", "YMHFA-8", datetime.date(2025, 4, 2)),
    ]


def test_a_first_last_name_that_does_not_match_the_badge_is_still_caught(metro) -> None:
    data = _csv(
        "Badge,Officer Name,Course Code,Date,Status", "4113,Linda Washington,CR-4,2025-03-01,Pass"
    )

    with pytest.raises(ImportRejected, match="the badge belongs to Luis Lee, not Washington"):
        training_import_file(agency=metro, data=data, filename="lms.csv")


def test_the_command_says_how_many_rows_did_not_count(metro, tmp_path, capsys) -> None:
    from django.core.management import call_command

    path = tmp_path / "lms.csv"
    path.write_bytes(
        _csv(
            "Badge,Course Code,Date,Status",
            "4113,CR-4,2025-03-01,Pass",
            "4126,CR-4,2025-03-01,Absent",
        )
    )

    call_command("import_training", str(path), "--agency", "MCPD")

    assert (
        "2 rows — 1 records added, 0 already stored (skipped), "
        "1 whose completion status doesn't count" in capsys.readouterr().out
    )
