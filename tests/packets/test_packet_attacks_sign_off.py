"""Red team of sign-off integrity through the real pages and API: nobody but a
supervisor of the officer's agency in that district signs off or sends back (not the
officer wearing a supervisor's hat, not a supervisor of another agency elsewhere),
nobody signs without the hash of the latest version, nobody but the officer
acknowledges, once and after sign-off; every refusal stores nothing."""

from __future__ import annotations

import pytest

from core.models import AuditEvent
from packets.models import PacketStatus, PacketVersion
from roster.models import Role
from tests.factories.packets import built_version
from tests.factories.roster import (
    AssignmentFactory,
    MembershipFactory,
    OfficerFactory,
    supervisor_of,
)
from tests.factories.training_records import RecordFactory
from tests.packets.attack_readings import assert_unreviewed, review_attempts, sign_and_acknowledge

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PRINCIPAL, Role.OFFICER])
def test_no_other_role_signs_off_or_sends_back(world, client_for, api_for, role) -> None:
    version = built_version(world.officer, world.period)

    for where, status in review_attempts(world.users[role], version, client_for, api_for):
        assert status in (302, 403, 404), where
    assert_unreviewed(version)


def test_a_supervisor_of_the_neighbouring_agency_signs_off_nothing(
    world, client_for, api_for
) -> None:
    next_door = world.next_door()
    neighbour = supervisor_of(next_door.next_agency, world.district)
    version = built_version(world.officer, world.period)

    for where, status in review_attempts(neighbour, version, client_for, api_for):
        assert status in (302, 403, 404), where
    assert_unreviewed(version)


def test_a_supervisor_of_the_other_district_signs_off_nothing(world, client_for, api_for) -> None:
    stranger = supervisor_of(world.other_agency, world.other_district)
    version = built_version(world.officer, world.period)

    for where, status in review_attempts(stranger, version, client_for, api_for):
        assert status in (302, 403, 404), where
    assert_unreviewed(version)


def test_an_officer_who_supervises_their_own_agency_can_t_sign_their_own_packet(
    world, client_for, api_for
) -> None:
    officer_user = world.users[Role.OFFICER]
    MembershipFactory(
        user=officer_user, role=Role.SUPERVISOR, district=world.district, agency=world.agency
    )
    version = built_version(world.officer, world.period)

    detail = api_for(officer_user).get(f"/api/v1/packet-versions/{version.pk}/").json()
    for where, status in review_attempts(officer_user, version, client_for, api_for):
        assert status in (302, 403), where
    assert detail["can_review"] is False
    assert_unreviewed(version)
    refused = api_for(officer_user).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )
    assert "their own packet" in str(refused.json()), "the refusal says why"


def test_signing_without_a_hash_is_refused_on_api_and_page(world, client_for, api_for) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    version = built_version(world.officer, world.period)

    api = api_for(supervisor).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/", {}, format="json"
    )
    client_for(supervisor).post(f"/packets/versions/{version.pk}/sign-off/", {"confirm": "on"})
    client_for(supervisor).post(
        f"/packets/versions/{version.pk}/sign-off/", {"content_hash": version.content_hash}
    )

    assert api.status_code == 400
    assert_unreviewed(version)


def test_an_older_version_can_t_be_signed_even_with_its_own_hash(
    world, client_for, api_for
) -> None:
    older = built_version(world.officer, world.period)
    RecordFactory(officer=world.officer, completed_on=world.period.start_date)
    newer = built_version(world.officer, world.period)
    supervisor = world.users[Role.SUPERVISOR]

    api = api_for(supervisor).post(
        f"/api/v1/packet-versions/{older.pk}/sign-off/",
        {"content_hash": older.content_hash, "confirm_stale": True},
        format="json",
    )
    client_for(supervisor).post(
        f"/packets/versions/{older.pk}/sign-off/",
        {"content_hash": older.content_hash, "confirm": "on", "confirm_stale": "on"},
    )
    wrong_hash = api_for(supervisor).post(
        f"/api/v1/packet-versions/{newer.pk}/sign-off/",
        {"content_hash": older.content_hash},
        format="json",
    )

    assert api.status_code == 409
    assert "replaces" in api.json()["detail"]
    assert wrong_hash.status_code == 409
    assert_unreviewed(older)
    assert_unreviewed(newer)


def test_acknowledging_before_sign_off_or_twice_is_refused_and_stores_nothing(
    world, api_for, client_for
) -> None:
    officer = world.users[Role.OFFICER]
    version = built_version(world.officer, world.period)
    url = f"/api/v1/packet-versions/{version.pk}/acknowledge/"

    early = api_for(officer).post(url, {"comment": "early"}, format="json")
    client_for(officer).post(f"/packets/versions/{version.pk}/acknowledge/", {"comment": "x"})

    assert early.status_code == 409
    assert_unreviewed(version)
    assert version.acknowledged_at is None
    assert version.officer_comment == ""

    version = sign_and_acknowledge(world, api_for, version)
    first = (version.acknowledged_at, version.acknowledged_pdf.name)
    again = api_for(officer).post(url, {"comment": "changed my mind"}, format="json")
    client_for(officer).post(f"/packets/versions/{version.pk}/acknowledge/", {"comment": "y"})
    version.refresh_from_db()

    assert again.status_code == 409
    assert (version.acknowledged_at, version.acknowledged_pdf.name) == first
    assert version.officer_comment == "Seen."
    assert AuditEvent.objects.filter(action="packet.acknowledged").count() == 1


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.COORDINATOR, Role.PRINCIPAL])
def test_nobody_but_the_officer_acknowledges(world, api_for, role) -> None:
    version = built_version(world.officer, world.period)
    api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )

    response = api_for(world.users[role]).post(
        f"/api/v1/packet-versions/{version.pk}/acknowledge/", {"comment": "me"}, format="json"
    )
    version.refresh_from_db()

    assert response.status_code in (403, 404)
    assert version.status == PacketStatus.SIGNED_OFF
    assert version.acknowledged_at is None
    assert not version.acknowledged_pdf
    assert not AuditEvent.objects.filter(action="packet.acknowledged").exists()


def test_sending_back_a_signed_version_is_refused_and_changes_nothing(world, api_for) -> None:
    version = built_version(world.officer, world.period)
    supervisor = api_for(world.users[Role.SUPERVISOR])
    supervisor.post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )
    version.refresh_from_db()
    signed = (version.status, version.reviewed_at, version.signed_pdf.name)

    response = supervisor.post(
        f"/api/v1/packet-versions/{version.pk}/send-back/", {"comment": "undo"}, format="json"
    )
    version.refresh_from_db()

    assert response.status_code == 409
    assert (version.status, version.reviewed_at, version.signed_pdf.name) == signed
    assert version.review_comment == ""
    assert not AuditEvent.objects.filter(action="packet.sent_back").exists()


# --- Scope across two memberships ---------------------------------------------------------


@pytest.fixture
def visiting_version(world) -> PacketVersion:
    """The other district's agency also places an officer at a home school."""
    visiting = OfficerFactory(agency=world.other_agency)
    AssignmentFactory(officer=visiting, school=world.school)
    return built_version(visiting, world.period)


@pytest.fixture
def two_hats(world):
    """A supervisor of the home agency at home and of the other agency in the other district."""
    user = supervisor_of(world.agency, world.district)
    MembershipFactory(
        user=user, role=Role.SUPERVISOR, district=world.other_district, agency=world.other_agency
    )
    return user


def test_supervising_another_agency_elsewhere_gives_no_signature_on_its_packets_here(
    visiting_version, two_hats, client_for, api_for
) -> None:
    attempts = review_attempts(two_hats, visiting_version, client_for, api_for)

    assert all(status in (302, 403, 404) for _, status in attempts), attempts
    assert_unreviewed(visiting_version)


@pytest.mark.xfail(
    strict=True,
    reason="roster.scoping.Scope keeps agency_ids and supervisor_district_ids as two flat "
    "sets, so Packet.for_scope lets a supervisor of agency A in district 1 and of agency B "
    "in district 2 read B's packets in district 1; the fix is (agency, district) pairs in "
    "the scope, in roster, not local to packets",
)
def test_supervising_another_agency_elsewhere_gives_no_reading_of_its_packets_here(
    visiting_version, two_hats, api_for
) -> None:
    read = api_for(two_hats).get(f"/api/v1/packet-versions/{visiting_version.pk}/")

    assert read.status_code == 404
