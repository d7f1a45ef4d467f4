from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_a_coordinator_downloads_the_district_as_csv_and_xlsx_in_one_zip(world, client_for) -> None:
    world.officer.last_name = "=cmd|' /C calc'!A0"
    world.officer.save()

    response = client_for(world.users["coordinator"]).get(
        f"/districts/{world.district.pk}/export.zip"
    )

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    officers = list(
        csv.reader(io.StringIO(archive.read("csv/roster_officers.csv").decode("utf-8-sig")))
    )
    assert officers[0] == ["agency", "badge_number", "first_name", "last_name", "email"]
    assert [row[1] for row in officers[1:]] == [world.officer.badge_number]
    assert officers[1][3].startswith("'=")
    workbook = openpyxl.load_workbook(io.BytesIO(archive.read("HOME.xlsx")), read_only=True)
    assert "roster_schools" in workbook.sheetnames


def test_the_export_is_for_coordinators_of_that_district_only(world, client_for) -> None:
    assert (
        client_for(world.users["principal"])
        .get(f"/districts/{world.district.pk}/export.zip")
        .status_code
        == 404
    )
    assert (
        client_for(world.users["coordinator"])
        .get(f"/districts/{world.other_district.pk}/export.zip")
        .status_code
        == 404
    )


def test_the_command_writes_the_zip(world, tmp_path) -> None:
    out = tmp_path / "home.zip"

    call_command("export_district", str(out), "--district", "HOME")

    assert "csv/roster_assignments.csv" in zipfile.ZipFile(out).namelist()


def test_the_export_carries_every_apps_tables(world, client_for) -> None:
    response = client_for(world.users["coordinator"]).get(
        f"/districts/{world.district.pk}/export.zip"
    )

    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    for table in (
        "training_records_",
        "surveys_",
        "activity_",
        "evaluations_evaluations",
        "flags_flags",
        "flags_removal_requests",
        "packets_versions",
    ):
        assert any(name.startswith(f"csv/{table}") for name in names), table
