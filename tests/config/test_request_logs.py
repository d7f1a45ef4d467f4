"""No log the product writes or configures has a line about a respondent's request
(anonymity invariant 1): runserver, Django's request and security logs, gunicorn."""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse
from gunicorn.app.base import Application

from config.request_logs import RESPONDENT_PATHS, RespondentRequestFilter, is_private_request
from roster.models import Role

ROOT = Path(__file__).resolve().parent.parent.parent
ADDRESS = "203.0.113.7"  # a documentation address, as a respondent's would appear

RESPONDENT_REQUESTS = [
    "POST /s/submit/ HTTP/1.1",
    "GET /s/thanks/?lang=es HTTP/1.1",
    "GET /s HTTP/1.1",
    "GET /s/link/K7Q2M9XPRA/ HTTP/1.1",
    "GET /%73/review/ HTTP/1.1",
    "POST /api/v1/surveys/responses/ HTTP/1.1",
    "GET /static/surveys/respondent.css HTTP/1.1",  # runserver's line doesn't say which page asked
    "POST /public/surveys/notices/K7Q2M9XPRA/opt-out/ HTTP/1.1",  # would date an opt-out
]
STAFF_REQUESTS = [
    "GET /surveys/campaigns/3/ HTTP/1.1",
    "GET /surveys/results/ HTTP/1.1",
    "GET /api/v1/surveys/campaigns/ HTTP/1.1",
    "POST /login/ HTTP/1.1",
]


@pytest.fixture
def written() -> Iterator[dict[str, io.StringIO]]:
    """What the handlers configured in settings.LOGGING write, by handler name."""
    handlers = {
        h.name: h for name in ("", "django.server") for h in logging.getLogger(name).handlers
    }
    streams = {name: io.StringIO() for name in ("console", "django.server")}
    previous = {name: handlers[name].setStream(stream) for name, stream in streams.items()}
    yield streams
    for name, stream in previous.items():
        handlers[name].setStream(stream)


def test_the_respondent_paths_are_where_the_urlconf_puts_the_respondent_pages() -> None:
    prefix, _ = get_resolver().namespace_dict["surveys-respondent"]
    assert f"/{prefix}" == RESPONDENT_PATHS[0] == reverse("surveys-respondent:start")
    assert reverse("api:survey-response-submit") == RESPONDENT_PATHS[1]
    assert reverse("parent-notice:opt-out", args=["x"]).startswith(RESPONDENT_PATHS[2])
    assert f"/{settings.STATIC_URL.strip('/')}/" == "/static/"
    assert f"/{settings.MEDIA_URL.strip('/')}/" == "/media/"


@pytest.mark.parametrize("line", RESPONDENT_REQUESTS)
def test_runserver_writes_no_line_for_a_respondent_request(line: str, written) -> None:
    _runserver_logs(line, 200)
    assert written["django.server"].getvalue() == ""


@pytest.mark.parametrize("line", STAFF_REQUESTS)
def test_runserver_still_writes_its_line_for_other_pages(line: str, written) -> None:
    _runserver_logs(line, 404)
    assert f'"{line}" 404' in written["django.server"].getvalue()


def _runserver_logs(request_line: str, status: int) -> None:
    """What Django's development server does after answering a request."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)  # no socket needed to log
    handler.request, handler.client_address, handler.requestline = (
        None,
        (ADDRESS, 50123),
        request_line,
    )
    handler.log_request(status, 0)


@pytest.mark.django_db
def test_refused_respondent_requests_leave_no_line_while_a_staff_page_does(
    world, client_for, caplog, written
) -> None:
    with caplog.at_level(logging.INFO):
        api = Client().post(
            reverse("api:survey-response-submit"),
            {"code": "K7Q2M9XPRA", "language": "en", "answers": []},
            content_type="application/json",
        )
        link = Client().get(reverse("surveys-respondent:retired-link", args=["not-a-link"]))
        csrf = Client(enforce_csrf_checks=True).post(
            reverse("surveys-respondent:start"), {"code": "K7Q2M9XPRA"}
        )
        staff = client_for(world.users[Role.COORDINATOR]).get(
            reverse("surveys:campaign", args=[999999])
        )

    assert (api.status_code, link.status_code, csrf.status_code, staff.status_code) == (
        400,
        410,
        403,
        404,
    )
    # Django did log each refusal (django.request, django.security.csrf); the handlers dropped the respondents'.
    logged = {r.name for r in caplog.records if r.levelno >= logging.WARNING}
    assert {"django.request", "django.security.csrf"} <= logged
    console = written["console"].getvalue()
    assert "/s/" not in console
    assert "/api/v1/surveys/responses/" not in console
    assert "Not Found: /surveys/campaigns/999999/" in console


@pytest.mark.parametrize(
    ("path", "referer", "private"),
    [
        ("/s/", None, True),
        ("/s/submit/", "https://sro360.example.org/s/review/", True),
        ("/api/v1/surveys/responses/", None, True),
        ("/static/surveys/respondent.css", "https://sro360.example.org/s/thanks/", True),
        ("/static/surveys/respondent.css", None, True),
        ("/favicon.ico", "", True),
        ("/media/officer-photos/lee.jpg", "https://sro360.example.org/s/officers/", True),
        ("/static/app.css", "https://sro360.example.org/surveys/results/", False),
        (
            "/surveys/results/",
            "https://sro360.example.org/s/thanks/",
            False,
        ),  # a page: its own line, even from /s/
        ("/api/v1/surveys/campaigns/", None, False),
        ("/settings/", None, False),
    ],
)
def test_a_request_is_private_when_a_respondent_page_made_it_or_may_have(
    path, referer, private
) -> None:
    assert is_private_request(path, referer) is private
    request = RequestFactory().get(
        path, **({"HTTP_REFERER": referer} if referer is not None else {})
    )
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None
    )
    record.request = request
    assert RespondentRequestFilter().filter(record) is not private


def test_a_malformed_log_call_is_let_through_not_raised() -> None:
    record = logging.LogRecord(
        "django", logging.WARNING, __file__, 1, "%d items at %s", ("many", "/x"), None
    )
    assert RespondentRequestFilter().filter(record) is True


# gunicorn ---------------------------------------------------------------------


class _ConfiguredGunicorn(Application):
    """gunicorn's configuration as ``gunicorn -c config/gunicorn.py`` loads it."""

    def __init__(self, **overrides) -> None:
        self.overrides = overrides
        super().__init__()

    def load_config(self) -> None:
        self.load_config_from_file(str(ROOT / "config" / "gunicorn.py"))
        for name, value in self.overrides.items():
            self.cfg.set(name, value)

    def init(self, parser, opts, args) -> None:
        raise AssertionError("configuration only: no command line")

    def load(self) -> None:
        raise AssertionError("configuration only: no app")


@pytest.fixture
def gunicorn_logs(tmp_path) -> Iterator[tuple[object, Path, Path]]:
    access, error = tmp_path / "access.log", tmp_path / "error.log"
    cfg = _ConfiguredGunicorn(accesslog=str(access), errorlog=str(error)).cfg
    log = cfg.logger_class(cfg)
    yield log, access, error
    for logger in (log.access_log, log.error_log):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
        for f in list(logger.filters):
            logger.removeFilter(f)


def test_the_gunicorn_config_turns_the_access_log_on_with_the_quiet_logger() -> None:
    cfg = _ConfiguredGunicorn().cfg
    assert cfg.accesslog == "-"
    assert cfg.logger_class.__name__ == "RespondentQuietLogger"
    web = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    assert "-c config/gunicorn.py" in web


def test_gunicorn_logs_no_respondent_request_and_every_other(gunicorn_logs) -> None:
    log, access, error = gunicorn_logs
    for line in [*RESPONDENT_REQUESTS, *STAFF_REQUESTS]:
        method, uri, _ = line.split()
        path = unquote(uri.split("?")[0])
        referer = "https://sro360.example.org/surveys/" if not is_private_request(path) else None
        log.access(*_gunicorn_request(method, uri, referer))
    log.access(*_gunicorn_request("GET", "/static/app.css", "https://sro360.example.org/s/thanks/"))
    log.exception("Error handling request %s %s", "POST", "/s/submit/")
    log.error("Error handling request %s %s", "GET", "/surveys/results/")
    for handler in [*log.access_log.handlers, *log.error_log.handlers]:
        handler.flush()

    lines = access.read_text().splitlines()
    assert len(lines) == len(STAFF_REQUESTS)
    for line, request in zip(lines, STAFF_REQUESTS, strict=True):
        assert line.startswith(f"{ADDRESS} - - [")
        assert f'"{request}" 200' in line
    assert "/s/" not in error.read_text()
    assert "Error handling request GET /surveys/results/" in error.read_text()


def _gunicorn_request(method: str, uri: str, referer: str | None) -> tuple:
    """(response, request, environ, request time) as a gunicorn worker hands them to ``access``."""
    environ = {
        "REQUEST_METHOD": method,
        "RAW_URI": uri,
        "PATH_INFO": unquote(uri.split("?")[0]),
        "QUERY_STRING": uri.partition("?")[2],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
    }
    if referer:
        environ["HTTP_REFERER"] = referer
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    return response, SimpleNamespace(headers=[]), environ, datetime.timedelta(milliseconds=40)


def test_the_procfile_web_command_serves_respondent_pages_without_an_access_line(tmp_path) -> None:
    """The real thing: gunicorn started as the Procfile starts it."""
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DJANGO_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    web = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    command = (
        web.removeprefix("web:")
        .strip()
        .replace("gunicorn", str(Path(sys.executable).parent / "gunicorn"), 1)
    )
    out = tmp_path / "web.log"
    with out.open("w") as log:
        server = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {command}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, out)
        for path in ("/s/privacy/", "/s/?lang=es", "/login/"):
            # Any status will do: the access line is written either way.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = out.read_text()
    assert '"GET /login/ HTTP/1.1"' in text, text
    assert "/s/" not in text, text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, out: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited at start:\n{out.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not listen within 30 s:\n{out.read_text()}")
