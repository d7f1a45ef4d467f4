"""The stored signed record: every rendering states its version, status, build date and
hash; signing off and the officer's acknowledgement each store a rendering beside the
earlier ones, and the acknowledged one prints the date and the officer's response."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.utils import timezone
from pypdf import PdfReader

from evaluations.models import Evaluation
from evaluations.services.signatures import evaluation_acknowledge, evaluation_review
from packets.models import PacketStatus, PacketVersion
from roster.models import Role
from tests.factories.packets import add_packet_inputs, built_version

pytestmark = pytest.mark.django_db

RESPONSE = (
    "I received the packet on the first day back. The cafeteria incident in October "
    "involved a student who had threatened another; I restrained him for the other "
    "student's safety, and I ask that this be noted beside the de-escalation rating.\n"
    "Second paragraph: the diversion figures do not show the twelve referrals made "
    "informally with the counsellor, Mme Lefèvre-Núñez, which the agency never logged."
)


def _pdf_text(content: bytes) -> str:
    """The PDF as pdftotext reads it, whitespace folded."""
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _page_texts(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def _evaluations_done(world) -> None:
    """Review and acknowledge the officer's evaluations, as the MOU's order wants."""
    for evaluation in Evaluation.objects.filter(officer=world.officer):
        evaluation = evaluation_review(evaluation=evaluation, actor=world.users[Role.SUPERVISOR])
        evaluation_acknowledge(
            evaluation=evaluation, actor=world.users[Role.OFFICER], agrees=True, response=""
        )


@pytest.fixture
def named_world(world):
    supervisor = world.users[Role.SUPERVISOR]
    supervisor.first_name, supervisor.last_name = "Karen", "Miles"
    supervisor.save()
    return world


def test_a_signed_and_acknowledged_packet_stores_each_record_saying_what_it_signs(
    named_world, api_for
) -> None:
    world = named_world
    add_packet_inputs(world, 1)
    _evaluations_done(world)
    version = built_version(world.officer, world.period)
    digest = version.content_hash

    signed = api_for(world.users[Role.SUPERVISOR]).post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/", {"content_hash": digest}, format="json"
    )
    acknowledged = api_for(world.users[Role.OFFICER]).post(
        f"/api/v1/packet-versions/{version.pk}/acknowledge/", {"comment": RESPONSE}, format="json"
    )

    assert signed.status_code == 200
    assert acknowledged.status_code == 200
    version.refresh_from_db()
    assert version.content_hash == digest, "the snapshot and its hash never move"
    reviewed = f"{timezone.localtime(version.reviewed_at):%Y-%m-%d %H:%M}"
    acknowledged_on = f"{timezone.localtime(version.acknowledged_at):%Y-%m-%d %H:%M}"
    built = _pdf_text(version.pdf.read())
    signed_pdf = _pdf_text(version.signed_pdf.read())
    final = _pdf_text(version.acknowledged_pdf.read())

    assert f"Version {version.number} · Ready for review" in built
    assert "Signed off in SRO360" not in built, "the as-built record is kept as built"
    assert f"Version {version.number} · Signed off" in signed_pdf
    assert digest in signed_pdf
    assert f"Karen Miles Signed off in SRO360 {reviewed}" in signed_pdf
    assert "Acknowledged in SRO360" not in signed_pdf, "the signed record is kept as signed"
    assert f"Version {version.number} · Acknowledged by the officer" in final
    assert f"These signatures are for version {version.number} of this packet" in final
    assert digest in final
    assert f"Karen Miles Signed off in SRO360 {reviewed}" in final
    assert f"Acknowledged in SRO360 {acknowledged_on}" in final
    assert " ".join(RESPONSE.split()[:20]) in final
    assert "Mme Lefèvre-Núñez, which the agency never logged." in final, "never cut"


def test_every_page_s_footer_names_the_version_status_and_hash(named_world) -> None:
    world = named_world
    add_packet_inputs(world, 1)
    version = built_version(world.officer, world.period)

    pages = _page_texts(version.pdf.read())

    assert len(pages) > 3
    footer = f"Version {version.number} · Ready for review · built"
    for number, page in enumerate(pages, start=1):
        assert footer in page, f"page {number}"
        assert f"sha256 {version.content_hash[:12]}" in page, f"page {number}"
        assert f"Page {number} of {len(pages)}" in page


def test_the_page_lists_each_record_and_the_download_serves_the_latest(
    named_world, api_for, client_for
) -> None:
    world = named_world
    version = built_version(world.officer, world.period)
    supervisor = client_for(world.users[Role.SUPERVISOR])
    supervisor.post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on"},
    )
    version.refresh_from_db()
    assert version.status == PacketStatus.SIGNED_OFF

    page = supervisor.get(f"/packets/versions/{version.pk}/").content.decode()
    latest = supervisor.get(f"/packets/versions/{version.pk}/pdf/")
    built = supervisor.get(f"/packets/versions/{version.pk}/pdf/?record=built")
    missing = supervisor.get(f"/packets/versions/{version.pk}/pdf/?record=acknowledged")
    api_built = api_for(world.users[Role.SUPERVISOR]).get(
        f"/api/v1/packet-versions/{version.pk}/pdf/?record=built"
    )

    assert "?record=signed" in page
    assert "?record=built" in page
    assert "?record=acknowledged" not in page
    assert "-signed.pdf" in latest["Content-Disposition"]
    assert "Karen Miles Signed off in SRO360" in _pdf_text(latest.content)
    assert "Signed off in SRO360" not in _pdf_text(built.content)
    assert api_built.status_code == 200
    assert "Signed off in SRO360" not in _pdf_text(api_built.content)
    assert missing.status_code == 404


def test_the_officer_s_downloads_are_the_officer_s_copy_of_each_record(
    named_world, client_for
) -> None:
    world = named_world
    version = built_version(world.officer, world.period)
    client_for(world.users[Role.SUPERVISOR]).post(
        f"/packets/versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash, "confirm": "on"},
    )
    officer = client_for(world.users[Role.OFFICER])
    officer.post(f"/packets/versions/{version.pk}/acknowledge/", {"comment": "Received."})

    latest = _pdf_text(officer.get(f"/packets/versions/{version.pk}/pdf/").content)
    signed = _pdf_text(officer.get(f"/packets/versions/{version.pk}/pdf/?record=signed").content)

    assert "The officer's copy: removal-request reasons and decision reasons are left out." in (
        latest
    )
    assert "Acknowledged in SRO360" in latest
    assert "Received." in latest
    assert "The officer's copy" in signed
    assert "Acknowledged in SRO360" not in signed


def test_a_preview_renders_without_a_stored_version(world) -> None:
    """``benchmarks/packet_build.py`` renders a snapshot with no stamp."""
    from packets.pdf.document import render_packet_pdf

    version: PacketVersion = built_version(world.officer, world.period)

    text = _pdf_text(render_packet_pdf(version.snapshot))

    assert "Preview (not a stored version)" in text
    assert "can't be signed" in text


def test_the_workbook_s_stamp_follows_the_review(named_world, api_for) -> None:
    from openpyxl import load_workbook

    world = named_world
    version = built_version(world.officer, world.period)
    api = api_for(world.users[Role.SUPERVISOR])

    def first_sheet() -> str:
        content = api.get(f"/api/v1/packet-versions/{version.pk}/xlsx/").content
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)

    built = first_sheet()
    api.post(
        f"/api/v1/packet-versions/{version.pk}/sign-off/",
        {"content_hash": version.content_hash},
        format="json",
    )

    assert f"Version {version.number} · Ready for review" in built
    assert f"Version {version.number} · Signed off" in first_sheet()
    assert version.content_hash in first_sheet()
