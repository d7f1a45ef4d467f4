from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from core.models import AuditEvent
from core.tabular import ImportRejected
from roster.models import Agency, Assignment, Officer, School
from roster.services.imports import roster_import
from tests.factories.roster import DistrictFactory, coordinator_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return DistrictFactory(code="RUSD")


def _import(district, path, **kwargs):
    return roster_import(district=district, data=path.read_bytes(), filename=path.name, **kwargs)


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


AGENCY_NAMES = {"MCPD": "Metro City Police Department", "HCSO": "Harlan County Sheriff's Office"}


def test_it_imports_the_shared_roster_files(district, shared_data) -> None:
    schools = _import(district, shared_data / "roster_schools.csv")
    officers = _import(district, shared_data / "roster_officers.csv", agency_names=AGENCY_NAMES)

    assert (schools.kind, schools.created) == ("schools", 8)
    assert (officers.kind, officers.created, officers.assignments_started) == ("officers", 20, 20)
    assert sorted(Agency.objects.values_list("code", "name")) == [
        ("HCSO", "Harlan County Sheriff's Office"),
        ("MCPD", "Metro City Police Department"),
    ]
    assert set(district.agencies.values_list("code", flat=True)) == {"HCSO", "MCPD"}
    chen = Officer.objects.get(agency__code="HCSO", badge_number="S-0754")
    assert chen.assignments.get().school.code == "WMS"


def test_importing_the_same_files_twice_changes_nothing(district, shared_data) -> None:
    _import(district, shared_data / "roster_schools.csv")
    _import(district, shared_data / "roster_officers.csv", agency_names=AGENCY_NAMES)
    audit_rows = AuditEvent.objects.count()

    again_schools = _import(district, shared_data / "roster_schools.csv")
    again_officers = _import(district, shared_data / "roster_officers.csv")

    assert (again_schools.created, again_schools.updated, again_schools.unchanged) == (0, 0, 8)
    assert (again_officers.created, again_officers.updated, again_officers.assignments_started) == (
        0,
        0,
        0,
    )
    assert (School.objects.count(), Officer.objects.count(), Assignment.objects.count()) == (
        8,
        20,
        20,
    )
    assert AuditEvent.objects.count() == audit_rows


def test_a_dry_run_reports_but_stores_nothing(district, shared_data) -> None:
    result = _import(district, shared_data / "roster_schools.csv", dry_run=True)

    assert result.created == 8
    assert School.objects.count() == 0


def test_it_rejects_bad_officer_rows_with_row_and_column_and_stores_nothing(
    district, shared_data
) -> None:
    _import(district, shared_data / "roster_schools.csv")
    bad = _csv(
        "agency_code,badge_number,first_name,last_name,school_code\n"
        "MCPD,4113,Luis,Lee,LHS\n"
        "MCPD,4126,Linda,Washington,XXX\n"
        "MCPD,4113,Carl,Fischer,EMS\n"
        "MCPD,4152,,Quinn,CHS\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        roster_import(district=district, data=bad, filename="officers.csv")

    messages = [str(e) for e in rejected.value.errors]
    assert "Row 4, column 'badge_number': badge 4113 of MCPD is already on row 2" in messages
    assert "Row 5, column 'first_name': is empty" in messages
    assert Officer.objects.count() == 0
    assert Agency.objects.count() == 0


def test_an_unknown_school_code_names_its_row(district, shared_data) -> None:
    _import(district, shared_data / "roster_schools.csv")
    bad = _csv(
        "agency_code,badge_number,first_name,last_name,school_code\nMCPD,4126,Linda,Washington,XXX\n"
    )

    with pytest.raises(ImportRejected) as rejected:
        roster_import(district=district, data=bad, filename="officers.csv")

    assert [str(e) for e in rejected.value.errors] == [
        "Row 2, column 'school_code': there is no school XXX in RUSD"
    ]
    assert Officer.objects.count() == 0


def test_it_reads_an_xlsx_roster_with_a_title_row(district) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Riverside USD schools, exported 2026-11-01"])
    sheet.append([])
    sheet.append(["School Code", "School Name", "Level", "Enrollment"])
    sheet.append(["RHS", "Riverside High School", "High", "1,840"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = roster_import(district=district, data=buffer.getvalue(), filename="schools.xlsx")

    assert result.created == 1
    assert School.objects.get(code="RHS").enrollment == 1840


def test_a_renamed_non_spreadsheet_is_refused(district) -> None:
    with pytest.raises(ImportRejected, match="not an XLSX"):
        roster_import(district=district, data=b"just text", filename="schools.xlsx")


def test_the_command_imports_and_reports(district, shared_data, capsys) -> None:
    call_command("import_roster", str(shared_data / "roster_schools.csv"))
    call_command(
        "import_roster",
        str(shared_data / "roster_officers.csv"),
        "--dry-run",
        "--agency-name",
        "MCPD=Metro City Police Department",
        "--agency-name",
        "hcso=Harlan County Sheriff's Office",
    )

    out = capsys.readouterr().out
    assert "8 schools rows — 8 were created" in out
    assert "20 would be created" in out
    assert "dry run" in out
    assert Officer.objects.count() == 0


def test_the_command_names_bad_rows_and_fails(district, tmp_path, capsys) -> None:
    path = tmp_path / "schools.csv"
    path.write_text("school_code,name,level\nRHS,,high\nLHS,Lincoln,castle\n")

    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_roster", str(path), "--district", "RUSD")

    err = capsys.readouterr().err
    assert "Row 2, column 'name': is empty" in err
    assert "Row 3, column 'level': 'castle' is not a school level" in err
    assert School.objects.count() == 0


def test_the_api_imports_for_a_coordinator_and_reports_errors(
    district, shared_data, api_for
) -> None:
    coordinator = coordinator_of(district)
    api = api_for(coordinator)
    with (shared_data / "roster_schools.csv").open("rb") as f:
        ok = api.post("/api/v1/roster/imports/", {"file": f}, format="multipart")
    bad = io.BytesIO(b"school_code,name\nZZZ,\n")
    bad.name = "bad.csv"
    refused = api.post("/api/v1/roster/imports/", {"file": bad}, format="multipart")

    assert ok.status_code == 200
    assert ok.json()["created"] == 8
    assert refused.status_code == 400
    assert refused.json()["errors"] == [{"row": 2, "column": "name", "message": "is empty"}]
