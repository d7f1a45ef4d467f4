#!/usr/bin/env python
"""Fault injection, each scenario with a pass/fail result.

    .venv/bin/python scripts/faults.py worker-kill       # SIGKILL a Celery worker mid-batch
    .venv/bin/python scripts/faults.py redis-down        # the broker goes away and comes back
    .venv/bin/python scripts/faults.py postgres-restart  # PostgreSQL restarts under survey load
    .venv/bin/python scripts/faults.py all

Each scenario builds a throwaway PostgreSQL database from the demo and runs its own
Redis server on a spare loopback port (so stopping it touches nothing else), starts
gunicorn and workers itself, and stops everything it started. ``postgres-restart``
restarts this machine's PostgreSQL cluster (pg_ctlcluster), so run it alone.
"""

from __future__ import annotations

import argparse
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
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get("FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


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
        self.name = f"sro360_fault_{name}_{os.getpid()}"
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
        }

    def __enter__(self) -> Site:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        self.start_redis()
        subprocess.run(
            [sys.executable, "manage.py", "demo", "--no-serve"],
            cwd=ROOT,
            check=True,
            env={**self.env, "CELERY_BROKER_URL": ""},
            stdout=subprocess.DEVNULL,
        )
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
                "config",
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
        return self.django(
            "from django.contrib.auth import get_user_model; from rest_framework.authtoken.models import Token; "
            f"print(Token.objects.get_or_create(user=get_user_model().objects.get(username='{username}'))[0].key)"
        )

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


def packet_counts(site: Site, period: int) -> list[tuple[int, int]]:
    """(officer, number of packet versions) for the period, from the packets tables."""
    return site.sql(
        "SELECT p.officer_id, count(v.id) FROM evaluations_packet p LEFT JOIN evaluations_packetversion v ON v.packet_id = p.id "
        "WHERE p.period_id = %s GROUP BY p.officer_id",
        period,
    )


def job_state(site: Site, job: int) -> tuple[str, int, int, int]:
    return site.sql("SELECT status, total, done, failed FROM roster_job WHERE id = %s", job)[0]


def scenario_worker_kill() -> None:
    with Site("kill") as site:
        site.start_web()
        period, _agency = site.batch_ids()
        coordinator = site.token("coordinator")
        before = dict(packet_counts(site, period))
        # Make every packet new, so the batch really renders (the demo built them once).
        site.django(
            "from evaluations.models import PacketVersion; PacketVersion.objects.filter(status__in=['ready', 'returned']).delete()"
        )
        status, body = site.http(
            "POST", "/api/v1/packets/batches/", {"period": period}, coordinator
        )
        assert status == 202, (status, body[:300])
        job = json.loads(body)["id"]
        say(f"batch {job} queued ({json.loads(body).get('total')} officers); starting worker 1")
        site.start_worker("worker1", concurrency=2)
        wait_until(
            lambda: job_state(site, job)[2] >= 2, 120, "two packets done before the kill", every=0.1
        )
        state = job_state(site, job)
        say(f"SIGKILL worker 1 with {state[2]} of {state[1]} done")
        site.stop("worker1", signal.SIGKILL)
        site.start_worker("worker2", concurrency=2)
        wait_until(
            lambda: job_state(site, job)[0] in ("done", "failed"),
            240,
            "the batch to finish on worker 2",
            every=1,
        )
        status_, total, done, failed = job_state(site, job)
        counts = dict(packet_counts(site, period))
        say(
            f"batch {status_}: {done} done, {failed} failed of {total}; packet versions per officer: {sorted(set(counts.values()))}"
        )
        assert (status_, failed, done) == ("done", 0, total), "every officer's packet built"
        assert set(before) <= set(counts)
        duplicates = site.sql(
            "SELECT packet_id, content_hash, count(*) FROM evaluations_packetversion GROUP BY packet_id, content_hash HAVING count(*) > 1"
        )
        assert not duplicates, f"a packet exists twice: {duplicates}"
        missing = site.sql(
            "SELECT count(*) FROM evaluations_packetbuilditem WHERE job_id = %s AND status <> 'done'",
            job,
        )[0][0]
        assert missing == 0, f"{missing} items not done"


def scenario_redis_down() -> None:
    with Site("redis") as site:
        site.start_web()
        period, agency = site.batch_ids()
        supervisor = site.token("supervisor")
        codes, answers = site.survey_codes(20)
        site.stop("redis")
        say("Redis stopped")
        status, body = site.http("GET", "/healthz")
        assert status == 503, (status, body)
        assert json.loads(body)["broker"] == "down", body
        assert site.http("GET", "/login/")[0] == 200, "pages keep working"
        assert site.http("GET", "/api/v1/officers/", token=supervisor)[0] == 200
        for code in codes[:10]:
            status, body = site.http(
                "POST",
                "/api/v1/surveys/responses/",
                {"code": code, "language": "en", "answers": answers},
            )
            assert status == 201, ("survey submission while Redis is down", status, body[:200])
        started = time.monotonic()
        status, body = site.http(
            "POST", "/api/v1/packets/batches/", {"period": period, "agency": agency}, supervisor
        )
        assert status == 202, ("a batch can be queued while Redis is down", status, body[:300])
        assert time.monotonic() - started < 10, "the request did not hang on the broker"
        job = json.loads(body)["id"]
        page_status, _page = site.http("GET", f"/api/v1/packets/batches/{job}/", token=supervisor)
        assert page_status == 200
        say(
            f"while down: healthz 503, pages 200, 10 surveys stored, batch {job} queued ({job_state(site, job)[0]})"
        )
        site.start_redis()
        say("Redis back; starting a worker and beat (jobs are sent again within a minute)")
        site.start_worker()
        site.start_beat()
        wait_until(
            lambda: job_state(site, job)[0] in ("done", "failed"),
            180,
            "the queued batch to run",
            every=1,
        )
        status_, total, done, failed = job_state(site, job)
        say(
            f"queued batch ran once Redis was back: {status_}, {done}/{total} done, {failed} failed"
        )
        assert (status_, failed) == ("done", 0)
        stored = site.sql("SELECT count(*) FROM surveys_response")[0][0]
        assert stored >= 10


def scenario_postgres_restart() -> None:
    cluster = subprocess.run(
        ["bash", "-c", "ls /etc/postgresql"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    with Site("pg") as site:
        site.start_web()
        codes, answers = site.survey_codes(3000)
        before = site.sql("SELECT count(*) FROM surveys_response")[0][0]
        results: list[int] = []
        stop = threading.Event()
        codes_iter = iter(codes)
        lock = threading.Lock()

        def client() -> None:
            while not stop.is_set():
                with lock:
                    code = next(codes_iter, None)
                if code is None:
                    return
                status, _ = site.http(
                    "POST",
                    "/api/v1/surveys/responses/",
                    {"code": code, "language": "en", "answers": answers},
                )
                with lock:
                    results.append(status)
                time.sleep(0.01)

        threads = [threading.Thread(target=client) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        say("restarting PostgreSQL under load")
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                cluster,
                "main",
                "restart",
                "-m",
                "fast",
            ],
            check=True,
        )
        time.sleep(5)
        stop.set()
        for thread in threads:
            thread.join()
        after_restart = site.http(
            "POST",
            "/api/v1/surveys/responses/",
            {"code": next(codes_iter), "language": "en", "answers": answers},
        )[0]
        if after_restart == 201:
            results.append(201)
        accepted = results.count(201)
        unavailable = results.count(503)
        other = [s for s in results if s not in (201, 503)]
        stored = site.sql("SELECT count(*) FROM surveys_response")[0][0] - before
        say(
            f"{len(results)} submissions: {accepted} accepted, {unavailable} answered 503 during the restart, other {sorted(set(other))}; stored {stored}"
        )
        assert after_restart == 201, "the app recovered without a restart"
        assert not [s for s in other if s >= 500 or s == 0], f"errors other than 503: {other}"
        assert stored == accepted, "every accepted response is stored"


SCENARIOS = {
    "worker-kill": scenario_worker_kill,
    "redis-down": scenario_redis_down,
    "postgres-restart": scenario_postgres_restart,
}


def run(names: list[str]) -> Iterator[tuple[str, bool, str]]:
    for name in names:
        say(f"\n=== {name} ===")
        try:
            SCENARIOS[name]()
        except AssertionError as exc:
            yield name, False, str(exc)
        else:
            yield name, True, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=[*SCENARIOS, "all"])
    options = parser.parse_args()
    names = list(SCENARIOS) if options.scenario == "all" else [options.scenario]
    results = list(run(names))
    print()
    for name, ok, why in results:
        print(f"faults {name}: {'PASS' if ok else 'FAIL'}{'' if ok else ' - ' + why}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
