"""Services for ``Job``: create, claim, report progress, finish.

A task claims its job with a conditional UPDATE, so a redelivered message (after a
worker died, with ``acks_late``) can tell whether another worker already finished it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.models import Job, JobStatus
from core.queue import send_now, send_on_commit, task_named

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_FAILURES_KEPT = 500


def job_create(
    *, kind: str, district: models.Model, created_by: User | None = None, total: int = 0
) -> Job:
    job = Job(
        kind=kind,
        # By id: the kernel can't name roster's District, which the column's type is.
        district_id=district.pk,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        total=total,
    )
    job.full_clean()
    job.save()
    return job


def job_enqueue(*, job: Job, task_name: str) -> None:
    """Send the task called ``task_name`` with ``job.pk`` once the surrounding
    transaction commits.

    The task's name is kept on the job, so a job whose message never reached the
    broker (Redis down) is sent again by ``jobs_redispatch``.
    """
    task = task_named(task_name)
    Job.objects.filter(pk=job.pk).update(task_name=task.name)
    job.task_name = task.name
    send_on_commit(task, job.pk)


def job_claim(*, job_id: int) -> Job | None:
    """Mark the job running, or None when another delivery has it.

    A queued job is claimed once. A running job is claimed again only when it has
    run past the task time limit: its worker died (SIGKILL, lost machine) and the
    broker delivered the message again. Finished jobs are never run twice.
    """
    stale = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimed = (
        Job.objects.filter(pk=job_id)
        .filter(Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, started_at__lt=stale))
        .update(status=JobStatus.RUNNING, started_at=timezone.now())
    )
    return Job.objects.get(pk=job_id) if claimed else None


def jobs_redispatch(*, older_than_seconds: int = 60) -> int:
    """Send again the queued jobs whose message never reached the broker."""
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    sent = 0
    for job in Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=cutoff).exclude(
        task_name=""
    ):
        try:
            task = task_named(job.task_name)
        except KeyError:
            logger.error("job %s names an unknown task %r; left queued", job.pk, job.task_name)
            continue
        if send_now(task, job.pk):
            sent += 1
    return sent


def job_set_total(*, job: Job, total: int) -> None:
    Job.objects.filter(pk=job.pk).update(total=total)
    job.total = total


def job_advance(*, job: Job, done: int = 0, failed: int = 0, failure: str | None = None) -> None:
    """Add to the counters in SQL, so several workers on one job don't lose counts."""
    Job.objects.filter(pk=job.pk).update(done=F("done") + done, failed=F("failed") + failed)
    if failure:
        with transaction.atomic():
            locked = Job.objects.select_for_update().get(pk=job.pk)
            if len(locked.failures) < MAX_FAILURES_KEPT:
                locked.failures.append(failure)
                locked.save(update_fields=["failures", "updated_at"])


def job_finish(
    *, job: Job, result: dict | None = None, message: str = "", failed: bool = False
) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED if failed else JobStatus.DONE,
        result=result or {},
        message=message,
        finished_at=timezone.now(),
    )


def job_progress_callback(job: Job, every: int = 500) -> Callable[[int], None]:
    """A callback for loops that report how many items they've done, every ``every`` items."""
    last = {"reported": 0}

    def report(count: int) -> None:
        if count - last["reported"] >= every:
            Job.objects.filter(pk=job.pk).update(done=count)
            last["reported"] = count

    return report
