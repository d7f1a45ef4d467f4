"""Building packet versions: assemble, store once per content, render."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.errors import ApplicationError
from packets.assembler import assemble_snapshots
from packets.models import (
    Packet,
    PacketVersion,
)
from packets.pdf.document import render_packet_pdf
from packets.permissions import can_build_packets
from packets.selectors import packet_file_stem, version_built_stamp
from packets.snapshot import content_hash
from packets.xlsx import render_packet_xlsx
from roster.models import Agency, EvaluationPeriod, Officer

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def require_build_right(user: User | None, period: EvaluationPeriod, agency: Agency | None) -> None:
    if not can_build_packets(user=user, period=period, agency=agency):
        raise ApplicationError(
            "Only the district's coordinator, or a supervisor for their own agency, may build packets.",
            status=403,
        )


def packet_build(
    *, officer: Officer, period: EvaluationPeriod, built_by: User | None = None
) -> tuple[PacketVersion, bool]:
    """Assemble the officer's packet; a new version only when the content changed.

    Returns the version and whether it is new. Safe to run twice at once: the
    packet row is locked while comparing hashes, and the version number is unique.
    """
    snapshot = assemble_snapshots(officer_ids=[officer.pk], period=period)[officer.pk]
    return packet_store(officer=officer, period=period, snapshot=snapshot, built_by=built_by)


def packet_rebuild(
    *, officer: Officer, period: EvaluationPeriod, user: User
) -> tuple[PacketVersion, bool]:
    """Build one officer's packet now, for a coordinator or the officer's supervisor."""
    require_build_right(user, period, officer.agency)
    return packet_build(officer=officer, period=period, built_by=user)


def latest_version(packet_id: int) -> PacketVersion | None:
    return (
        PacketVersion.objects.filter(packet_id=packet_id)
        .only("pk", "number", "content_hash", "packet_id")
        .order_by("-number")
        .first()
    )


def packet_store(
    *, officer: Officer, period: EvaluationPeriod, snapshot: dict, built_by: User | None = None
) -> tuple[PacketVersion, bool]:
    digest = content_hash(snapshot)
    packet, _ = Packet.objects.get_or_create(officer=officer, period=period)
    latest = latest_version(packet.pk)
    if latest is not None and latest.content_hash == digest:
        return latest, False
    # Rendering takes longest, so it happens before the lock, from the snapshot alone,
    # stamped with the number the version will most likely get.
    expected = latest.number + 1 if latest else 1
    stamp = version_built_stamp(number=expected, content_hash=digest)
    pdf = render_packet_pdf(snapshot, stamp=stamp)
    xlsx = render_packet_xlsx(snapshot, stamp=stamp)
    with transaction.atomic():
        Packet.objects.select_for_update().get(pk=packet.pk)
        latest = latest_version(packet.pk)
        if latest is not None and latest.content_hash == digest:
            return latest, False
        number = latest.number + 1 if latest else 1
        if number != expected:  # another build got in first: the stamp must say so
            stamp = version_built_stamp(number=number, content_hash=digest)
            pdf = render_packet_pdf(snapshot, stamp=stamp)
            xlsx = render_packet_xlsx(snapshot, stamp=stamp)
        version = PacketVersion(
            packet=packet,
            number=number,
            snapshot=snapshot,
            content_hash=digest,
            built_by=built_by if getattr(built_by, "is_authenticated", False) else None,
        )
        version.full_clean(exclude=["pdf", "xlsx"])
        stem = packet_file_stem(officer=officer, period=period, number=number)
        version.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        version.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        version.save()
        Packet.objects.filter(pk=packet.pk).update(updated_at=timezone.now())
        audit_record(
            actor=built_by,
            action="packet.version_built",
            target=version,
            district=period.district_id,
            changes={"number": [None, number], "content_hash": [None, digest]},
        )
    return version, True
