"""Packet pages: list, a version with its review forms, downloads, batch progress."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from packets.home import home_tasks as packets_home_tasks
from packets.home import nav_items as packets_nav_items
from packets.models import PacketStatus
from packets.services.review import packet_sign_off
from roster.models import Role
from tests.factories.packets import built_version

pytestmark = pytest.mark.django_db


def test_each_role_sees_the_packet_in_its_list(world, client_for) -> None:
    version = built_version(world.officer, world.period)
    other = built_version(world.other_officer, world.other_period)

    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        page = client_for(world.users[role]).get("/packets/").content.decode()
        assert f"/packets/versions/{version.pk}/" in page, role
        assert f"/packets/versions/{other.pk}/" not in page, role


def test_only_coordinators_and_supervisors_see_the_batch_form(world, client_for) -> None:
    assert (
        "Build packets"
        in client_for(world.users[Role.COORDINATOR]).get("/packets/").content.decode()
    )
    assert (
        "Build packets"
        not in client_for(world.users[Role.PRINCIPAL]).get("/packets/").content.decode()
    )


def test_the_supervisor_signs_off_from_the_page_and_the_officer_acknowledges(
    world, client_for
) -> None:
    version = built_version(world.officer, world.period)
    supervisor = client_for(world.users[Role.SUPERVISOR])
    officer = client_for(world.users[Role.OFFICER])

    page = supervisor.get(f"/packets/versions/{version.pk}/").content.decode()
    assert "Sign off" in page
    assert "Send back" in page
    assert "Acknowledge" not in officer.get(f"/packets/versions/{version.pk}/").content.decode()
    supervisor.post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on"},
    )
    page = officer.get(f"/packets/versions/{version.pk}/").content.decode()
    assert "Signed off" in page
    assert "Acknowledge" in page
    officer.post(f"/packets/versions/{version.pk}/acknowledge/", {"comment": "Thanks"})

    version.refresh_from_db()
    assert version.status == PacketStatus.ACKNOWLEDGED
    assert version.officer_comment == "Thanks"
    assert "Sign off" not in supervisor.get(f"/packets/versions/{version.pk}/").content.decode()


def test_a_refused_action_shows_its_reason(world, client_for) -> None:
    version = built_version(world.officer, world.period)

    response = client_for(world.users[Role.SUPERVISOR]).post(
        f"/packets/versions/{version.pk}/send-back/", {"comment": ""}, follow=True
    )

    assert "Say what needs to change" in response.content.decode()
    assert not AuditEvent.objects.filter(action="packet.sent_back").exists()


def test_the_version_page_shows_the_sections_and_downloads(world, client_for) -> None:
    version = built_version(world.officer, world.period)
    client = client_for(world.users[Role.PRINCIPAL])

    page = client.get(f"/packets/versions/{version.pk}/").content.decode()
    pdf = client.get(f"/packets/versions/{version.pk}/pdf/")

    assert "Profile and assignments" in page
    assert world.school.name in page
    assert pdf.content.startswith(b"%PDF-")
    assert client.get(f"/packets/versions/{version.pk}/xlsx/").content.startswith(b"PK")
    assert client.get(f"/packets/{version.packet_id}/").url == f"/packets/versions/{version.pk}/"


def test_an_outsider_gets_404_on_every_packet_page(world, client_for) -> None:
    version = built_version(world.other_officer, world.other_period)
    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        client = client_for(world.users[role])
        for url in ("", "pdf/", "xlsx/"):
            assert client.get(f"/packets/versions/{version.pk}/{url}").status_code == 404
        for url in ("sign-off/", "send-back/", "acknowledge/"):
            assert (
                client.post(f"/packets/versions/{version.pk}/{url}", {"comment": "x"}).status_code
                == 404
            )
        assert client.get(f"/packets/{version.packet_id}/").status_code == 404
        assert client.post(f"/packets/{version.packet_id}/rebuild/").status_code == 404
    version.refresh_from_db()
    assert version.status == PacketStatus.READY


def test_a_batch_from_the_page_shows_its_progress(
    world, client_for, django_capture_on_commit_callbacks
) -> None:
    client = client_for(world.users[Role.COORDINATOR])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/packets/batches/", {"period": world.period.pk})
    page = client.get(response.url).content.decode()

    assert "1 done" in page
    assert world.officer.last_name in page
    assert client_for(world.users[Role.PRINCIPAL]).get(response.url).status_code == 404


def test_a_queued_batch_page_says_when_the_queue_is_unavailable(
    world, client_for, monkeypatch
) -> None:
    from packets import views
    from packets.services import batches

    job = batches.packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    monkeypatch.setattr(views, "queue_available", lambda: False)

    page = (
        client_for(world.users[Role.COORDINATOR])
        .get(f"/packets/batches/{job.pk}/")
        .content.decode()
    )

    assert "The job queue is unavailable right now" in page
    assert "Queued" in page


def test_rebuild_from_the_page_says_when_nothing_changed(world, client_for) -> None:
    version = built_version(world.officer, world.period)

    response = client_for(world.users[Role.COORDINATOR]).post(
        f"/packets/{version.packet_id}/rebuild/", follow=True
    )

    assert "Nothing changed since version 1" in response.content.decode()


def test_home_items_tell_the_supervisor_and_the_officer_what_to_do(world) -> None:
    version = built_version(world.officer, world.period)

    supervisor_items = packets_home_tasks(user=world.users[Role.SUPERVISOR])
    assert [i["title"] for i in supervisor_items] == ["Evaluation packets to sign off"]
    assert packets_home_tasks(user=world.users[Role.OFFICER]) == []
    packet_sign_off(version=version, user=world.users[Role.SUPERVISOR])
    officer_items = packets_home_tasks(user=world.users[Role.OFFICER])
    assert officer_items[0]["url"] == f"/packets/versions/{version.pk}/"
    assert packets_home_tasks(user=world.users[Role.SUPERVISOR]) == []
    assert packets_nav_items(user=world.users[Role.PRINCIPAL]) == [
        {"title": "Packets", "url": "/packets/"}
    ]
