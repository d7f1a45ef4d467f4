#!/usr/bin/env python
"""A bounded load test on gunicorn + PostgreSQL + a Celery worker on Redis.

At once, for ``--duration`` seconds: anonymous survey submissions, a coordinator
saving an evaluation draft, a supervisor downloading packet PDFs, and a packet batch
built by the worker. Loopback only; it builds a throwaway database (sro360_faults_load_*)
from the demo, starts and stops every process it needs, and drops the database.

Prints throughput, p50 and p99 per kind and the errors, then checks from the database,
not the API: responses stored equal the 201s received, the draft's version moved once
per accepted save, every officer of the batch has a done item and its own version.
A client thread's exception is counted, never lost with the thread. Exit 1, with a
last line naming what failed, on any error, exception or mismatch.

    .venv/bin/python scripts/load_test.py [--duration 45] [--database-url postgres://...]
    .venv/bin/python scripts/load_test.py --duration 20    # CI's size
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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from fault_checks import batch_problems, job_finished, responses_stored, sql
from load_test_data import prepare

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.crashes: list[str] = []

    def record(self, kind: str, seconds: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if ok:
                self.counts[kind] += 1
            else:
                self.errors[kind].append(detail)

    def guard(self, target: Callable[..., None]) -> Callable[..., None]:
        """The client thread's body, its exception counted rather than lost with the thread."""

        def run(*args: object) -> None:
            try:
                target(*args)
            except Exception as exc:  # noqa: BLE001 - every client exception fails the run
                with self.lock:
                    self.crashes.append(f"{target.__name__}: {exc!r}")

        return run


def request(
    conn: http.client.HTTPConnection, method: str, path: str, body: dict | None, headers: dict
) -> tuple[int, bytes]:
    payload = json.dumps(body).encode() if body is not None else None
    conn.request(
        method, path, body=payload, headers={"Content-Type": "application/json", **headers}
    )
    reply = conn.getresponse()
    return reply.status, reply.read()


def main() -> int:  # noqa: C901 - one scenario read top to bottom: start servers, run the client threads, report
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=45.0)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--survey-clients", type=int, default=6)
    options = parser.parse_args()

    import psycopg

    name = f"sro360_faults_load_{os.getpid()}"
    with psycopg.connect(options.database_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = urlparse(options.database_url)._replace(path=f"/{name}").geturl()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": options.broker_url,
        "DJANGO_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "100000",
        "MEDIA_ROOT": tempfile.mkdtemp(prefix=f"{name}-media-"),
    }
    processes: list[subprocess.Popen] = []
    stats = Stats()
    try:
        info = prepare(
            {**env, "CELERY_BROKER_URL": ""}, codes_needed=int(options.duration * 400) + 1000
        )
        before = responses_stored(url)
        saves_before = evaluation_version(url, info["evaluation"])
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "3",
                    "--worker-class",
                    "gthread",
                    "--threads",
                    "4",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "-n",
                    f"load-{os.getpid()}@%h",
                ],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)

        stop_at = time.monotonic() + options.duration
        codes = iter(info["codes"])
        code_lock = threading.Lock()
        accepted = {"n": 0}

        def survey_client(index: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.monotonic() < stop_at:
                with code_lock:
                    code = next(codes, None)
                if code is None:
                    return
                started = time.perf_counter()
                status, body = request(
                    conn,
                    "POST",
                    "/api/v1/surveys/responses/",
                    {
                        "code": code,
                        "language": "es" if index % 2 else "en",
                        "answers": info["answers"],
                    },
                    {},
                )
                ok = status == 201
                if ok:
                    with code_lock:
                        accepted["n"] += 1
                stats.record(
                    "survey submit", time.perf_counter() - started, ok, f"{status} {body[:120]!r}"
                )

        def evaluation_saver() -> None:
            if info["evaluation"] is None:
                return
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            auth = {"Authorization": f"Token {info['tokens']['coordinator']}"}
            n = 0
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                status, body = request(
                    conn, "GET", f"/api/v1/evaluations/{info['evaluation']}/", None, auth
                )
                if status != 200:
                    stats.record(
                        "evaluation save", time.perf_counter() - started, False, f"read {status}"
                    )
                    continue
                n += 1
                status, body = request(
                    conn,
                    "POST",
                    f"/api/v1/evaluations/{info['evaluation']}/update/",
                    {
                        "version": json.loads(body)["version"],
                        "commendations": f"Load test save {n}",
                    },
                    auth,
                )
                stats.record(
                    "evaluation save",
                    time.perf_counter() - started,
                    status == 200,
                    f"{status} {body[:120]!r}",
                )

        def packet_downloader() -> None:
            if info["packet_version"] is None:
                return
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            auth = {"Authorization": f"Token {info['tokens']['supervisor']}"}
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                status, body = request(
                    conn,
                    "GET",
                    f"/api/v1/packet-versions/{info['packet_version']}/pdf/",
                    None,
                    auth,
                )
                ok = status == 200 and body.startswith(b"%PDF")
                stats.record("packet download", time.perf_counter() - started, ok, f"{status}")

        batch: dict = {}

        def batch_builder() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            auth = {"Authorization": f"Token {info['tokens']['supervisor']}"}
            started = time.perf_counter()
            status, body = request(
                conn,
                "POST",
                "/api/v1/packets/batches/",
                {"period": info["period"], "agency": info["agency"]},
                auth,
            )
            if status != 202:
                batch.update(error=f"start {status} {body[:200]!r}")
                return
            job = json.loads(body)["id"]
            batch["job"] = job
            finish_by = time.monotonic() + options.duration + 120
            while time.monotonic() < finish_by:
                if job_finished(url, job):
                    batch["seconds"] = round(time.perf_counter() - started, 1)
                    return
                time.sleep(1)
            batch.update(error="the batch did not finish in time")

        threads = [
            threading.Thread(target=stats.guard(survey_client), args=(i,))
            for i in range(options.survey_clients)
        ]
        threads += [
            threading.Thread(target=stats.guard(client))
            for client in (evaluation_saver, packet_downloader, packet_downloader, batch_builder)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = responses_stored(url) - before
        saved = evaluation_version(url, info["evaluation"]) - saves_before
        officers, problems = batch_problems(url, batch["job"]) if "job" in batch else (0, [])
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        with psycopg.connect(options.database_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)

    print(
        f"load for {options.duration:.0f} s on gunicorn (3x4 threads) + PostgreSQL + 1 Celery worker (2 processes)"
    )
    total_errors = 0
    for kind in ("survey submit", "evaluation save", "packet download"):
        times = sorted(stats.latencies.get(kind, []))
        errors = stats.errors.get(kind, [])
        total_errors += len(errors)
        if not times:
            print(f"  {kind:<16} not exercised (nothing to do in the demo)")
            total_errors += 1
            continue
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"  {kind:<16} {len(times):6d} requests  {len(times) / options.duration:7.1f}/s  "
            f"p50 {statistics.median(times) * 1000:6.1f} ms  p99 {p99 * 1000:7.1f} ms  errors {len(errors)}"
            + (f" (first: {errors[0]})" if errors else "")
        )
    print(f"  packet batch     {batch}, {officers} officers built, problems {problems or 'none'}")
    print(f"  survey responses accepted {accepted['n']}, stored {stored}")
    print(f"  evaluation saves accepted {stats.counts['evaluation save']}, stored {saved}")
    print(
        f"  client exceptions {len(stats.crashes)}" + "".join(f"\n    {c}" for c in stats.crashes)
    )
    failures = [
        what
        for what, bad in (
            (f"{total_errors} request errors", total_errors),
            (f"{len(stats.crashes)} client exceptions", stats.crashes),
            ("responses stored differ from 201s", accepted["n"] != stored),
            ("evaluation saves stored differ from 200s", stats.counts["evaluation save"] != saved),
            ("the batch built nobody", not officers),
            (f"{len(problems)} officers' packets wrong", problems),
            (f"batch: {batch.get('error')}", "error" in batch),
        )
        if bad
    ]
    print(f"load_test: {'FAILED (' + '; '.join(failures) + ')' if failures else 'passed'}")
    return 1 if failures else 0


def evaluation_version(url: str, evaluation: int | None) -> int:
    """The draft's optimistic-lock version: each accepted save adds one."""
    if evaluation is None:
        return 0
    return sql(url, "SELECT version FROM evaluations_evaluation WHERE id = %s", evaluation)[0][0]


if __name__ == "__main__":
    sys.exit(main())
