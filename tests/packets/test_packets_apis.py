"""Packet API: scoped reads, downloads, review and acknowledgement, builds."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from packets.models import PacketStatus, PacketVersion
from roster.models import Role
from tests.factories.packets import built_version
from tests.factories.roster import AssignmentFactory, principal_of
from tests.scoping import api_routes, check_api_scoping

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world) -> PacketVersion:
    return built_version(world.officer, world.period)


@pytest.fixture
def outsider_version(world) -> PacketVersion:
    return built_version(world.other_officer, world.other_period)


def test_every_packet_route_is_scoped_for_every_role(world) -> None:
    routes = [r for r in api_routes() if "packet" in r.pattern]

    assert len(routes) == 11
    assert check_api_scoping(world, routes) == []


def test_an_outsider_gets_404_for_another_district_s_packet_version(
    world, api_for, outsider_version
) -> None:
    endpoints = [
        ("get", ""),
        ("get", "pdf/"),
        ("get", "xlsx/"),
        ("post", "sign-off/"),
        ("post", "send-back/"),
        ("post", "acknowledge/"),
    ]
    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        client = api_for(world.users[role])
        for method, suffix in endpoints:
            response = getattr(client, method)(
                f"/api/v1/packet-versions/{outsider_version.pk}/{suffix}", {"comment": "x"}
            )
            # A role that may never use a POST endpoint is refused before the lookup (403).
            expected = {404, 403} if method == "post" else {404}
            assert response.status_code in expected, (role, method, suffix, response.status_code)
    outsider_version.refresh_from_db()
    assert outsider_version.status == PacketStatus.READY


def test_an_outsider_gets_404_for_another_district_s_packet_and_batch(
    world, api_for, outsider_version
) -> None:
    client = api_for(world.users[Role.COORDINATOR])

    assert client.get(f"/api/v1/packets/{outsider_version.packet_id}/").status_code == 404
    assert (
        client.post(
            "/api/v1/packets/build/",
            {"officer": world.other_officer.pk, "period": world.other_period.pk},
        ).status_code
        == 404
    )
    assert (
        client.post("/api/v1/packets/batches/", {"period": world.other_period.pk}).status_code
        == 404
    )


def test_the_list_shows_each_role_its_packets_in_a_bounded_number_of_queries(
    world, api_for, django_assert_max_num_queries
) -> None:
    built_version(world.officer, world.period)
    for _ in range(12):
        built_version(
            AssignmentFactory(school=world.school, officer__agency=world.agency).officer,
            world.period,
        )
    built_version(world.other_officer, world.other_period)

    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        client = api_for(world.users[role])
        with django_assert_max_num_queries(8):
            response = client.get("/api/v1/packets/")
        assert response.status_code == 200
        expected = 1 if role == Role.OFFICER else 13
        assert response.json()["count"] == expected, role
        assert {row["latest_status"] for row in response.json()["results"]} == {"ready"}


def test_a_principal_reads_the_packet_of_an_officer_at_their_school_only(
    world, api_for, version
) -> None:
    elsewhere = principal_of(AssignmentFactory(school__district=world.district).school)

    assert (
        api_for(world.users[Role.PRINCIPAL])
        .get(f"/api/v1/packet-versions/{version.pk}/")
        .status_code
        == 200
    )
    assert api_for(elsewhere).get(f"/api/v1/packet-versions/{version.pk}/").status_code == 404


def test_the_version_detail_has_the_snapshot_and_the_caller_s_actions(
    world, api_for, version
) -> None:
    data = (
        api_for(world.users[Role.SUPERVISOR]).get(f"/api/v1/packet-versions/{version.pk}/").json()
    )

    assert data["content_hash"] == version.content_hash
    assert data["snapshot"]["officer"]["name"] == world.officer.full_name
    assert (data["is_latest"], data["can_review"], data["can_acknowledge"]) == (True, True, False)


def test_the_pdf_and_xlsx_download(world, api_for, version) -> None:
    client = api_for(world.users[Role.PRINCIPAL])

    pdf = client.get(f"/api/v1/packet-versions/{version.pk}/pdf/")
    xlsx = client.get(f"/api/v1/packet-versions/{version.pk}/xlsx/")

    assert pdf["Content-Type"] == "application/pdf"
    assert world.officer.full_name in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "attachment" in xlsx["Content-Disposition"]
    assert "Summary" in load_workbook(io.BytesIO(xlsx.content)).sheetnames


def test_a_lost_file_is_rendered_again_from_the_snapshot(world, api_for, version) -> None:
    version.pdf.storage.delete(version.pdf.name)

    response = api_for(world.users[Role.OFFICER]).get(f"/api/v1/packet-versions/{version.pk}/pdf/")

    assert response.status_code == 200
    assert (
        world.officer.full_name in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    )


def test_sign_off_then_acknowledge_through_the_api(world, api_for, version) -> None:
    body = {"content_hash": version.content_hash}
    signed = api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/", body, format="json"
    )
    again = api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/", body, format="json"
    )
    acknowledged = api_for(world.users[Role.OFFICER]).post(
        f"/api/v1/packet-versions/{version.pk}/acknowledge/",
        {"comment": "Received."},
        format="json",
    )

    assert signed.status_code == 200
    assert signed.json()["status"] == PacketStatus.SIGNED_OFF
    assert again.status_code == 409
    assert acknowledged.status_code == 200
    assert acknowledged.json()["status"] == PacketStatus.ACKNOWLEDGED
    assert acknowledged.json()["officer_comment"] == "Received."


def test_a_principal_can_t_sign_off(world, api_for, version) -> None:
    response = api_for(world.users[Role.PRINCIPAL]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )

    assert response.status_code == 403


def test_send_back_needs_a_comment(world, api_for, version) -> None:
    client = api_for(world.users[Role.SUPERVISOR])

    assert (
        client.post(
            f"/api/v1/packet-versions/{version.pk}/send-back/", {}, format="json"
        ).status_code
        == 400
    )
    response = client.post(
        f"/api/v1/packet-versions/{version.pk}/send-back/",
        {"comment": "Missing evaluation."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == PacketStatus.RETURNED


def test_build_one_packet_then_an_unchanged_rebuild(world, api_for) -> None:
    client = api_for(world.users[Role.COORDINATOR])
    body = {"officer": world.officer.pk, "period": world.period.pk}

    first = client.post("/api/v1/packets/build/", body, format="json")
    second = client.post("/api/v1/packets/build/", body, format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_a_batch_shows_its_progress_through_the_api(
    world, api_for, django_capture_on_commit_callbacks
) -> None:
    client = api_for(world.users[Role.SUPERVISOR])
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/api/v1/packets/batches/",
            {"period": world.period.pk, "agency": world.agency.pk},
            format="json",
        )

    assert started.status_code == 202
    progress = client.get(f"/api/v1/packets/batches/{started.json()['id']}/").json()
    assert (progress["status"], progress["total"], progress["done"], progress["failed"]) == (
        "done",
        1,
        1,
        0,
    )
    assert progress["items"][0]["officer"] == world.officer.pk
    assert progress["items"][0]["version"]


def test_a_supervisor_can_t_batch_the_whole_district(world, api_for) -> None:
    response = api_for(world.users[Role.SUPERVISOR]).post(
        "/api/v1/packets/batches/", {"period": world.period.pk}, format="json"
    )

    assert response.status_code == 403


def test_the_district_export_table_lists_the_district_s_versions_only(world, version) -> None:
    from packets.portability import district_tables

    built_version(world.other_officer, world.other_period)

    [(name, header, rows)] = district_tables(world.district)

    rows = list(rows)
    assert name == "versions"  # packets_versions in the export
    assert len(rows) == 1
    assert dict(zip(header, rows[0], strict=True))["content_hash"] == version.content_hash
