"""Every write of packets: build a version, review it, run batch builds."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError, ConflictError
from core.jobs import job_advance, job_claim, job_create, job_enqueue, job_finish
from core.models import Job, JobStatus
from evaluations.models import (
    BATCH_JOB_KIND,
    Packet,
    PacketBuildItem,
    PacketBuildStatus,
    PacketStatus,
    PacketVersion,
)
from evaluations.packets.assembler import assemble_snapshots
from evaluations.packets.pdf import render_packet_pdf
from evaluations.packets.snapshot import content_hash
from evaluations.packets.xlsx import render_packet_xlsx
from evaluations.selectors.packets import packet_file_stem, packet_pdf_render
from roster.models import Agency, Assignment, EvaluationPeriod, Officer, Role
from roster.scoping import scope_for

logger = logging.getLogger(__name__)
REVIEW_FIELDS = ["status", "review_comment", "reviewed_by", "reviewed_at"]
ACK_FIELDS = ["status", "acknowledged_by", "acknowledged_at", "officer_comment"]


def packet_build(
    *, officer: Officer, period: EvaluationPeriod, built_by=None
) -> tuple[PacketVersion, bool]:
    """Assemble the officer's packet; a new version only when the content changed.

    Returns the version and whether it is new. Safe to run twice at once: the
    packet row is locked while comparing hashes, and the version number is unique.
    """
    snapshot = assemble_snapshots(officer_ids=[officer.pk], period=period)[officer.pk]
    return packet_store(officer=officer, period=period, snapshot=snapshot, built_by=built_by)


def packet_rebuild(
    *, officer: Officer, period: EvaluationPeriod, user
) -> tuple[PacketVersion, bool]:
    """Build one officer's packet now, for a coordinator or the officer's supervisor."""
    _require_batch_right(user, period, officer.agency)
    return packet_build(officer=officer, period=period, built_by=user)


def _latest(packet_id: int) -> PacketVersion | None:
    return (
        PacketVersion.objects.filter(packet_id=packet_id)
        .only("pk", "number", "content_hash", "packet_id")
        .order_by("-number")
        .first()
    )


def packet_store(
    *, officer: Officer, period: EvaluationPeriod, snapshot: dict, built_by=None
) -> tuple[PacketVersion, bool]:
    digest = content_hash(snapshot)
    packet, _ = Packet.objects.get_or_create(officer=officer, period=period)
    latest = _latest(packet.pk)
    if latest is not None and latest.content_hash == digest:
        return latest, False
    # Rendering takes longest, so it happens before the lock, from the snapshot alone.
    pdf = render_packet_pdf(snapshot)
    xlsx = render_packet_xlsx(snapshot)
    with transaction.atomic():
        Packet.objects.select_for_update().get(pk=packet.pk)
        latest = _latest(packet.pk)
        if latest is not None and latest.content_hash == digest:
            return latest, False
        number = latest.number + 1 if latest else 1
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


def _require_current(version: PacketVersion) -> None:
    latest = _latest(version.packet_id)
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


def _require_supervisor(user, version: PacketVersion) -> None:
    scope = scope_for(user)
    if scope.is_superuser:
        return
    if not (
        Role.SUPERVISOR in scope.roles
        and version.packet.officer.agency_id in scope.agency_ids
        and version.packet.period.district_id in scope.supervisor_district_ids
    ):
        raise ApplicationError(
            "Only a supervisor of the officer's agency may review this packet.", status=403
        )


def packet_sign_off(*, version: PacketVersion, user) -> PacketVersion:
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


def packet_send_back(*, version: PacketVersion, user, comment: str) -> PacketVersion:
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


def packet_acknowledge(*, version: PacketVersion, user, comment: str = "") -> PacketVersion:
    """The officer confirms they received the signed packet, with an optional response."""
    with transaction.atomic():
        version = _lock(version)
        scope = scope_for(user)
        if version.packet.officer_id not in scope.officer_ids:
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


def batch_officer_ids(*, period: EvaluationPeriod, agency: Agency | None = None) -> list[int]:
    """Officers placed at a school of the period's district at some time in the period."""
    officers = Assignment.objects.overlapping(period.start_date, period.end_date).filter(
        school__district_id=period.district_id
    )
    if agency is not None:
        officers = officers.filter(officer__agency=agency)
    return sorted(set(officers.values_list("officer_id", flat=True)))


def _require_batch_right(user, period: EvaluationPeriod, agency: Agency | None) -> None:
    scope = scope_for(user)
    if scope.is_superuser or period.district_id in scope.coordinator_district_ids:
        return
    if (
        agency is not None
        and agency.pk in scope.agency_ids
        and period.district_id in scope.supervisor_district_ids
    ):
        return
    raise ApplicationError(
        "Only the district's coordinator, or a supervisor for their own agency, may build packets.",
        status=403,
    )


def packet_batch_start(
    *,
    period: EvaluationPeriod,
    agency: Agency | None = None,
    started_by=None,
    enforce_rights: bool = True,
) -> Job:
    """Queue the batch: one task assembles every officer's snapshot at once, then one
    task per officer stores and renders it; progress is the returned job.

    ``enforce_rights=False`` is for ``manage.py build_packets``, run by whoever
    operates the server.
    """
    from evaluations.tasks.packets import packet_batch_assemble

    if enforce_rights:
        _require_batch_right(started_by, period, agency)
    officer_ids = batch_officer_ids(period=period, agency=agency)
    with transaction.atomic():
        job = job_create(
            kind=BATCH_JOB_KIND,
            district=period.district,
            created_by=started_by,
            total=len(officer_ids),
        )
        items = PacketBuildItem.objects.bulk_create(
            [PacketBuildItem(job=job, officer_id=pk, period=period) for pk in officer_ids]
        )
        audit_record(
            actor=started_by,
            action="packet.batch_started",
            target=job,
            district=period.district_id,
            changes={
                "period": [None, period.name],
                "agency": [None, agency.code if agency else None],
                "total": [None, len(officer_ids)],
            },
        )
        if items:
            job_enqueue(job=job, task=packet_batch_assemble)
        else:
            job_finish(
                job=job,
                result={"done": 0, "failed": 0},
                message="No officer served in this period.",
            )
    return job


ASSEMBLE_CHUNK = 100  # officers assembled together: a fixed number of queries per chunk


def packet_batch_assemble_run(*, job_id: int) -> list[int]:
    """Assemble the snapshots of the batch's pending officers, a chunk at a time (the
    sections read each contract once for all of them), and keep each on its item.

    Returns the pending items' ids, for one build task each. A chunk that fails to
    assemble leaves its items without a snapshot: each officer's task then assembles
    alone, so one officer's bad data fails only that officer.
    """
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return []
    if job.status == JobStatus.QUEUED:
        job_claim(job_id=job.pk)
    items = list(
        PacketBuildItem.objects.filter(job=job, status=PacketBuildStatus.PENDING)
        .select_related("period__district")
        .order_by("pk")
    )
    for start in range(0, len(items), ASSEMBLE_CHUNK):
        chunk = items[start : start + ASSEMBLE_CHUNK]
        try:
            snapshots = assemble_snapshots(
                officer_ids=[item.officer_id for item in chunk], period=chunk[0].period
            )
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # the officers' own tasks then assemble them one by one
            logger.exception(
                "Batch %s: assembling officers together failed; each is assembled alone", job.pk
            )
            continue
        for item in chunk:
            item.snapshot = snapshots[item.officer_id]
        PacketBuildItem.objects.bulk_update(chunk, ["snapshot"])
    return [item.pk for item in items]


def packet_build_item_run(*, item_id: int, last_attempt: bool = True) -> None:
    """Build one officer's packet for a batch and count it on the job exactly once.

    A redelivered task finds its item no longer pending and does nothing; a
    transient database error is raised for the task to retry, until the last attempt.
    """
    item = PacketBuildItem.objects.select_related("job", "officer__agency", "period__district").get(
        pk=item_id
    )
    if item.status != PacketBuildStatus.PENDING:
        return
    if item.job.status == JobStatus.QUEUED:
        job_claim(job_id=item.job_id)
    try:
        if item.snapshot is not None:
            version, _ = packet_store(
                officer=item.officer,
                period=item.period,
                snapshot=item.snapshot,
                built_by=item.job.created_by,
            )
        else:
            version, _ = packet_build(
                officer=item.officer, period=item.period, built_by=item.job.created_by
            )
    except (OperationalError, InterfaceError) as exc:
        if not last_attempt:
            raise
        _item_failed(item, exc)
    except Exception as exc:  # noqa: BLE001 - one officer's failure is recorded; the batch goes on
        _item_failed(item, exc)
    else:
        # The snapshot lives on in the version; the item keeps only the outcome.
        counted = PacketBuildItem.objects.filter(
            pk=item.pk, status=PacketBuildStatus.PENDING
        ).update(
            status=PacketBuildStatus.DONE, version=version, snapshot=None, updated_at=timezone.now()
        )
        if counted:
            job_advance(job=item.job, done=1)
    _finish_when_complete(item.job)


def _item_failed(item: PacketBuildItem, exc: Exception) -> None:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    reason = f"{item.officer.full_name} ({item.officer.agency.code} #{item.officer.badge_number}): {message}"
    counted = PacketBuildItem.objects.filter(pk=item.pk, status=PacketBuildStatus.PENDING).update(
        status=PacketBuildStatus.FAILED, reason=reason, updated_at=timezone.now()
    )
    if counted:
        job_advance(job=item.job, failed=1, failure=reason)


def _finish_when_complete(job: Job) -> None:
    items = PacketBuildItem.objects.filter(job=job)
    if items.filter(status=PacketBuildStatus.PENDING).exists():
        return
    done = items.filter(status=PacketBuildStatus.DONE).count()
    failed = items.filter(status=PacketBuildStatus.FAILED).count()
    job_finish(
        job=job,
        result={"done": done, "failed": failed},
        message=f"{done} packets built, {failed} failed.",
        failed=bool(failed) and not done,
    )
