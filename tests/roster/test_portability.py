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
    assert "Roster schools" in workbook.sheetnames


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
        "agreements_mou_versions",
        "agreements_mou_reviews",
        "hiring_selections",
        "selfassessment_assessments",
    ):
        assert any(name.startswith(f"csv/{table}") for name in names), table


def test_the_agencies_table_lists_agencies_linked_to_the_district_before_any_mou(
    world, client_for
) -> None:
    from tests.factories.roster import AgencyFactory

    onboarding = AgencyFactory(code="NEWPD", name="New Police Department")
    onboarding.districts.add(world.district)
    AgencyFactory(code="ELSEWHERE").districts.add(world.other_district)

    response = client_for(world.users["coordinator"]).get(
        f"/districts/{world.district.pk}/export.zip"
    )

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    agencies = list(
        csv.reader(io.StringIO(archive.read("csv/roster_agencies.csv").decode("utf-8-sig")))
    )
    by_code = {row[0]: row for row in agencies[1:]}
    assert agencies[0][-2:] == ["linked", "mou"]
    assert by_code["NEWPD"][-2:] == ["True", "False"]
    assert by_code[world.agency.code][-1] == "True"
    assert "ELSEWHERE" not in by_code


def test_the_coordinator_downloads_the_full_demo_district_with_datetimes_in_local_time(
    client, settings
) -> None:
    """The demo district (every app, aware datetimes everywhere) used to answer 500:
    openpyxl refuses aware datetimes. Written in the district's zone, naive."""
    import datetime

    from django.contrib.auth import get_user_model

    from evaluations.models import Evaluation
    from roster.models import Membership, Role

    settings.TIME_ZONE = "America/Chicago"
    call_command("demo", "--no-serve")
    coordinator = Membership.objects.filter(role=Role.COORDINATOR, is_active=True).first()
    assert coordinator is not None
    district = coordinator.district
    evaluation = Evaluation.objects.filter(school__district=district).order_by("pk").first()
    assert evaluation is not None
    # 03:30 UTC on 15 January is 21:30 on the 14th in Chicago (UTC-6 in winter).
    Evaluation.objects.filter(pk=evaluation.pk).update(
        submitted_at=datetime.datetime(2026, 1, 15, 3, 30, tzinfo=datetime.UTC)
    )
    client.force_login(get_user_model().objects.get(pk=coordinator.user_id))

    response = client.get(f"/districts/{district.pk}/export.zip")

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    workbook = openpyxl.load_workbook(io.BytesIO(archive.read(f"{district.code}.xlsx")))
    sheet = workbook["Evaluations"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == evaluation.pk)
    # An Excel cell is naive wall-clock time in the district's zone.
    assert row[header.index("submitted_at")] == datetime.datetime(2026, 1, 14, 21, 30)  # noqa: DTZ001
    evaluations = archive.read("csv/evaluations_evaluations.csv").decode("utf-8-sig")
    assert "2026-01-14 21:30:00-06:00" in evaluations
    assert len(workbook.sheetnames) > 10
    # The program record goes out; public comments and each panelist's scores stay in.
    from agreements.models import PublicComment
    from hiring.models import PanelScore

    versions = archive.read("csv/agreements_mou_versions.csv").decode("utf-8-sig")
    assert len(versions.strip().splitlines()) >= 3
    assert "hiring_selections" in " ".join(archive.namelist())
    everything = " ".join(
        archive.read(name).decode("utf-8-sig")
        for name in archive.namelist()
        if name.endswith(".csv")
    )
    comments = list(PublicComment.objects.values_list("text", flat=True))
    notes = [n for n in PanelScore.objects.values_list("note", flat=True) if n]
    assert comments
    assert notes
    for text in comments + notes:
        assert text not in everything, text
