"""Thin Celery tasks: ids in, one service call."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from training_records.notifications import training_reminders_send
from training_records.services.imports import (
    IMPORT_CHECK_TASK,
    IMPORT_COMMIT_TASK,
    training_import_fail,
    training_import_run_job,
)

_IMPORT_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 3,
    "soft_time_limit": 25 * 60,
    "time_limit": 30 * 60,
}


def _run(task, job_id: int, *, commit: bool) -> None:
    try:
        training_import_run_job(job_id=job_id, commit=commit)
    except Exception as exc:
        if isinstance(exc, OperationalError) and task.request.retries < task.max_retries:
            raise  # a transient database error: autoretry_for tries again
        # Out of retries or a bug: the import page must stop showing "checking".
        training_import_fail(job_id=job_id, message=f"The import stopped: {exc}")
        raise


@shared_task(name=IMPORT_CHECK_TASK, **_IMPORT_OPTIONS)
def training_import_check_task(self, job_id: int) -> None:
    _run(self, job_id, commit=False)


@shared_task(name=IMPORT_COMMIT_TASK, **_IMPORT_OPTIONS)
def training_import_commit_task(self, job_id: int) -> None:
    _run(self, job_id, commit=True)


@shared_task(
    name="training_records.send_reminders",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def training_reminders_task() -> int:
    return training_reminders_send()
