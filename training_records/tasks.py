"""Thin Celery tasks: ids in, one service call."""

from __future__ import annotations

from celery import Task, shared_task
from django.db import OperationalError

from training_records import services
from training_records.notifications import training_reminders_send


class _ImportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Out of retries or a bug: the page must stop showing "checking".
        services.training_import_fail(training_import_id=args[0], message=f"The import stopped: {exc}")


_IMPORT_OPTIONS = {
    "base": _ImportTask,
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 3,
    "soft_time_limit": 25 * 60,
    "time_limit": 30 * 60,
}


@shared_task(name="training_records.import_check", **_IMPORT_OPTIONS)
def training_import_check_task(training_import_id: int) -> None:
    services.training_import_run_job(training_import_id=training_import_id, commit=False)


@shared_task(name="training_records.import_commit", **_IMPORT_OPTIONS)
def training_import_commit_task(training_import_id: int) -> None:
    services.training_import_run_job(training_import_id=training_import_id, commit=True)


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
