"""Sign-off that can't mislead: a stale version, a page showing other content and an
evaluation still waiting for its review or acknowledgement are refused, through the
real page and API, and nothing is stored when refused."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.models import AuditEvent
from evaluations.models import Evaluation
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_review,
    evaluation_submit,
)
from packets.models import PacketStatus, PacketVersion
from roster.models import MOU, Role
from tests.factories.evaluations import all_levels, started_evaluation
from tests.factories.packets import built_version
from tests.factories.training_records import RecordFactory

pytestmark = pytest.mark.django_db


def _submitted_evaluation(world) -> Evaluation:
    principal = world.users[Role.PRINCIPAL]
    evaluation = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    evaluation = evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=1,
        ratings=all_levels(evaluation, 3),
    )
    return evaluation_submit(evaluation=evaluation, actor=principal)


def _reviewed_evaluation(world) -> Evaluation:
    return evaluation_review(
        evaluation=_submitted_evaluation(world), actor=world.users[Role.SUPERVISOR]
    )


def _sign_off_api(world, api_for, version: PacketVersion, **body):
    return api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, **body},
        format="json",
    )


def _detail(world, api_for, version: PacketVersion) -> dict:
    return (
        api_for(world.users[Role.SUPERVISOR]).get(f"/api/v1/packet-versions/{version.pk}/").json()
    )


def _assert_nothing_stored(version: PacketVersion) -> None:
    version.refresh_from_db()
    assert version.status == PacketStatus.READY
    assert version.reviewed_by is None
    assert not version.signed_pdf
    assert not AuditEvent.objects.filter(action="packet.signed_off").exists()


def _add_a_training_record(world) -> None:
    RecordFactory(officer=world.officer, completed_on=datetime.date(2026, 10, 1))


def test_a_version_whose_records_changed_says_so_and_can_t_be_signed_until_rebuilt(
    world, api_for, client_for
) -> None:
    version = built_version(world.officer, world.period)
    assert _detail(world, api_for, version)["is_stale"] is False
    _add_a_training_record(world)

    page = client_for(world.users[Role.SUPERVISOR]).get(f"/packets/versions/{version.pk}/")
    refused = _sign_off_api(world, api_for, version)

    assert "The records behind this version changed after it was built" in page.content.decode()
    assert f"/packets/{version.packet_id}/rebuild/" in page.content.decode()
    assert _detail(world, api_for, version)["is_stale"] is True
    assert refused.status_code == 409
    assert "rebuild" in refused.json()["detail"].lower()
    _assert_nothing_stored(version)

    rebuilt = api_for(world.users[Role.SUPERVISOR]).post(
        "/api/v1/packets/build/",
        {"officer": world.officer.pk, "period": world.period.pk},
        format="json",
    )
    new = PacketVersion.objects.get(pk=rebuilt.json()["id"])
    assert rebuilt.json()["is_stale"] is False
    assert _sign_off_api(world, api_for, new).status_code == 200


def test_the_stale_page_refuses_sign_off_and_stores_nothing(world, client_for) -> None:
    version = built_version(world.officer, world.period)
    _add_a_training_record(world)

    response = client_for(world.users[Role.SUPERVISOR]).post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on"},
        follow=True,
    )

    assert "changed after it was built" in response.content.decode()
    _assert_nothing_stored(version)


def test_a_supervisor_may_sign_a_stale_version_knowingly_and_it_is_recorded(
    world, api_for, client_for
) -> None:
    version = built_version(world.officer, world.period)
    _add_a_training_record(world)

    signed = _sign_off_api(world, api_for, version, confirm_stale=True)

    assert signed.status_code == 200
    assert signed.json()["signed_while_stale"] is True
    version.refresh_from_db()
    assert version.status == PacketStatus.SIGNED_OFF
    assert version.signed_while_stale
    event = AuditEvent.objects.get(action="packet.signed_off")
    assert "changed after it was built" in event.reason
    assert event.changes["signed_while_stale"] == [False, True]
    page = client_for(world.users[Role.SUPERVISOR]).get(f"/packets/versions/{version.pk}/")
    assert "Signed while stale" in page.content.decode()


def test_the_stale_confirmation_on_the_page_is_recorded(world, client_for) -> None:
    version = built_version(world.officer, world.period)
    _add_a_training_record(world)
    client = client_for(world.users[Role.SUPERVISOR])
    assert 'name="confirm_stale"' in client.get(f"/packets/versions/{version.pk}/").content.decode()

    client.post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on", "confirm_stale": "on"},
    )

    version.refresh_from_db()
    assert version.status == PacketStatus.SIGNED_OFF
    assert version.signed_while_stale


def test_an_unstale_signature_is_not_marked_stale(world, api_for) -> None:
    version = built_version(world.officer, world.period)

    signed = _sign_off_api(world, api_for, version, confirm_stale=True)

    assert signed.status_code == 200
    assert signed.json()["signed_while_stale"] is False
    assert AuditEvent.objects.get(action="packet.signed_off").reason == ""


def test_sign_off_names_the_version_and_hash_after_the_content_and_needs_the_box_ticked(
    world, client_for
) -> None:
    version = built_version(world.officer, world.period)
    client = client_for(world.users[Role.SUPERVISOR])

    page = client.get(f"/packets/versions/{version.pk}/").content.decode()
    unticked = client.post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        follow=True,
    )

    heading = f"Sign off version {version.number} (sha256 {version.content_hash})"
    assert heading in page
    assert page.index(heading) > page.index("Profile and assignments"), "after the sections"
    assert f'value="{version.content_hash}"' in page
    assert 'type="checkbox" name="confirm"' in page
    assert "Tick the box" in unticked.content.decode()
    _assert_nothing_stored(version)


def test_a_page_showing_another_version_s_content_can_t_sign_this_one(
    world, api_for, client_for
) -> None:
    version = built_version(world.officer, world.period)
    other_hash = "0" * 64

    page = client_for(world.users[Role.SUPERVISOR]).post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": other_hash, "confirm": "on"},
        follow=True,
    )
    api = _sign_off_api(world, api_for, version, content_hash=other_hash)
    missing = api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/", {}, format="json"
    )

    assert "showed other content" in page.content.decode()
    assert api.status_code == 409
    assert "showed other content" in api.json()["detail"]
    assert missing.status_code == 400
    _assert_nothing_stored(version)


def test_a_double_submit_is_harmless(world, api_for) -> None:
    version = built_version(world.officer, world.period)
    first = _sign_off_api(world, api_for, version)
    version.refresh_from_db()
    signed_file, reviewed_at = version.signed_pdf.name, version.reviewed_at

    second = _sign_off_api(world, api_for, version)

    assert first.status_code == 200
    assert second.status_code == 409
    version.refresh_from_db()
    assert (version.signed_pdf.name, version.reviewed_at) == (signed_file, reviewed_at)
    assert AuditEvent.objects.filter(action="packet.signed_off").count() == 1


def test_a_submitted_evaluation_not_yet_reviewed_blocks_sign_off_and_says_who_must_act(
    world, api_for, client_for
) -> None:
    _submitted_evaluation(world)
    version = built_version(world.officer, world.period)

    page = client_for(world.users[Role.SUPERVISOR]).get(f"/packets/versions/{version.pk}/")
    detail = _detail(world, api_for, version)
    refused = _sign_off_api(world, api_for, version)

    assert "can't be signed off yet" in page.content.decode()
    assert "not yet reviewed: a supervisor of the officer's agency must review it" in (
        page.content.decode().replace("&#x27;", "'")
    )
    assert 'id="sign-off-form"' not in page.content.decode()
    assert len(detail["sign_off_blockers"]) == 1
    assert "must review it" in detail["sign_off_blockers"][0]
    assert refused.status_code == 409
    assert "must review it" in refused.json()["detail"]
    _assert_nothing_stored(version)


def test_an_evaluation_the_officer_has_not_acknowledged_blocks_sign_off_within_the_window(
    world, api_for, client_for
) -> None:
    _reviewed_evaluation(world)
    version = built_version(world.officer, world.period)
    deadline = timezone.localdate() + datetime.timedelta(days=14)

    detail = _detail(world, api_for, version)
    refused = client_for(world.users[Role.SUPERVISOR]).post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on"},
        follow=True,
    )

    assert f"until {deadline:%Y-%m-%d}" in detail["sign_off_blockers"][0]
    assert "the officer has not acknowledged" in detail["sign_off_blockers"][0]
    assert "can&#x27;t be signed off yet" in refused.content.decode()
    _assert_nothing_stored(version)


def test_once_the_officer_acknowledges_the_evaluation_the_packet_can_be_signed(
    world, api_for
) -> None:
    evaluation = _reviewed_evaluation(world)
    evaluation_acknowledge(
        evaluation=evaluation, actor=world.users[Role.OFFICER], agrees=True, response=""
    )
    version = built_version(world.officer, world.period)

    assert _detail(world, api_for, version)["sign_off_blockers"] == []
    assert _sign_off_api(world, api_for, version).status_code == 200


def test_when_the_mou_s_window_has_passed_the_packet_can_be_signed_without_it(
    world, api_for
) -> None:
    evaluation = _reviewed_evaluation(world)
    MOU.objects.filter(district=world.district, agency=world.agency).update(
        evaluation_acknowledgement_days=3
    )
    # Stands in for four days passing since the review.
    Evaluation.objects.filter(pk=evaluation.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=4)
    )
    version = built_version(world.officer, world.period)

    assert _detail(world, api_for, version)["sign_off_blockers"] == []
    assert _sign_off_api(world, api_for, version).status_code == 200


def test_the_window_counts_the_mou_s_days_from_the_review_date(world, api_for) -> None:
    evaluation = _reviewed_evaluation(world)
    MOU.objects.filter(district=world.district, agency=world.agency).update(
        evaluation_acknowledgement_days=30
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=20)
    )
    version = built_version(world.officer, world.period)

    refused = _sign_off_api(world, api_for, version)

    assert refused.status_code == 409
    assert "the MOU gives the officer 30 days" in refused.json()["detail"]
    _assert_nothing_stored(version)


def test_the_mou_window_is_set_on_the_mou_api(world, api_for) -> None:
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    client = api_for(world.users[Role.COORDINATOR])

    changed = client.patch(
        f"/api/v1/mous/{mou.pk}/", {"evaluation_acknowledgement_days": 21}, format="json"
    )
    refused = client.patch(
        f"/api/v1/mous/{mou.pk}/", {"evaluation_acknowledgement_days": 0}, format="json"
    )

    assert changed.status_code == 200
    assert changed.json()["evaluation_acknowledgement_days"] == 21
    assert refused.status_code == 400
    mou.refresh_from_db()
    assert mou.evaluation_acknowledgement_days == 21


def test_the_mou_window_is_set_on_the_mou_page(world, client_for) -> None:
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    client = client_for(world.users[Role.COORDINATOR])
    form = client.get(f"/setup/mous/{mou.pk}/").content.decode()

    client.post(
        f"/setup/mous/{mou.pk}/",
        {
            "effective_date": f"{mou.effective_date:%Y-%m-%d}",
            "end_date": f"{mou.end_date:%Y-%m-%d}",
            "next_review_date": f"{mou.next_review_date:%Y-%m-%d}",
            "removal_response_days": mou.removal_response_days,
            "evaluation_acknowledgement_days": 10,
        },
    )

    assert "Officer&#x27;s window to acknowledge an evaluation (days)" in form
    mou.refresh_from_db()
    assert mou.evaluation_acknowledgement_days == 10
