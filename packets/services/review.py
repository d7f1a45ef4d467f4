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
from packets.permissions import can_acknowledge_packet, can_review_packet, reads_as_officer
from packets.readiness import packet_is_stale, packet_sign_off_blockers
from packets.selectors import packet_file_stem, packet_pdf_render
from packets.services.versions import latest_version

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REVIEW_FIELDS = ["status", "review_comment", "reviewed_by", "reviewed_at"]
SIGN_OFF_FIELDS = [*REVIEW_FIELDS, "signed_while_stale"]
STALE_SIGNED_REASON = (
    "Signed off although the records behind this version changed after it was built; "
    "the supervisor confirmed signing this version as it is."
)
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
        if reads_as_officer(user=user, version=version):
            raise ApplicationError("Nobody may review their own packet.", status=403)
        raise ApplicationError(
            "Only a supervisor of the officer's agency may review this packet.", status=403
        )


def _store_record(version: PacketVersion, field: str, suffix: str) -> None:
    """Render the version as it now stands into ``field``; the earlier files stay."""
    stem = packet_file_stem(
        officer=version.packet.officer, period=version.packet.period, number=version.number
    )
    getattr(version, field).save(
        f"{stem}-{suffix}.pdf", ContentFile(packet_pdf_render(version=version)), save=False
    )


def _require_signable(
    version: PacketVersion, content_hash: str | None, confirm_stale: bool
) -> bool:
    """Refuse a signature that would mislead; returns whether the version is stale."""
    if content_hash is not None and content_hash != version.content_hash:
        raise ConflictError(
            f"The page you signed from showed other content (sha256 {content_hash[:12]}) than "
            f"version {version.number} (sha256 {version.content_hash[:12]}); reload and read it again."
        )
    blockers = packet_sign_off_blockers(version=version)
    if blockers:
        raise ConflictError("This packet can't be signed off yet. " + " ".join(blockers))
    stale = packet_is_stale(version=version)
    if stale and not confirm_stale:
        raise ConflictError(
            f"The records behind version {version.number} changed after it was built: rebuild "
            "the packet and sign the new version, or confirm that you sign this version as it is."
        )
    return stale


def packet_sign_off(
    *,
    version: PacketVersion,
    user: User,
    content_hash: str | None = None,
    confirm_stale: bool = False,
) -> PacketVersion:
    """Lock the version and store its signed rendering beside the as-built PDF.

    ``content_hash`` is the hash the supervisor read (pages and the API always send
    it); a mismatch is refused, so a page left open can't sign another version.
    ``None`` is for callers in the process that hold the version itself (the demo).
    """
    with transaction.atomic():
        version = _lock(version)
        _require_supervisor(user, version)
        if version.is_locked:
            raise ConflictError("This packet version is already signed off; it can't change.")
        _require_current(version)
        stale = _require_signable(version, content_hash, confirm_stale)
        before = field_values(version, SIGN_OFF_FIELDS)
        version.status = PacketStatus.SIGNED_OFF
        version.reviewed_by = user
        version.reviewed_at = timezone.now()
        version.signed_while_stale = stale
        version.full_clean(exclude=["pdf", "signed_pdf", "acknowledged_pdf", "xlsx"])
        # The signed record shows who signed it off and when (the snapshot, and so the
        # content hash, are unchanged); the as-built PDF stays beside it.
        _store_record(version, "signed_pdf", "signed")
        version.save(update_fields=[*SIGN_OFF_FIELDS, "signed_pdf", "updated_at"])
        audit_record(
            actor=user,
            action="packet.signed_off",
            target=version,
            district=version.packet.period.district_id,
            reason=STALE_SIGNED_REASON if stale else "",
            changes=changes_between(before, field_values(version, SIGN_OFF_FIELDS)),
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
        version.full_clean(exclude=["pdf", "signed_pdf", "acknowledged_pdf", "xlsx"])
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
        version.full_clean(exclude=["pdf", "signed_pdf", "acknowledged_pdf", "xlsx"])
        # A new rendering of the same version with the acknowledgement and response
        # printed; the signed record stays as it was signed.
        _store_record(version, "acknowledged_pdf", "acknowledged")
        version.save(update_fields=[*ACK_FIELDS, "acknowledged_pdf", "updated_at"])
        audit_record(
            actor=user,
            action="packet.acknowledged",
            target=version,
            district=version.packet.period.district_id,
            reason=version.officer_comment,
            changes=changes_between(before, field_values(version, ACK_FIELDS)),
        )
    return version
