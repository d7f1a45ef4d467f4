"""The import pages: a refused header row points to the column names, skipped rows
are shown with their reason, and the column-mapping page holds the status values."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roster.models import Membership, Role
from training_records.models import ColumnMapping, TrainingImport, TrainingRecord

pytestmark = pytest.mark.django_db


def _upload(client, agency, data: bytes, name: str = "log.csv"):
    return client.post(
        "/training/imports/", {"agency": agency.pk, "file": SimpleUploadedFile(name, data)}
    )


def test_a_file_without_a_known_header_row_is_refused_naming_its_headers_and_linking_the_mapping(
    trained, client_for
) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])

    uploaded = _upload(client, trained.agency, b"PERSNO,Module,Finished\n4113,CR-4,2025-03-01\n")
    page = client.get(uploaded["Location"]).content.decode()

    assert "Refused" in page
    assert (
        "Row 1 has the headers &#x27;PERSNO&#x27;, &#x27;Module&#x27;, &#x27;Finished&#x27;" in page
    )
    assert f'href="/training/agencies/{trained.agency.pk}/columns/"' in page
    assert TrainingRecord.objects.filter(training_import__isnull=False).count() == 0


def test_a_refused_row_does_not_offer_the_column_names_link(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])

    uploaded = _upload(client, trained.agency, b"Badge,Course Code,Date\n99999,CR-4,2025-03-01\n")
    page = client.get(uploaded["Location"]).content.decode()

    assert "no officer of HOMEPD has badge 99999" in page
    assert f"/training/agencies/{trained.agency.pk}/columns/" not in page.split("<h2>Problems")[0]


def test_the_preview_shows_skipped_rows_with_their_reason(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])
    badge = trained.officer.badge_number
    data = (
        "Badge,Course Code,Date,Completion Status\n"
        f"{badge},CR-4,2026-09-01,Completed\n"
        f"{badge},CR-4,2026-10-01,No Show\n"
    ).encode()

    uploaded = _upload(client, trained.agency, data)
    page = client.get(uploaded["Location"]).content.decode()
    imported = client.post(f"{uploaded['Location']}confirm/", follow=True).content.decode()

    assert "1 new" in page
    assert "1 row skipped (completion status doesn't count)" in page
    assert "skipped: status &#x27;No Show&#x27;" in page
    assert "Import 1 new records" in page
    assert "and 1 rows whose status doesn&#x27;t count" in imported
    assert TrainingImport.objects.get().skipped == 1


def test_the_mapping_page_says_which_name_orders_it_reads(trained, client_for) -> None:
    page = (
        client_for(trained.users[Role.SUPERVISOR])
        .get(f"/training/agencies/{trained.agency.pk}/columns/")
        .content.decode()
    )

    assert "Officer name (&quot;Last, First&quot; or &quot;First Last&quot;)" in page
    assert "Status values that count" in page
    assert "Status values that don&#x27;t count" in page
    assert "No Show" in page  # the built-in values are listed


def test_the_supervisor_saves_the_status_values_of_the_agency(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])
    url = f"/training/agencies/{trained.agency.pk}/columns/"

    response = client.post(
        url,
        {
            "completion_status": "Disposition",
            "status_counts": "Satisfactory\nExcused",
            "status_skips": "Pending, Deferred",
        },
    )

    assert response.status_code == 302
    saved = ColumnMapping.objects.get(agency=trained.agency)
    assert saved.mapping == {"completion_status": "Disposition"}
    assert (saved.status_counts, saved.status_skips) == (
        ["Satisfactory", "Excused"],
        ["Pending", "Deferred"],
    )
    again = client.get(url).content.decode()
    assert "Satisfactory\nExcused</textarea>" in again


def test_a_value_in_both_boxes_is_refused_next_to_the_field_and_nothing_is_saved(
    trained, client_for
) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])

    response = client.post(
        f"/training/agencies/{trained.agency.pk}/columns/",
        {"badge_number": "PERSNO", "status_counts": "Pending", "status_skips": "pending"},
    )

    assert response.status_code == 200
    assert "can&#x27;t both count and not count: Pending" in response.content.decode()
    assert not ColumnMapping.objects.exists()


def test_an_outsider_and_an_ended_membership_get_404_on_the_mapping_page(
    trained, client_for
) -> None:
    supervisor = trained.users[Role.SUPERVISOR]
    client = client_for(supervisor)
    assert client.get(f"/training/agencies/{trained.other_agency.pk}/columns/").status_code == 404

    Membership.objects.filter(user=supervisor).update(is_active=False)

    assert client.get(f"/training/agencies/{trained.agency.pk}/columns/").status_code == 404
    assert (
        client.post(
            f"/training/agencies/{trained.agency.pk}/columns/", {"status_counts": "Pending"}
        ).status_code
        == 404
    )
    assert not ColumnMapping.objects.exists()


def test_the_api_says_how_many_rows_were_skipped_and_saves_status_values(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    badge = trained.officer.badge_number
    data = f"Badge,Course Code,Date,Result\n{badge},CR-4,2026-09-01,Withdrawn\n".encode()

    uploaded = client.post(
        "/api/v1/training/imports/upload/",
        {"agency": "HOMEPD", "file": SimpleUploadedFile("log.csv", data)},
        format="multipart",
    )
    url = f"/api/v1/training/agencies/{trained.agency.pk}/column-mapping/"
    saved = client.put(
        url + "update/",
        {"mapping": {}, "status_counts": ["Satisfactory"], "status_skips": ["Deferred"]},
        format="json",
    )
    refused = client.put(
        url + "update/",
        {"mapping": {}, "status_counts": ["Deferred"]},
        format="json",
    )

    assert uploaded.status_code == 201, uploaded.content
    body = uploaded.json()
    assert (body["status"], body["new_records"], body["skipped"]) == ("previewed", 0, 1)
    assert body["preview"][0]["action"] == "skipped: status 'Withdrawn'"
    assert saved.status_code == 200, saved.content
    assert (saved.json()["status_counts"], saved.json()["status_skips"]) == (
        ["Satisfactory"],
        ["Deferred"],
    )
    assert refused.status_code == 400
    assert client.get(url).json()["status_counts"] == ["Satisfactory"]
