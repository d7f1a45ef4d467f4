"""Attacks on the roster import pages: another district's officers, imports and column names."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent
from roster.models import (
    Agency,
    Assignment,
    Officer,
    Role,
    RosterColumnMapping,
    RosterImport,
    RosterImportStatus,
)
from tests.factories.roster import RosterImportFactory

pytestmark = pytest.mark.django_db


def _file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("officers.csv", text.encode(), content_type="text/csv")


@pytest.fixture
def coordinator(world, client_for):
    return client_for(world.users[Role.COORDINATOR])


def _other_officer_file(world, name: str = "Evil Name") -> str:
    badge = world.other_officer.badge_number
    return f"Agency,Badge #,Name,School\nAWAYPD,{badge},{name},HOME-HS\n"


def test_an_officers_file_naming_the_other_districts_officer_is_refused(world, coordinator):
    officer = world.other_officer
    names = (officer.first_name, officer.last_name)
    assignments, audits = Assignment.objects.count(), AuditEvent.objects.count()

    coordinator.post(reverse("roster:imports"), {"file": _file(_other_officer_file(world))})
    roster_import = RosterImport.objects.get()
    coordinator.post(reverse("roster:import-confirm", args=[roster_import.pk]))

    officer.refresh_from_db()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.REJECTED
    assert (officer.first_name, officer.last_name) == names
    assert not officer.assignments.filter(school=world.school).exists()
    assert Assignment.objects.count() == assignments
    assert not world.other_agency.districts.filter(pk=world.district.pk).exists()
    assert not AuditEvent.objects.filter(action__startswith="roster_import.imported").exists()
    assert AuditEvent.objects.count() >= audits


def test_the_preview_doesnt_confirm_the_other_districts_officer_names(world, coordinator):
    """An "unchanged" row would tell the coordinator they guessed the name right."""
    officer = world.other_officer
    text = _other_officer_file(world, name=f"{officer.first_name} {officer.last_name}")

    coordinator.post(reverse("roster:imports"), {"file": _file(text)})

    roster_import = RosterImport.objects.get()
    assert not any("unchanged" in str(cell) for row in roster_import.preview for cell in row)
    assert officer.first_name not in str(roster_import.preview)


def test_confirming_the_other_districts_import_is_a_404(world, coordinator):
    theirs = RosterImportFactory(district=world.other_district)
    before = (Officer.objects.count(), Agency.objects.count(), AuditEvent.objects.count())

    detail = coordinator.get(reverse("roster:import", args=[theirs.pk]))
    confirm = coordinator.post(reverse("roster:import-confirm", args=[theirs.pk]))

    theirs.refresh_from_db()
    assert (detail.status_code, confirm.status_code) == (404, 404)
    assert theirs.status == RosterImportStatus.PREVIEWED
    assert (Officer.objects.count(), Agency.objects.count(), AuditEvent.objects.count()) == before


def test_an_upload_naming_the_other_district_is_a_form_error(world, coordinator):
    response = coordinator.post(
        reverse("roster:imports"),
        {"district": world.other_district.pk, "file": _file("school_code,name\nEVIL,Evil\n")},
    )

    assert not RosterImport.objects.filter(district=world.other_district).exists()
    assert response.status_code in (200, 302, 400)


def test_the_column_names_page_never_shows_or_saves_the_other_districts(world, coordinator):
    RosterColumnMapping.objects.create(
        district=world.other_district, kind="officers", mapping={"badge_number": "Secret Badge Col"}
    )
    url = reverse("roster:import-columns") + f"?district={world.other_district.pk}"

    page = coordinator.get(url)
    coordinator.post(url, {"badge_number": "Overwritten"})

    assert "Secret Badge Col" not in page.content.decode()
    mapping = RosterColumnMapping.objects.get(district=world.other_district)
    assert mapping.mapping == {"badge_number": "Secret Badge Col"}


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_cant_upload_or_confirm(world, client_for, role):
    mine = RosterImportFactory(district=world.district)
    client = client_for(world.users[role])

    upload = client.post(
        reverse("roster:imports"), {"file": _file("school_code,name\nEVIL,Evil\n")}
    )
    confirm = client.post(reverse("roster:import-confirm", args=[mine.pk]))

    mine.refresh_from_db()
    assert upload.status_code in (403, 404)
    assert confirm.status_code == 404
    assert mine.status == RosterImportStatus.PREVIEWED
    assert RosterImport.objects.count() == 1


def test_the_import_api_refuses_the_other_districts_officer_and_stores_nothing(world, api_for):
    officer = world.other_officer
    names = (officer.first_name, officer.last_name)
    upload = io.BytesIO(_other_officer_file(world).encode())
    upload.name = "officers.csv"
    before = (Assignment.objects.count(), AuditEvent.objects.count())

    response = api_for(world.users[Role.COORDINATOR]).post(
        "/api/v1/roster/imports/", {"file": upload}, format="multipart"
    )

    officer.refresh_from_db()
    assert response.status_code == 400
    assert "serves another district" in response.content.decode()
    assert (officer.first_name, officer.last_name) == names
    assert (Assignment.objects.count(), AuditEvent.objects.count()) == before
    assert not world.other_agency.districts.filter(pk=world.district.pk).exists()


def test_an_officer_of_a_shared_agency_who_never_served_elsewhere_still_imports(world, coordinator):
    """The refusal is narrow: a linked agency's officer new to every district is ours to place."""
    world.other_agency.districts.add(world.district)
    fresh = Officer.objects.create(
        agency=world.other_agency, badge_number="F-9", first_name="Fresh", last_name="Hire"
    )

    coordinator.post(
        reverse("roster:imports"),
        {"file": _file("Agency,Badge #,Name,School\nAWAYPD,F-9,Fresh Hire,HOME-HS\n")},
    )
    roster_import = RosterImport.objects.get()
    coordinator.post(reverse("roster:import-confirm", args=[roster_import.pk]))

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.IMPORTED
    assert fresh.assignments.filter(school=world.school).exists()
