"""The nightly and daily beat entries name real tasks, and the tasks do their one job."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from config.celery import app
from flags.models import RemovalRequest
from flags.tasks import (
    flags_evaluate_district_task,
    removal_requests_notify_overdue_task,
)
from tests.factories.flags import RemovalRequestFactory, removal_setting

pytestmark = pytest.mark.django_db


def test_the_beat_schedule_names_registered_tasks() -> None:
    app.loader.import_default_modules()
    for name in ("flags-evaluate-nightly", "removal-requests-overdue-daily"):
        assert settings.CELERY_BEAT_SCHEDULE[name]["task"] in app.tasks, name


def test_the_overdue_task_mails_the_coordinator_once_a_day(
    django_capture_on_commit_callbacks,
) -> None:
    s = removal_setting()
    filed = timezone.now() - datetime.timedelta(days=50)
    RemovalRequestFactory(officer=s.officer, filed_by=s.principal, submitted_at=filed)
    with django_capture_on_commit_callbacks(execute=True):
        assert removal_requests_notify_overdue_task.delay().get() == 1
        assert removal_requests_notify_overdue_task.delay().get() == 0
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    assert RemovalRequest.objects.get().last_overdue_notice_on == timezone.localdate()


def test_the_evaluation_task_ignores_a_district_that_no_longer_exists() -> None:
    assert flags_evaluate_district_task.delay(987654).get() == {}
