"""What a real Celery worker did, read from outside it: the mail it sent and the tasks
it finished. Tests marked ``worker`` use these with ``celery_worker_process``."""

from __future__ import annotations

import email
import os
import re
import time
from email.message import Message
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

MAIL_DIR_VARIABLE = "SRO360_TEST_WORKER_MAIL_DIR"
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


class EmailBackend(filebased.EmailBackend):
    """The worker's mail backend: Django's file backend in the folder the test session
    names (the settings read no ``EMAIL_FILE_PATH`` from the environment)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["file_path"] = os.environ[MAIL_DIR_VARIABLE]
        super().__init__(*args, **kwargs)


def worker_log() -> Path:
    return Path(settings.VAR_DIR) / "test-worker.log"


def mail_to(mail_dir: Path, address: str) -> list[Message]:
    """Every message the worker sent to ``address``, whole ones only."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw)
                if address in (message["To"] or ""):
                    messages.append(message)
    return messages


def body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def wait_for_results(*task_ids: str, seconds: float = 60) -> dict[str, str]:
    """Each task's return value as the worker logged it on success ("succeeded in").
    Fails if one is not there in time: it failed, was lost, or is still running."""
    results: dict[str, str] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = worker_log().read_text()
        for task_id in task_ids:
            found = re.search(rf"\[{task_id}\] succeeded in [0-9.]+s: (.*)$", log, re.MULTILINE)
            if found:
                results[task_id] = found.group(1)
        if len(results) == len(task_ids):
            return results
        time.sleep(0.3)
    missing = sorted(set(task_ids) - set(results))
    raise AssertionError(f"no success logged for {missing} within {seconds} s; see {worker_log()}")
