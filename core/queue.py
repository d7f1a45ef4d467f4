"""Sending Celery tasks without letting a broker outage break a request.

A task is sent after the transaction commits. If the broker (Redis) is down the
request has already stored its data, so the send failure is logged instead of
turning a stored change into an error page; work that belongs to a ``Job`` stays
queued and ``jobs_redispatch`` (Celery beat, every minute) sends it again once
the broker is back.
"""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)

BROKER_ERRORS = (BrokerOperationalError, ConnectionError, OSError, TimeoutError)


def send_now(task, *args) -> bool:
    """Send ``task(*args)``; False (logged) when the broker can't take it."""
    try:
        task.apply_async(args=args, retry=False)
    except BROKER_ERRORS as exc:
        logger.warning("queue unavailable, %s(%s) not sent yet: %s", task.name, args, exc)
        return False
    return True


def send_on_commit(task, *args) -> None:
    transaction.on_commit(lambda: send_now(task, *args))


def task_named(name: str):
    """The registered Celery task called ``name``.

    Services enqueue their app's tasks by name rather than importing the tasks
    module, which imports them (a cycle). Each task enqueued this way declares its ``name=``
    explicitly, so renaming a module can't orphan queued messages or jobs. The
    worker imports every app's ``tasks`` at start; a web process does it here the
    first time it needs a task (Celery's ``autodiscover_tasks`` waits for that).
    """
    from celery import current_app

    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def queue_available() -> bool:
    """Whether the broker answers now (always True when tasks run in-process)."""
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        return True
    # The kernel may not import ``config`` (where the Celery app is made), so it asks
    # Celery for the current app: ``config.celery`` creates it as the default when
    # Django starts (``config/__init__.py``), and worker and web share it.
    from celery import current_app

    try:
        with current_app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except BROKER_ERRORS:
        return False
    return True
