"""With a real broker and worker: evaluation enqueued after commit runs in the worker."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import transaction

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_change_enqueues_an_evaluation_that_a_worker_runs_after_commit(
    celery_worker_process,
) -> None:
    from flags.models import Flag
    from flags.services.flags import flags_evaluate_later
    from tests.factories.flags import OrdinaryDisciplineDistrict

    d = OrdinaryDisciplineDistrict("WORKER")
    officer = d.officer(ordinary=1)
    with transaction.atomic():
        flags_evaluate_later(d.district.pk)
        time.sleep(1)
        assert not Flag.objects.filter(officer=officer).exists(), (
            "nothing may run before the commit"
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Flag.objects.filter(officer=officer).exists():
        time.sleep(0.5)
    flag = Flag.objects.get(officer=officer)
    assert flag.rule.code == "ordinary-discipline"


def test_two_overdue_notices_sent_at_once_to_two_worker_processes_mail_once(
    celery_worker_process, worker_mail_dir
) -> None:
    """Beat's daily task delivered twice (a redelivery, a second beat) to concurrent
    processes: the day is claimed once in the database and one mail goes out."""
    from django.conf import settings
    from django.utils import timezone

    from config.celery import app
    from flags.models import RemovalRequest
    from tests.factories.flags import RemovalRequestFactory, removal_setting
    from tests.worker_support import mail_to, wait_for_results

    s = removal_setting()
    RemovalRequestFactory(
        officer=s.officer,
        filed_by=s.principal,
        submitted_at=timezone.now() - datetime.timedelta(days=50),
    )
    name = settings.CELERY_BEAT_SCHEDULE["removal-requests-overdue-daily"]["task"]

    sent = [app.send_task(name), app.send_task(name)]

    results = wait_for_results(*(each.id for each in sent))
    assert sorted(results.values()) == ["0", "1"]
    assert RemovalRequest.objects.get().last_overdue_notice_on == timezone.localdate()
    [notice] = mail_to(worker_mail_dir, "coordinator@example.org")
    assert notice["Subject"] == "1 overdue removal request(s)"
