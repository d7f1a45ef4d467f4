"""The officer's copy: the removal requests' reasons and decision reasons, which the
removal-request views hide from the officer, are in no reading of the officer's own
packet (page, API snapshot, PDF, XLSX), while the supervisor's readings hold them."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from flags.models import RemovalStatus
from packets.models import PacketVersion
from roster.models import Role
from tests.factories.flags import RemovalRequestFactory
from tests.factories.packets import built_version

pytestmark = pytest.mark.django_db

REASON = "Shouted at the vice-principal in the staff room (private reason, unique 7f3a)."
DECISION = "Denied: the agency found no policy breach (private decision, unique 9c1e)."


def _pdf_text(content: bytes) -> str:
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.fixture
def version(world) -> PacketVersion:
    RemovalRequestFactory(
        officer=world.officer,
        filed_by=world.users[Role.PRINCIPAL],
        reason=REASON,
        status=RemovalStatus.DENIED,
        decided_at=timezone.now(),
        decided_by=world.users[Role.SUPERVISOR],
        decision_reasons=DECISION,
    )
    return built_version(world.officer, world.period)


def _readings(world, role, version, client_for, api_for) -> dict[str, str]:
    user = world.users[role]
    client = client_for(user)
    api = api_for(user)
    return {
        "page": client.get(f"/packets/versions/{version.pk}/").content.decode(),
        "api": json.dumps(
            api.get(f"/api/v1/packet-versions/{version.pk}/").json()["snapshot"],
            ensure_ascii=False,
        ),
        "pdf": _pdf_text(client.get(f"/packets/versions/{version.pk}/pdf/").content),
        "api pdf": _pdf_text(api.get(f"/api/v1/packet-versions/{version.pk}/pdf/").content),
        "xlsx": _xlsx_text(client.get(f"/packets/versions/{version.pk}/xlsx/").content),
        "api xlsx": _xlsx_text(api.get(f"/api/v1/packet-versions/{version.pk}/xlsx/").content),
    }


def _holds(text: str, secret: str) -> bool:
    # The private marks are plain words, so escaping or wrapping can't hide them.
    return secret.split("(")[1].rstrip(").") in text


def test_the_officer_reads_no_removal_reason_or_decision_reason_anywhere(
    world, version, client_for, api_for
) -> None:
    readings = _readings(world, Role.OFFICER, version, client_for, api_for)

    for where, text in readings.items():
        assert not _holds(text, REASON), where
        assert not _holds(text, DECISION), where
    assert "Removal requests" in readings["page"], "the request itself is not hidden"


def test_the_supervisor_reads_both_everywhere(world, version, client_for, api_for) -> None:
    readings = _readings(world, Role.SUPERVISOR, version, client_for, api_for)

    for where, text in readings.items():
        assert _holds(text, REASON), where
        assert _holds(text, DECISION), where


def test_the_officer_s_acknowledged_copy_holds_no_reason_either(
    world, version, client_for, api_for
) -> None:
    api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )
    api_for(world.users[Role.OFFICER]).post(
        f"/api/v1/packet-versions/{version.pk}/acknowledge/", {"comment": "Seen."}, format="json"
    )
    officer = client_for(world.users[Role.OFFICER])
    version.refresh_from_db()

    for record in ("built", "signed", "acknowledged"):
        text = _pdf_text(
            officer.get(f"/packets/versions/{version.pk}/pdf/?record={record}").content
        )
        assert not _holds(text, REASON), record
        assert not _holds(text, DECISION), record
    assert _holds(_pdf_text(version.acknowledged_pdf.read()), DECISION), (
        "the stored record is whole"
    )
