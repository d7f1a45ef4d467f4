"""The throwaway site each fault scenario runs on (scripts/faults.py): a PostgreSQL
database with the demo, its own Redis on a spare loopback port, the gunicorn, Celery
worker and beat processes it starts, and the queries the scenarios check with."""

from __future__ import annotations

import atexit
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


# The demo as first loaded in this run, which later scenarios copy.
DEMO_DATABASE = f"sro360_faults_demo_{os.getpid()}"
DEMO_MEDIA = Path(tempfile.gettempdir()) / f"{DEMO_DATABASE}-media"


def _drop_demo_copy() -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DEMO_DATABASE}" WITH (FORCE)')
    shutil.rmtree(DEMO_MEDIA, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def say(text: str) -> None:
    print(text, flush=True)


def wait_until(check, seconds: float, what: str, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


class Site:
    """A throwaway database with the demo, its own Redis, and the processes on them."""

    def __init__(self, name: str) -> None:
        self.name = f"sro360_faults_{name}_{os.getpid()}"
        self.url = urlparse(ADMIN_URL)._replace(path=f"/{self.name}").geturl()
        self.redis_port = free_port()
        self.web_port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{self.name}-"))
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "DJANGO_ENV": "development",
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(self.tmp / "media"),
            # A message taken by a killed worker comes back after this many seconds.
            "CELERY_VISIBILITY_TIMEOUT": "15",
            "CONN_MAX_AGE": "60",
            # Workers run scripts/fault_celery.py's app.
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT / "scripts"), os.environ.get("PYTHONPATH")])
            ),
        }

    def __enter__(self) -> Site:
        self.start_redis()
        started = time.monotonic()
        media = self.tmp / "media"
        if DEMO_MEDIA.exists():
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{DEMO_DATABASE}"')
            shutil.copytree(DEMO_MEDIA, media)
            say(f"demo copied into {self.name} in {time.monotonic() - started:.0f} s")
            return self
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        subprocess.run(
            [sys.executable, "manage.py", "demo", "--no-serve"],
            cwd=ROOT,
            check=True,
            env={**self.env, "CELERY_BROKER_URL": ""},
            stdout=subprocess.DEVNULL,
        )
        # The next scenarios of this run start from a copy: loading takes a minute.
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{DEMO_DATABASE}" TEMPLATE "{self.name}"')
        atexit.register(_drop_demo_copy)
        shutil.copytree(media, DEMO_MEDIA)
        say(f"demo loaded into {self.name} in {time.monotonic() - started:.0f} s")
        return self

    def __exit__(self, *exc) -> None:
        for name in list(self.processes):
            self.stop(name)
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)

    def spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - the process writes it until stopped
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
        )
        wait_until(lambda: self._port_open(self.redis_port), 10, "redis")

    def start_web(self) -> None:
        self.spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                "2",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
        )
        wait_until(lambda: self._port_open(self.web_port), 30, "gunicorn")

    def start_worker(self, name: str = "worker", concurrency: int = 2) -> subprocess.Popen:
        return self.spawn(
            name,
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "fault_celery",
                "worker",
                "--concurrency",
                str(concurrency),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{name}-{os.getpid()}@%h",
            ],
        )

    def start_beat(self) -> None:
        self.spawn(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(self.tmp / "beat-schedule"),
            ],
        )

    @staticmethod
    def _port_open(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    def sql(self, query: str, *params) -> list[tuple]:
        with psycopg.connect(self.url) as conn:
            return conn.execute(query, params).fetchall()

    def django(self, code: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def token(self, username: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", "api_token_create", username],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def http(
        self, method: str, path: str, body: dict | None = None, token: str | None = None
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.web_port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        try:
            conn.request(
                method,
                path,
                body=json.dumps(body).encode() if body is not None else None,
                headers=headers,
            )
            reply = conn.getresponse()
            return reply.status, reply.read()
        except OSError as exc:
            return 0, str(exc).encode()
        finally:
            conn.close()

    def survey_codes(self, count: int) -> tuple[list[str], list[dict]]:
        out = self.django(
            "import json, random; from surveys.models import Campaign, QuestionKind; from surveys.services import codes_issue; "
            "c = Campaign.objects.filter(district__code='RUSD', groups__group='student').order_by('-closes_on').first(); "
            "g = c.groups.get(group='student'); s = c.schools.get(code='LHS'); "
            "officers = list(c.officers.filter(assignments__school=s).values_list('pk', flat=True).distinct()); "
            "qs = list(g.template.questions.filter(kind=QuestionKind.AGREE).values_list('code', flat=True)); "
            f"codes = codes_issue(campaign=c, group='student', school=s, count={count}, actor=None).codes; "
            "print(json.dumps({'codes': codes, 'answers': [{'officer': o, 'question': q, 'value': 4} for o in officers for q in qs]}))"
        )
        data = json.loads(out.splitlines()[-1])
        return data["codes"], data["answers"]

    def batch_ids(self) -> tuple[int, int]:
        out = self.django(
            "from roster.models import Agency, District; from roster.selectors import period_current; "
            "p = period_current(district=District.objects.get(code='RUSD')); print(p.pk, Agency.objects.get(code='MCPD').pk)"
        )
        period, agency = out.split()[-2:]
        return int(period), int(agency)


def job_state(site: Site, job: int) -> tuple[str, int, int, int]:
    return site.sql("SELECT status, total, done, failed FROM roster_job WHERE id = %s", job)[0]
