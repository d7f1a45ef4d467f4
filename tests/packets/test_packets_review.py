"""Review: the supervisor signs off or sends back, the officer acknowledges; a signed packet can't change."""

from __future__ import annotations

import datetime

import pytest

from core.errors import ApplicationError, ConflictError
from core.models import AuditEvent
from packets.models import PacketStatus
from packets.services.review import packet_acknowledge, packet_send_back, packet_sign_off
from packets.services.versions import packet_build, packet_rebuild
from roster.models import Role
from tests.factories.packets import built_version
from tests.factories.roster import AssignmentFactory, SchoolFactory, supervisor_of

pytestmark = pytest.mark.django_db


def test_the_supervisor_signs_a_packet_off_and_it_is_audited(world) -> None:
    version = built_version(world.officer, world.period)
    supervisor = world.users[Role.SUPERVISOR]

    signed = packet_sign_off(version=version, user=supervisor)

    assert signed.status == PacketStatus.SIGNED_OFF
    assert signed.reviewed_by == supervisor
    assert signed.reviewed_at is not None
    event = AuditEvent.objects.get(action="packet.signed_off")
    assert event.actor == supervisor
    assert event.changes["status"] == ["ready", "signed_off"]
    assert event.district_id == world.district.pk


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split()
    )


def test_the_signed_off_pdf_shows_who_signed_it_and_when_even_rendered_again(world) -> None:
    from packets.selectors import packet_document

    version = built_version(world.officer, world.period)
    supervisor = world.users[Role.SUPERVISOR]
    supervisor.first_name, supervisor.last_name = "Karen", "Miles"
    supervisor.save()
    hash_before = version.content_hash
    assert "Signed off in SRO360" not in _pdf_text(
        packet_document(version=version, kind="pdf", user=supervisor)[0]
    )

    signed = packet_sign_off(version=version, user=supervisor)

    stored = _pdf_text(packet_document(version=signed, kind="pdf", user=supervisor)[0])
    assert "Karen Miles Signed off in SRO360" in stored
    from django.utils import timezone

    assert f"Signed off in SRO360 {timezone.localtime(signed.reviewed_at):%Y-%m-%d}" in stored
    assert signed.content_hash == hash_before
    signed.signed_pdf.storage.delete(signed.signed_pdf.name)  # a lost file is rendered again
    assert "Karen Miles Signed off in SRO360" in _pdf_text(
        packet_document(version=signed, kind="pdf", user=supervisor)[0]
    )


def test_a_signed_packet_can_t_change(world) -> None:
    version = built_version(world.officer, world.period)
    supervisor = world.users[Role.SUPERVISOR]
    packet_sign_off(version=version, user=supervisor)
    snapshot, digest = version.snapshot, version.content_hash

    with pytest.raises(ConflictError):
        packet_sign_off(version=version, user=supervisor)
    with pytest.raises(ConflictError):
        packet_send_back(version=version, user=supervisor, comment="Fix it")
    AssignmentFactory(
        officer=world.officer,
        school=SchoolFactory(district=world.district),
        start_date=datetime.date(2027, 2, 1),
    )
    newer, created = packet_build(officer=world.officer, period=world.period)

    version.refresh_from_db()
    assert created
    assert newer.number == 2
    assert (version.status, version.snapshot, version.content_hash) == (
        PacketStatus.SIGNED_OFF,
        snapshot,
        digest,
    )
    assert newer.status == PacketStatus.READY


def test_an_unchanged_rebuild_of_a_signed_packet_returns_the_signed_version(world) -> None:
    version = built_version(world.officer, world.period)
    packet_sign_off(version=version, user=world.users[Role.SUPERVISOR])

    again, created = packet_rebuild(
        officer=world.officer, period=world.period, user=world.users[Role.COORDINATOR]
    )

    assert not created
    assert again.pk == version.pk


def test_only_the_latest_version_can_be_reviewed(world) -> None:
    old = built_version(world.officer, world.period)
    AssignmentFactory(
        officer=world.officer,
        school=SchoolFactory(district=world.district),
        start_date=datetime.date(2027, 2, 1),
    )
    built_version(world.officer, world.period)

    with pytest.raises(ConflictError, match="Version 2"):
        packet_sign_off(version=old, user=world.users[Role.SUPERVISOR])


def test_sending_back_needs_a_comment_and_records_it(world) -> None:
    version = built_version(world.officer, world.period)
    supervisor = world.users[Role.SUPERVISOR]

    with pytest.raises(ApplicationError, match="Say what needs to change"):
        packet_send_back(version=version, user=supervisor, comment="  ")
    returned = packet_send_back(
        version=version, user=supervisor, comment="Training hours look incomplete."
    )

    assert returned.status == PacketStatus.RETURNED
    assert returned.review_comment == "Training hours look incomplete."
    assert (
        AuditEvent.objects.get(action="packet.sent_back").reason
        == "Training hours look incomplete."
    )


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.OFFICER, Role.COORDINATOR])
def test_only_a_supervisor_of_the_agency_signs_off(world, role) -> None:
    version = built_version(world.officer, world.period)

    with pytest.raises(ApplicationError) as refused:
        packet_sign_off(version=version, user=world.users[role])

    assert refused.value.status == 403


def test_a_supervisor_of_another_agency_can_t_sign_off(world) -> None:
    version = built_version(world.officer, world.period)
    stranger = supervisor_of(world.other_agency, world.district)

    with pytest.raises(ApplicationError):
        packet_sign_off(version=version, user=stranger)


def test_the_officer_acknowledges_a_signed_packet_with_a_response(world) -> None:
    version = built_version(world.officer, world.period)
    officer_user = world.users[Role.OFFICER]
    with pytest.raises(ConflictError, match="signed it off"):
        packet_acknowledge(version=version, user=officer_user)
    packet_sign_off(version=version, user=world.users[Role.SUPERVISOR])

    acknowledged = packet_acknowledge(
        version=version, user=officer_user, comment="I disagree with section 3."
    )

    assert acknowledged.status == PacketStatus.ACKNOWLEDGED
    assert acknowledged.acknowledged_by == officer_user
    assert acknowledged.officer_comment == "I disagree with section 3."
    with pytest.raises(ConflictError):
        packet_acknowledge(version=version, user=officer_user)


def test_nobody_else_acknowledges_for_the_officer(world) -> None:
    version = built_version(world.officer, world.period)
    packet_sign_off(version=version, user=world.users[Role.SUPERVISOR])

    with pytest.raises(ApplicationError) as refused:
        packet_acknowledge(version=version, user=world.users[Role.SUPERVISOR])

    assert refused.value.status == 403


def test_a_principal_can_t_rebuild_a_packet(world) -> None:
    with pytest.raises(ApplicationError) as refused:
        packet_rebuild(officer=world.officer, period=world.period, user=world.users[Role.PRINCIPAL])

    assert refused.value.status == 403
