"""Every read of packets starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from core.errors import ApplicationError
from core.models import Job
from packets.models import (
    BATCH_JOB_KIND,
    LOCKED_STATUSES,
    Packet,
    PacketBuildItem,
    PacketStatus,
    PacketVersion,
)
from packets.pdf.document import render_packet_pdf
from packets.permissions import can_acknowledge_packet, can_review_packet, reads_as_officer
from packets.privacy import snapshot_as_read, survey_privacy_raised
from packets.readers import OFFICER_COPY_NOTE, snapshot_for_reader
from packets.stamp import VersionStamp
from packets.xlsx import render_packet_xlsx
from roster.models import EvaluationPeriod, Officer

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import WithAnnotations

VERSION_LIST_FIELDS = [
    "id",
    "packet_id",
    "number",
    "content_hash",
    "status",
    "created_at",
    "reviewed_at",
    "acknowledged_at",
    "review_comment",
    "officer_comment",
    "reviewed_by",
    "acknowledged_by",
]


class PacketLatest(TypedDict):
    """What ``packets_visible`` annotates on each packet: its latest version, if any."""

    latest_version_id: int | None
    latest_number: int | None
    latest_status: str | None


if TYPE_CHECKING:
    PacketWithLatest = WithAnnotations[Packet, PacketLatest]


def packets_visible(
    *,
    user: User | AnonymousUser,
    period: EvaluationPeriod | None = None,
    status: str | None = None,
) -> QuerySet[PacketWithLatest]:
    """Packets with their latest version's id, number and status annotated."""
    latest = PacketVersion.objects.filter(packet=OuterRef("pk")).order_by("-number")
    packets = (
        Packet.objects.visible_to(user)
        .select_related("officer__agency", "period")
        .annotate(
            latest_version_id=Subquery(latest.values("pk")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
        )
    )
    if period is not None:
        packets = packets.filter(period=period)
    if status:
        packets = packets.filter(latest_status=status)
    return packets


def packet_versions(*, packet: Packet) -> QuerySet[PacketVersion]:
    """The packet's versions, newest first, without their snapshots."""
    return (
        PacketVersion.objects.filter(packet=packet)
        .only(*VERSION_LIST_FIELDS)
        .select_related("reviewed_by", "acknowledged_by")
        .order_by("-number")
    )


def packet_versions_visible(*, user: User | AnonymousUser) -> QuerySet[PacketVersion]:
    return PacketVersion.objects.visible_to(user).select_related(
        "packet__officer__agency", "packet__period__district", "reviewed_by", "acknowledged_by"
    )


def packet_latest_number(*, packet_id: int) -> int | None:
    return (
        PacketVersion.objects.filter(packet_id=packet_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


@dataclass(frozen=True)
class PacketActions:
    """What the user may do with a version, for pages and API responses."""

    can_review: bool
    can_acknowledge: bool


def packet_actions(
    *, user: User | AnonymousUser, version: PacketVersion, is_latest: bool
) -> PacketActions:
    return PacketActions(
        can_review=can_review_packet(user=user, version=version)
        and is_latest
        and not version.is_locked,
        can_acknowledge=can_acknowledge_packet(user=user, version=version)
        and version.status == PacketStatus.SIGNED_OFF,
    )


def packet_batch_items(*, job: Job) -> QuerySet[PacketBuildItem]:
    return (
        PacketBuildItem.objects.filter(job=job)
        .select_related("officer__agency", "version")
        .order_by("id")
    )


def packet_batch_jobs_visible(*, user: User | AnonymousUser) -> QuerySet[Job]:
    return Job.objects.visible_to(user).filter(kind=BATCH_JOB_KIND)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def packet_file_stem(*, officer: Officer, period: EvaluationPeriod, number: int) -> str:
    """The name a version's files are stored and downloaded under, without the extension."""
    return f"packet-{officer.agency.code}-{officer.badge_number}-{period.name}-v{number}"


# The PDF records a version can hold, latest first: the rendering after the officer's
# acknowledgement, the one signed off, the one built. Each is kept when the next comes.
PDF_RECORDS = {"acknowledged": "acknowledged_pdf", "signed": "signed_pdf", "built": "pdf"}
RECORD_LABELS = {
    "acknowledged": "As acknowledged by the officer",
    "signed": "As signed off",
    "built": "As built",
}


@dataclass(frozen=True)
class PdfRecord:
    record: str  # a PDF_RECORDS key
    label: str


def packet_pdf_records(*, version: PacketVersion) -> list[PdfRecord]:
    """The PDF records the version holds, latest first (the download serves the first)."""
    held = {
        "acknowledged": version.acknowledged_at is not None,
        "signed": version.status in LOCKED_STATUSES,
        "built": True,
    }
    return [PdfRecord(record, RECORD_LABELS[record]) for record in PDF_RECORDS if held[record]]


def packet_document(
    *, version: PacketVersion, kind: str, user: User | AnonymousUser, record: str = ""
) -> tuple[bytes, str, str]:
    """The version's PDF or XLSX for this reader: (content, filename, content type).

    A PDF is one of the version's records (``PDF_RECORDS``), by default the latest.
    The stored file is the full record. The officer's copy, and a file rendered when
    k was lower, are rendered again from the snapshot as shown today, stamped as that
    record was; so is a file lost from storage, which gives the same document: the
    renderers read nothing else.
    """
    if kind == "pdf":
        held = [found.record for found in packet_pdf_records(version=version)]
        if record and record not in held:
            raise ApplicationError(
                f"Version {version.number} has no PDF record named {record!r}; it has: "
                f"{', '.join(held)}.",
                status=404,
            )
        record = record or held[0]
        stored = getattr(version, PDF_RECORDS[record])
    else:
        record = ""
        # The stored workbook carries the stamp it was built with; once the version
        # is reviewed it is rendered again, so its status is never out of date.
        stored = version.xlsx if version.status == PacketStatus.READY else None
    officer = version.packet.officer
    period = version.packet.period
    stem = packet_file_stem(officer=officer, period=period, number=version.number)
    suffix = f"-{record}" if record and record != "built" else ""
    filename = f"{stem}{suffix}.{kind}"
    officer_reads = reads_as_officer(user=user, version=version)
    current = not survey_privacy_raised(snapshot=version.snapshot, district=period.district)
    if not officer_reads and current and stored and stored.storage.exists(stored.name):
        with stored.open("rb") as handle:
            return handle.read(), filename, CONTENT_TYPES[kind]
    snapshot = packet_snapshot_shown(version=version, user=user)
    stamp = version_stamp(version=version, officer_reads=officer_reads, record=record)
    if kind == "pdf":
        content = render_packet_pdf(snapshot, stamp=stamp)
    else:
        content = render_packet_xlsx(snapshot, stamp=stamp)
    return content, filename, CONTENT_TYPES[kind]


def packet_snapshot_shown(*, version: PacketVersion, user: User | AnonymousUser | None) -> dict:
    """The version's snapshot as this reader is shown it, on every page, file and API:
    survey figures at today's k (packets/privacy.py), the officer's copy for the
    officer (packets/readers.py). ``user=None`` is the full record, for stored files."""
    shown = snapshot_as_read(snapshot=version.snapshot, period=version.packet.period)
    officer_reads = user is not None and reads_as_officer(user=user, version=version)
    return snapshot_for_reader(shown, officer_reads=officer_reads)


def _person(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _moment(value: datetime.datetime | None) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value is not None else ""


def version_stamp(
    *, version: PacketVersion, officer_reads: bool = False, record: str = ""
) -> VersionStamp:
    """What the version's renderings print about it (packets/stamp.py): as it stands,
    or as it stood when the ``record`` ("built", "signed") was made."""
    status = version.status
    if record == "built":
        status = PacketStatus.READY
    elif record == "signed":
        status = PacketStatus.SIGNED_OFF
    reviewed = record != "built"
    acknowledged = record not in ("built", "signed")
    return VersionStamp(
        number=version.number,
        status=status,
        status_label=PacketStatus(status).label,
        built_at=_moment(version.created_at),
        content_hash=version.content_hash,
        reviewed_by=_person(version.reviewed_by) if reviewed else "",
        reviewed_at=_moment(version.reviewed_at) if reviewed else "",
        acknowledged_by=_person(version.acknowledged_by) if acknowledged else "",
        acknowledged_at=_moment(version.acknowledged_at) if acknowledged else "",
        officer_comment=version.officer_comment if acknowledged else "",
        copy_note=OFFICER_COPY_NOTE if officer_reads else "",
    )


def version_built_stamp(*, number: int, content_hash: str) -> VersionStamp:
    """The stamp of a version being built now, before its row exists."""
    return VersionStamp(
        number=number,
        status=PacketStatus.READY,
        status_label=PacketStatus.READY.label,
        built_at=_moment(timezone.now()),
        content_hash=content_hash,
    )


def packet_pdf_render(*, version: PacketVersion) -> bytes:
    """The version's full PDF from its snapshot, stamped with its review so far (stored)."""
    return render_packet_pdf(
        packet_snapshot_shown(version=version, user=None), stamp=version_stamp(version=version)
    )
