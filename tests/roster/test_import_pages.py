"""The roster import pages: upload -> preview -> confirm, the history and column names."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEvent
from roster.models import (
    Agency,
    Assignment,
    Membership,
    Officer,
    Role,
    RosterImport,
    RosterImportStatus,
    School,
)
from tests.factories.roster import RosterImportFactory, SchoolFactory

pytestmark = pytest.mark.django_db

OFFICERS = (
    'Agency,Badge #,Name,School\nHOMEPD,7001,"Reyes, Ana",HOME-HS\nNEWSO,S-12,Sam Ortiz,HOME-HS\n'
)


def _file(text: str, name: str = "officers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _counts() -> tuple[int, int, int, int]:
    return (
        Officer.objects.count(),
        Agency.objects.count(),
        School.objects.count(),
        Assignment.objects.count(),
    )


def _upload(client, text: str = OFFICERS, name: str = "officers.csv"):
    return client.post(reverse("roster:imports"), {"file": _file(text, name)})


@pytest.fixture
def coordinator(world, client_for):
    return client_for(world.users[Role.COORDINATOR])


def test_the_preview_lists_each_row_and_asks_for_the_new_agency_but_stores_nothing(
    world, coordinator
) -> None:
    before, audits = _counts(), AuditEvent.objects.count()

    response = _upload(coordinator)
    roster_import = RosterImport.objects.get()
    page = coordinator.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert roster_import.status == RosterImportStatus.PREVIEWED
    assert roster_import.unnamed_agencies == ["NEWSO"]
    assert roster_import.preview == [
        [2, "HOMEPD", "7001", "Ana", "Reyes", "HOME-HS", "new, assignment starts at HOME-HS"],
        [3, "NEWSO", "S-12", "Sam", "Ortiz", "HOME-HS", "new, assignment starts at HOME-HS"],
    ]
    assert "Name of the new agency NEWSO" in page
    assert "2 new" in page
    assert _counts() == before
    assert AuditEvent.objects.count() == audits


def test_confirm_refuses_an_unnamed_new_agency_and_stores_nothing(world, coordinator) -> None:
    _upload(coordinator)
    roster_import = RosterImport.objects.get()
    before = _counts()

    response = coordinator.post(reverse("roster:import-confirm", args=[roster_import.pk]))

    assert response.status_code == 400
    assert "Give the name of the agency NEWSO." in response.content.decode()
    assert _counts() == before
    assert not Agency.objects.filter(code="NEWSO").exists()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.PREVIEWED


def test_confirm_imports_once_even_when_clicked_twice(world, coordinator) -> None:
    _upload(coordinator)
    roster_import = RosterImport.objects.get()
    url = reverse("roster:import-confirm", args=[roster_import.pk])
    names = {"agency_name_NEWSO": "Newtown Sheriff's Office"}

    first = coordinator.post(url, names, follow=True)
    counts = _counts()
    second = coordinator.post(url, follow=True)  # the second click of a double click

    assert "Imported officers.csv: 2 new" in first.content.decode()
    assert "it is imported" in second.content.decode()
    assert _counts() == counts
    newso = Agency.objects.get(code="NEWSO")
    assert newso.name == "Newtown Sheriff's Office"
    assert world.district in newso.districts.all()
    assert Officer.objects.get(badge_number="S-12").last_name == "Ortiz"
    assert AuditEvent.objects.filter(action="roster.imported").count() == 1
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.IMPORTED
    assert roster_import.agency_names == {"NEWSO": "Newtown Sheriff's Office"}


def test_a_stale_preview_is_checked_again_and_nothing_is_imported(world, coordinator) -> None:
    _upload(coordinator, "school_code,name\nRHS,Riverside High\n", "schools.csv")
    roster_import = RosterImport.objects.get()
    SchoolFactory(district=world.district, code="RHS", name="Riverside High School")

    response = coordinator.post(
        reverse("roster:import-confirm", args=[roster_import.pk]), follow=True
    )

    roster_import.refresh_from_db()
    assert roster_import.status == RosterImportStatus.PREVIEWED
    assert roster_import.preview == [[2, "RHS", "Riverside High", "other", None, "changed"]]
    assert "The roster changed since the preview" in response.content.decode()
    assert School.objects.get(code="RHS").name == "Riverside High School"


def test_a_refused_header_lists_the_headers_found_and_links_the_column_names(
    world, coordinator
) -> None:
    officers = Officer.objects.count()
    response = _upload(coordinator, "Payroll No,Surname,Given\n7001,Reyes,Ana\n")
    page = coordinator.get(response["Location"]).content.decode()

    assert RosterImport.objects.get().status == RosterImportStatus.REJECTED
    assert "&#x27;Payroll No&#x27;, &#x27;Surname&#x27;, &#x27;Given&#x27;" in page
    assert reverse("roster:import-columns") in page
    assert Officer.objects.count() == officers


def test_the_saved_column_names_are_used_by_the_reader(world, coordinator) -> None:
    saved = coordinator.post(
        reverse("roster:import-columns"),
        {
            "officers-agency_code": "Dept",
            "officers-badge_number": "Payroll No",
            "officers-first_name": "Given",
        },
    )
    _upload(coordinator, "Dept,Payroll No,Surname,Given\nHOMEPD,7001,Reyes,Ana\n")

    assert saved.status_code == 302
    roster_import = RosterImport.objects.get()
    assert roster_import.status == RosterImportStatus.PREVIEWED, roster_import.errors
    assert roster_import.preview[0][:5] == [2, "HOMEPD", "7001", "Ana", "Reyes"]


def test_the_column_page_lists_the_fields_and_their_built_in_headers(world, coordinator) -> None:
    page = coordinator.get(reverse("roster:import-columns")).content.decode()

    assert "Badge number" in page
    assert "“badge number”, “badge”" in page
    assert "Full name (instead of first and last)" in page


def test_the_history_lists_the_districts_imports_in_few_queries(
    world, coordinator, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        RosterImportFactory(district=world.district, created_by=world.users[Role.COORDINATOR])
    RosterImportFactory(district=world.other_district, filename="away.csv")

    with django_assert_max_num_queries(12):
        page = coordinator.get(reverse("roster:imports"), {"status": "previewed"})

    assert page.content.decode().count("schools.csv") == 3
    assert "away.csv" not in page.content.decode()


def test_an_outsider_gets_404_for_another_districts_import_and_confirms_nothing(
    world, coordinator
) -> None:
    away = RosterImportFactory(district=world.other_district)

    shown = coordinator.get(reverse("roster:import", args=[away.pk]))
    confirmed = coordinator.post(reverse("roster:import-confirm", args=[away.pk]))

    assert (shown.status_code, confirmed.status_code) == (404, 404)
    away.refresh_from_db()
    assert away.status == RosterImportStatus.PREVIEWED
    assert not School.objects.filter(code="RHS").exists()


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_only_coordinators_reach_the_import_pages(world, client_for, role) -> None:
    client = client_for(world.users[role])
    home = RosterImportFactory(district=world.district)

    answers = [
        client.get(reverse("roster:imports")).status_code,
        client.post(reverse("roster:imports"), {"file": _file(OFFICERS)}).status_code,
        client.get(reverse("roster:import-columns")).status_code,
        client.get(reverse("roster:import", args=[home.pk])).status_code,
        client.post(reverse("roster:import-confirm", args=[home.pk])).status_code,
    ]

    assert answers == [404] * 5
    assert RosterImport.objects.count() == 1


def test_an_inactive_coordinator_sees_nothing(world, client_for) -> None:
    user = world.users[Role.COORDINATOR]
    home = RosterImportFactory(district=world.district)
    Membership.objects.filter(user=user).update(is_active=False)
    client = client_for(user)

    assert client.get(reverse("roster:imports")).status_code == 404
    assert client.get(reverse("roster:import", args=[home.pk])).status_code == 404
    assert client.post(reverse("roster:import-confirm", args=[home.pk])).status_code == 404


def test_the_column_page_ignores_a_district_that_is_not_a_number(world, coordinator) -> None:
    page = coordinator.get(reverse("roster:import-columns"), {"district": "x"})

    assert page.status_code == 200
    assert world.district.name in page.content.decode()


def test_saving_the_same_column_names_again_records_no_change(world, coordinator) -> None:
    names = {"officers-badge_number": "Payroll No"}
    coordinator.post(reverse("roster:import-columns"), names)
    audits = AuditEvent.objects.count()

    coordinator.post(reverse("roster:import-columns"), names)

    assert AuditEvent.objects.count() == audits
