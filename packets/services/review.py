"""Reviewing a packet version: the supervisor signs it off or sends it back, the officer
acknowledges it. Each locks the row and keeps the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError, ConflictError
from packets.models import (
    PacketStatus,
    PacketVersion,
)
from packets.permissions import can_acknowledge_packet, can_review_packet
from packets.selectors import packet_file_stem, packet_pdf_render
from packets.services.versions import latest_version

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REVIEW_FIELDS = ["status", "review_comment", "reviewed_by", "reviewed_at"]
ACK_FIELDS = ["status", "acknowledged_by", "acknowledged_at", "officer_comment"]


def _require_current(version: PacketVersion) -> None:
    latest = latest_version(version.packet_id)
    if latest is not None and latest.pk != version.pk:
        raise ConflictError(
            f"Version {latest.number} of this packet replaces version {version.number}; review that one."
        )


def _lock(version: PacketVersion) -> PacketVersion:
    return (
        PacketVersion.objects.select_for_update()
        .select_related("packet__officer", "packet__period")
        .get(pk=version.pk)
    )


def _require_supervisor(user: User, version: PacketVersion) -> None:
    if not can_review_packet(user=user, version=version):
        raise ApplicationError(
            "Only a supervisor of the officer's agency may review this packet.", status=403
        )


def packet_sign_off(*, version: PacketVersion, user: User) -> PacketVersion:
    """Lock the version: its snapshot and files are what was signed."""
    with transaction.atomic():
        version = _lock(version)
        _require_supervisor(user, version)
        if version.is_locked:
            raise ConflictError("This packet version is already signed off; it can't change.")
        _require_current(version)
        before = field_values(version, REVIEW_FIELDS)
        version.status = PacketStatus.SIGNED_OFF
        version.reviewed_by = user
        version.reviewed_at = timezone.now()
        version.full_clean(exclude=["pdf", "xlsx"])
        # The stored PDF now shows who signed it off and when (the snapshot, and so
        # the content hash, are unchanged).
        stem = packet_file_stem(
            officer=version.packet.officer, period=version.packet.period, number=version.number
        )
        version.pdf.save(
            f"{stem}-signed.pdf", ContentFile(packet_pdf_render(version=version)), save=False
        )
        version.save(update_fields=[*REVIEW_FIELDS, "pdf", "updated_at"])
        audit_record(
            actor=user,
            action="packet.signed_off",
            target=version,
            district=version.packet.period.district_id,
            changes=changes_between(before, field_values(version, REVIEW_FIELDS)),
        )
    return version


def packet_send_back(*, version: PacketVersion, user: User, comment: str) -> PacketVersion:
    """Return the version with what must be fixed before it is rebuilt."""
    comment = comment.strip()
    if not comment:
        raise ApplicationError("Say what needs to change before sending the packet back.")
    with transaction.atomic():
        version = _lock(version)
        _require_supervisor(user, version)
        if version.is_locked:
            raise ConflictError("This packet version is signed off; it can't be sent back.")
        _require_current(version)
        before = field_values(version, REVIEW_FIELDS)
        version.status = PacketStatus.RETURNED
        version.review_comment = comment
        version.reviewed_by = user
        version.reviewed_at = timezone.now()
        version.full_clean(exclude=["pdf", "xlsx"])
        version.save(update_fields=[*REVIEW_FIELDS, "updated_at"])
        audit_record(
            actor=user,
            action="packet.sent_back",
            target=version,
            district=version.packet.period.district_id,
            reason=comment,
            changes=changes_between(before, field_values(version, REVIEW_FIELDS)),
        )
    return version


def packet_acknowledge(*, version: PacketVersion, user: User, comment: str = "") -> PacketVersion:
    """The officer confirms they received the signed packet, with an optional response."""
    with transaction.atomic():
        version = _lock(version)
        if not can_acknowledge_packet(user=user, version=version):
            raise ApplicationError("Only the officer may acknowledge their packet.", status=403)
        if version.status == PacketStatus.ACKNOWLEDGED:
            raise ConflictError("You have already acknowledged this packet.")
        if version.status != PacketStatus.SIGNED_OFF:
            raise ConflictError("A packet can be acknowledged once a supervisor has signed it off.")
        before = field_values(version, ACK_FIELDS)
        version.status = PacketStatus.ACKNOWLEDGED
        version.acknowledged_by = user
        version.acknowledged_at = timezone.now()
        version.officer_comment = comment.strip()
        version.full_clean(exclude=["pdf", "xlsx"])
        version.save(update_fields=[*ACK_FIELDS, "updated_at"])
        audit_record(
            actor=user,
            action="packet.acknowledged",
            target=version,
            district=version.packet.period.district_id,
            reason=version.officer_comment,
            changes=changes_between(before, field_values(version, ACK_FIELDS)),
        )
    return version
