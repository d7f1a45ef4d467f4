"""With a broker configured (.ci/run), a real worker process starts and answers."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_answers_and_healthz_sees_the_broker(celery_worker_process, client) -> None:
    from config.celery import app

    replies = app.control.ping(timeout=2.0)

    assert replies, "no worker answered the ping"
    assert client.get("/healthz").json()["broker"] == "ok"


def test_every_beat_entry_names_a_task_the_worker_runs_to_success(celery_worker_process) -> None:
    """What beat sends at night reaches a registered task that finishes without error."""
    from django.conf import settings

    from config.celery import app
    from tests.worker_support import wait_for_results

    sent = {
        entry["task"]: app.send_task(entry["task"]).id
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }

    # Fails naming the tasks that logged no success: unregistered, raised, or too slow.
    results = wait_for_results(*sent.values(), seconds=60)

    assert len(results) == len(settings.CELERY_BEAT_SCHEDULE)
