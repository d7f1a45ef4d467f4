"""The kernel's queue asks Celery's current app, not ``config``, whether the broker answers."""

from __future__ import annotations

import time

from core.queue import queue_available


def test_the_queue_is_available_when_tasks_run_in_process(settings) -> None:
    settings.CELERY_BROKER_URL = None

    assert queue_available() is True


def test_a_broker_that_refuses_connections_is_reported_unavailable_quickly(settings) -> None:
    # Port 9 (discard) is closed here: the connection is refused at once.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    started = time.monotonic()

    assert queue_available() is False
    assert time.monotonic() - started < 10
