"""Batch builds: a job assembles a period's officers together, then one task per officer
stores and renders each packet."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from core.audit import audit_record
from core.jobs import job_advance, job_claim, job_create, job_enqueue, job_finish
from core.models import Job, JobStatus
from packets.assembler import assemble_snapshots
from packets.models import (
    BATCH_JOB_KIND,
    PacketBuildItem,
    PacketBuildStatus,
)
from packets.services.versions import packet_build, packet_store, require_build_right
from roster.models import Agency, Assignment, EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# packets/tasks.py calls this module; it names the tasks rather than importing them.
BATCH_ASSEMBLE_TASK = "packets.batch_assemble"
BUILD_ITEM_TASK = "packets.build_item"


def batch_officer_ids(*, period: EvaluationPeriod, agency: Agency | None = None) -> list[int]:
    """Officers placed at a school of the period's district at some time in the period."""
    officers = Assignment.objects.overlapping(period.start_date, period.end_date).filter(
        school__district_id=period.district_id
    )
    if agency is not None:
        officers = officers.filter(officer__agency=agency)
    return sorted(set(officers.values_list("officer_id", flat=True)))


def packet_batch_start(
    *,
    period: EvaluationPeriod,
    agency: Agency | None = None,
    started_by: User | None = None,
    enforce_rights: bool = True,
) -> Job:
    """Queue the batch: one task assembles every officer's snapshot at once, then one
    task per officer stores and renders it; progress is the returned job.

    ``enforce_rights=False`` is for ``manage.py build_packets``, run by whoever
    operates the server.
    """
    if enforce_rights:
        require_build_right(started_by, period, agency)
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
            job_enqueue(job=job, task_name=BATCH_ASSEMBLE_TASK)
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
