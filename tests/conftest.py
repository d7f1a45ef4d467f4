from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

# A CI run fails on an unexpected skip (EXPECTED_SKIPS, set by .ci/run).
from tests.expected_skips import (  # noqa: F401  (pytest hooks, registered by being here)
    pytest_collectreport,
    pytest_runtest_logreport,
    pytest_sessionfinish,
)

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The sample files in ../shared/data; a test that needs them fails loudly without them."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"The shared sample data folder is missing: expected {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def worker_media_root(tmp_path_factory) -> Path:
    """Uploaded files shared by the tests that start a worker and the worker itself."""
    return tmp_path_factory.mktemp("worker-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, request) -> None:
    if "worker" in request.keywords:
        settings.MEDIA_ROOT = request.getfixturevalue("worker_media_root")
    else:
        settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _language_reset_after_each_test():
    """A request to a Spanish public page leaves Spanish active in the thread (Django
    activates a language per request and never resets it); the next test, calling a
    service directly, would get its messages in Spanish."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def world(db):
    from tests.scoping import ScopeWorld

    return ScopeWorld.build()


@pytest.fixture
def client_for():
    """A logged-in Django test client for a user."""
    from django.test import Client

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for():
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``worker`` need a broker; without one they skip, unless
    REQUIRE_SERVICES=1 (set by .ci/run) makes a missing broker a failure."""
    from django.conf import settings

    if settings.CELERY_BROKER_URL or os.environ.get("REQUIRE_SERVICES") == "1":
        return
    skip = pytest.mark.skip(
        reason="needs CELERY_BROKER_URL (a real broker and worker); .ci/run sets it"
    )
    for item in items:
        if "worker" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _celery_eager_unless_worker(request):
    """Tasks run in-process with errors propagating, except in tests that start a worker."""
    from config.celery import app

    eager = "worker" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def worker_mail_dir(tmp_path_factory) -> Path:
    """The mail the worker sends, one file per connection (tests/worker_support.py)."""
    return tmp_path_factory.mktemp("worker-mail")


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, worker_media_root, worker_mail_dir):
    """A real ``celery worker`` process on the test database, for ``worker`` tests.

    Tests using it need ``transactional_db`` so the worker sees their rows. It is
    started once per session; its mail goes to ``worker_mail_dir``.
    """
    from django.conf import settings
    from django.db import connection

    from config.celery import app
    from tests.worker_support import MAIL_DIR_VARIABLE, worker_log

    if not settings.CELERY_BROKER_URL:
        pytest.fail("CELERY_BROKER_URL is not set: a worker test needs a real broker")
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{db['NAME']}"
    else:
        user = db.get("USER") or ""
        auth = f"{user}:{db['PASSWORD']}@" if db.get("PASSWORD") else (f"{user}@" if user else "")
        database_url = f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    app.control.purge()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",
        "MEDIA_ROOT": str(worker_media_root),
        "EMAIL_BACKEND": "tests.worker_support.EmailBackend",
        MAIL_DIR_VARIABLE: str(worker_mail_dir),
    }
    log = open(worker_log(), "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"pytest-{os.getpid()}@%h",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the Celery worker exited at start (code {process.returncode}); see var/test-worker.log"
            )
        if app.control.ping(timeout=1.0):
            break
    else:
        process.kill()
        pytest.fail("the Celery worker did not answer within 60 s; see var/test-worker.log")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
