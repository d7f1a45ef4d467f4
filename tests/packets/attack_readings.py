"""What the packet attacks share: every reading a user can make of a version, and
every review attempt, with the checks that nothing private is read and nothing stored."""

from __future__ import annotations

import io
import json
import subprocess

from django.utils import timezone
from openpyxl import load_workbook

from core.models import AuditEvent
from flags.models import RemovalStatus
from packets.models import PacketStatus, PacketVersion
from roster.models import Role
from tests.factories.flags import RemovalRequestFactory

REASON_MARK = "private-reason-4b2d"
DECISION_MARK = "private-decision-8e5a"
MARKS = (REASON_MARK, DECISION_MARK)
REVIEW_ACTIONS = ("packet.signed_off", "packet.sent_back", "packet.acknowledged")


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF"), content[:200]
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def removal_request(world) -> None:
    RemovalRequestFactory(
        officer=world.officer,
        filed_by=world.users[Role.PRINCIPAL],
        reason=f"Reason {REASON_MARK}",
        status=RemovalStatus.DENIED,
        decided_at=timezone.now(),
        decided_by=world.users[Role.SUPERVISOR],
        decision_reasons=f"Decision {DECISION_MARK}",
    )


def every_reading(user, version: PacketVersion, client_for, api_for) -> dict[str, str]:
    """Every way a user can read a version: page, API (detail, list, packet), each
    PDF record the version holds on page and API, the XLSX on page and API."""
    client, api = client_for(user), api_for(user)
    readings = {
        "page": client.get(f"/packets/versions/{version.pk}/").content.decode(),
        "api": json.dumps(
            api.get(f"/api/v1/packet-versions/{version.pk}/").json(), ensure_ascii=False
        ),
        "api list": json.dumps(api.get("/api/v1/packets/").json(), ensure_ascii=False),
        "api packet": json.dumps(
            api.get(f"/api/v1/packets/{version.packet_id}/").json(), ensure_ascii=False
        ),
        "xlsx": xlsx_text(client.get(f"/packets/versions/{version.pk}/xlsx/").content),
        "api xlsx": xlsx_text(api.get(f"/api/v1/packet-versions/{version.pk}/xlsx/").content),
    }
    for record in ("", "built", "signed", "acknowledged"):
        page = client.get(f"/packets/versions/{version.pk}/pdf/?record={record}")
        if page.status_code == 404:
            continue
        readings[f"pdf {record}"] = pdf_text(page.content)
        readings[f"api pdf {record}"] = pdf_text(
            api.get(f"/api/v1/packet-versions/{version.pk}/pdf/?record={record}").content
        )
    return readings


def assert_no_private_text(readings: dict[str, str]) -> None:
    for where, text in readings.items():
        for mark in MARKS:
            assert mark not in text, f"{mark} in the reader's {where}"


def sign_and_acknowledge(world, api_for, version: PacketVersion) -> PacketVersion:
    signed = api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )
    assert signed.status_code == 200, signed.content
    acknowledged = api_for(world.users[Role.OFFICER]).post(
        f"/api/v1/packet-versions/{version.pk}/acknowledge/", {"comment": "Seen."}, format="json"
    )
    assert acknowledged.status_code == 200, acknowledged.content
    version.refresh_from_db()
    return version


def assert_unreviewed(version: PacketVersion) -> None:
    version.refresh_from_db()
    assert version.status == PacketStatus.READY
    assert version.reviewed_by is None
    assert version.reviewed_at is None
    assert version.review_comment == ""
    assert not version.signed_pdf
    assert not version.acknowledged_pdf
    assert not AuditEvent.objects.filter(action__in=REVIEW_ACTIONS).exists()


def review_attempts(user, version: PacketVersion, client_for, api_for) -> list[tuple[str, int]]:
    """Sign off and send back, each through the API and the page."""
    api, client = api_for(user), client_for(user)
    base = f"/api/v1/packet-versions/{version.pk}"
    page = f"/packets/versions/{version.pk}"
    return [
        (
            "api sign-off",
            api.post(
                f"{base}/sign-off/", {"content_hash": version.content_hash}, format="json"
            ).status_code,
        ),
        (
            "api send-back",
            api.post(f"{base}/send-back/", {"comment": "Redo it."}, format="json").status_code,
        ),
        (
            "page sign-off",
            client.post(
                f"{page}/sign-off/", {"content_hash": version.content_hash, "confirm": "on"}
            ).status_code,
        ),
        ("page send-back", client.post(f"{page}/send-back/", {"comment": "Redo."}).status_code),
    ]
