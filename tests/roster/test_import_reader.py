"""Roster files as agencies really export them, read and imported."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from core.tabular import HeaderMissing, ImportRejected
from roster.imports import read_roster, tidy_name
from roster.models import Agency, Assignment, Officer, School
from roster.services.imports import roster_import
from tests.factories.roster import AgencyFactory, DistrictFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    district = DistrictFactory(code="RUSD")
    SchoolFactory(district=district, code="LHS", name="Lincoln High School")
    SchoolFactory(district=district, code="WMS", name="Westview Middle School")
    return district


def _xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


METRO_EXPORT = [
    ["Metro City Police Department - SRO Unit Roster"],
    ["Generated 2026-11-02 06:15 by records.export"],
    [],
    ["Agency", "Department", "Badge #", "Officer Name", "Assigned School", "Start Date", "Email"],
    [
        "mcpd",
        "Metro City Police Department",
        4113,
        "LEE, LUIS",
        "LINCOLN HIGH SCHOOL",
        datetime.datetime(2026, 8, 17, 0, 0),  # noqa: DTZ001 - as openpyxl reads a date cell
        "L.LEE@METRO.EXAMPLE",
    ],
    [
        "MCPD",
        "Metro City Police Department",
        4126.0,
        "Linda Washington",
        "wms",
        "08/18/2026",
        None,
    ],
    [],
    ["Total: 2 officers"],
]


def test_a_records_system_export_imports_as_it_is(district) -> None:
    result = roster_import(district=district, data=_xlsx(METRO_EXPORT), filename="sro.xlsx")

    assert (result.kind, result.created, result.assignments_started) == ("officers", 2, 2)
    metro = Agency.objects.get(code="MCPD")
    assert metro.name == "Metro City Police Department"
    assert district in metro.districts.all()
    lee = Officer.objects.get(badge_number="4113")
    assert (lee.first_name, lee.last_name, lee.email) == ("Luis", "Lee", "l.lee@metro.example")
    assert lee.assignments.get().school.code == "LHS"
    assert lee.assignments.get().start_date == datetime.date(2026, 8, 17)
    washington = Officer.objects.get(badge_number="4126")
    assert (washington.first_name, washington.last_name) == ("Linda", "Washington")
    assert washington.assignments.get().start_date == datetime.date(2026, 8, 18)


def test_the_same_export_again_changes_nothing(district) -> None:
    roster_import(district=district, data=_xlsx(METRO_EXPORT), filename="sro.xlsx")

    again = roster_import(district=district, data=_xlsx(METRO_EXPORT), filename="sro.xlsx")

    assert (again.created, again.updated, again.unchanged, again.assignments_started) == (
        0,
        0,
        2,
        0,
    )
    assert Assignment.objects.count() == 2


def test_an_agencys_own_export_without_an_agency_column_takes_the_agency_given(
    district, shared_data
) -> None:
    harlan = AgencyFactory(code="HCSO", name="Harlan County Sheriff's Office")
    data = (
        "\ufeffEmployee ID,Employee Name,School\n"
        'S-0760,"Young, Maria",Lincoln High School\n'
        'S-0742,"OKAFOR, LINDA",\n'
    ).encode()

    result = roster_import(district=district, data=data, filename="hcso.csv", agency_code="hcso")

    assert result.created == 2
    assert set(Officer.objects.values_list("agency", "last_name")) == {
        (harlan.pk, "Young"),
        (harlan.pk, "Okafor"),
    }


def test_an_officers_file_without_an_agency_column_or_agency_is_refused_naming_headers() -> None:
    data = b'Employee ID,Employee Name\nS-0760,"Young, Maria"\n'

    with pytest.raises(HeaderMissing) as refused:
        read_roster(data, "hcso.csv")

    assert "'agency code'" in refused.value.message
    assert "'Employee ID', 'Employee Name'" in refused.value.message


def test_a_name_that_is_not_a_full_name_names_its_row_and_column() -> None:
    data = b"Agency,Badge,Name\nMCPD,1,Madonna\n"

    with pytest.raises(ImportRejected) as refused:
        read_roster(data, "o.csv")

    assert [str(e) for e in refused.value.errors] == [
        "Row 2, column 'Name': 'Madonna' is not a full name ('Last, First' or 'First Last')"
    ]


def test_capitals_become_names_and_mixed_case_is_kept() -> None:
    assert [tidy_name(n) for n in ["LEE", "O'BRIEN-SMITH", "McDonald", "X"]] == [
        "Lee",
        "O'Brien-Smith",
        "McDonald",
        "X",
    ]


def test_upper_case_school_levels_and_codes_read(district) -> None:
    data = b"School Code,School Name,Level\nrhs,Riverside High School,HIGH\n"

    result = roster_import(district=district, data=data, filename="s.csv")

    assert result.created == 1
    assert School.objects.get(code="RHS").level == "high"


def test_a_new_agency_without_a_name_is_refused_and_nothing_is_stored(district) -> None:
    data = b"agency_code,badge_number,first_name,last_name\nNEWPD,1,Ana,Reyes\n"

    with pytest.raises(ImportRejected) as refused:
        roster_import(district=district, data=data, filename="o.csv")
    preview = roster_import(district=district, data=data, filename="o.csv", dry_run=True)

    assert "NEWPD is a new agency and its name is not given" in str(refused.value.errors[0])
    assert preview.agencies_unnamed == ["NEWPD"]
    assert not Agency.objects.filter(code="NEWPD").exists()
    assert Officer.objects.count() == 0


def test_the_command_refuses_an_unnamed_new_agency_then_imports_with_its_name(
    district, tmp_path, capsys
) -> None:
    path = tmp_path / "officers.csv"
    path.write_text("agency_code,badge_number,first_name,last_name\nNEWPD,1,Ana,Reyes\n")

    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_roster", str(path), "--district", "RUSD")
    err = capsys.readouterr().err
    call_command(
        "import_roster", str(path), "--district", "RUSD", "--agency-name", "newpd=New Police"
    )

    assert "NEWPD is a new agency and its name is not given" in err
    assert "--agency-name CODE=Name" in err
    assert Agency.objects.get(code="NEWPD").name == "New Police"


def test_the_command_refuses_a_malformed_agency_name(district, tmp_path) -> None:
    path = tmp_path / "officers.csv"
    path.write_text("agency_code,badge_number,first_name,last_name\nNEWPD,1,Ana,Reyes\n")

    with pytest.raises(CommandError, match="write it CODE=Name"):
        call_command("import_roster", str(path), "--agency-name", "New Police")


def test_the_api_previews_with_dry_run_and_imports_with_the_agency_named(district, api_for) -> None:
    from tests.factories.roster import coordinator_of

    api = api_for(coordinator_of(district))

    def post(**fields):
        upload = io.BytesIO(b'Agency,Badge,Name,School\nNEWPD,1,"Reyes, Ana",LHS\n')
        upload.name = "officers.csv"
        return api.post("/api/v1/roster/imports/", {"file": upload, **fields}, format="multipart")

    preview = post(dry_run=True)
    refused = post()
    imported = post(agency_names=["NEWPD=New Police"])

    assert preview.status_code == 200
    assert preview.json()["agencies_unnamed"] == ["NEWPD"]
    assert preview.json()["preview"] == [
        [2, "NEWPD", "1", "Ana", "Reyes", "LHS", "new, assignment starts at LHS"]
    ]
    assert refused.status_code == 400
    assert imported.status_code == 200, imported.json()
    assert Agency.objects.get(code="NEWPD").name == "New Police"
    assert Officer.objects.filter(agency__code="NEWPD").count() == 1
