"""With a broker configured (.ci/run), a real worker process starts and answers."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_answers_and_healthz_sees_the_broker(celery_worker_process, client) -> None:
    from config.celery import app

    replies = app.control.ping(timeout=2.0)

    assert replies, "no worker answered the ping"
    assert client.get("/healthz").json()["broker"] == "ok"
