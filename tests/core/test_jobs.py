from __future__ import annotations

import datetime
import logging

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import jobs
from core.jobs import job_claim, job_create, job_enqueue, jobs_redispatch
from core.models import Job, JobStatus
from core.tasks import jobs_redispatch_task

pytestmark = pytest.mark.django_db


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_send_while_the_broker_is_down_is_logged_and_the_job_stays_queued(
    world, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    job = job_create(kind="test", district=world.district)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(jobs_redispatch_task, "apply_async", broker_down)
    records = _Records()
    logging.getLogger("core.queue").addHandler(records)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job_enqueue(job=job, task_name=jobs_redispatch_task.name)
    finally:
        logging.getLogger("core.queue").removeHandler(records)

    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert job.task_name == jobs_redispatch_task.name
    assert any("queue unavailable" in message for message in records.messages)


def test_queued_jobs_are_sent_again_once_old_enough(world, monkeypatch) -> None:
    sent = []
    monkeypatch.setattr(
        jobs, "send_now", lambda task, *args: sent.append((task.name, args)) or True
    )
    old = job_create(kind="test", district=world.district)
    Job.objects.filter(pk=old.pk).update(
        task_name=jobs_redispatch_task.name,
        created_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    fresh = job_create(kind="test", district=world.district)
    Job.objects.filter(pk=fresh.pk).update(task_name=jobs_redispatch_task.name)

    assert jobs_redispatch() == 1
    assert sent == [(jobs_redispatch_task.name, (old.pk,))]


def test_a_running_job_is_claimed_again_only_after_the_time_limit(world, settings) -> None:
    job = job_create(kind="test", district=world.district)

    assert job_claim(job_id=job.pk) is not None
    assert job_claim(job_id=job.pk) is None, "a second delivery while it runs must not run it twice"

    Job.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 5)
    )
    assert job_claim(job_id=job.pk) is not None, "a job whose worker died is taken up again"

    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE)
    assert job_claim(job_id=job.pk) is None


def test_a_waiting_job_page_says_when_the_queue_is_unavailable(
    world, client_for, monkeypatch
) -> None:
    from roster.views import district as views

    job = job_create(kind="training import", district=world.district)
    page = client_for(world.users["coordinator"])

    monkeypatch.setattr(views, "queue_available", lambda: False)
    down = page.get(f"/jobs/{job.pk}/").content.decode()
    monkeypatch.setattr(views, "queue_available", lambda: True)
    up = page.get(f"/jobs/{job.pk}/").content.decode()

    assert "The job queue is unavailable right now" in down
    assert "The job queue is unavailable right now" not in up
