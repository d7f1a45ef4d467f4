#!/usr/bin/env python
"""Fault injection, each scenario with a pass/fail result.

    .venv/bin/python scripts/faults.py worker-kill       # SIGKILL a Celery worker mid-batch
    .venv/bin/python scripts/faults.py redis-down        # the broker goes away and comes back
    .venv/bin/python scripts/faults.py postgres-restart  # PostgreSQL restarts under survey load
    .venv/bin/python scripts/faults.py worker-kill redis-down   # several in turn (CI)
    .venv/bin/python scripts/faults.py all

Each scenario builds a throwaway PostgreSQL database from the demo (loaded by the first
scenario of a run, copied for the next: scripts/fault_site.py) and runs its own
Redis server on a spare loopback port (so stopping it touches nothing else), starts
gunicorn and workers itself, and stops everything it started. ``postgres-restart``
restarts this machine's PostgreSQL cluster (pg_ctlcluster), so run it alone.

Each verifies from the tables (scripts/fault_checks.py), never from a job's counters or
the API's status: responses stored equal the 201s received, every officer of a batch
has a done item and one version per build. The last line says whether all passed; the
exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

from fault_checks import batch_problems, job_finished, responses_stored, tasks_in_flight
from fault_site import Site, job_state, say, wait_until


def scenario_worker_kill() -> None:
    with Site("kill") as site:
        site.start_web()
        period, _agency = site.batch_ids()
        coordinator = site.token("coordinator")
        # Every packet of the period goes, so each officer's build must add exactly one.
        site.django(
            "from packets.models import PacketVersion; "
            f"PacketVersion.objects.filter(packet__period_id={period}).delete()"
        )
        status, body = site.http(
            "POST", "/api/v1/packets/batches/", {"period": period}, coordinator
        )
        assert status == 202, (status, body[:300])
        job = json.loads(body)["id"]
        say(f"batch {job} queued; starting worker 1")
        site.start_worker("worker1", concurrency=2)
        log = site.tmp / "worker1.log"
        running = wait_until(
            lambda: (
                job_state(site, job)[2] >= 2
                and tasks_in_flight(site.url, site.redis_port, log, job)
            ),
            120,
            "two packets done and a build running on worker 1",
            every=0.05,
        )
        site.stop("worker1", signal.SIGKILL)
        state = job_state(site, job)
        say(f"SIGKILL worker 1 with {state[2]} of {state[1]} done; in flight: {', '.join(running)}")
        site.start_worker("worker2", concurrency=2)
        wait_until(lambda: job_finished(site.url, job), 240, "every item of the batch", every=1)
        officers, problems = batch_problems(site.url, job, all_new=True)
        versions = site.sql(
            "SELECT count(*) FROM evaluations_packetversion v JOIN evaluations_packet p "
            "ON p.id = v.packet_id WHERE p.period_id = %s",
            period,
        )[0][0]
        say(
            f"batch of {officers} officers (the API said {state[1]}): {versions} packet versions "
            f"in the period, problems: {problems or 'none'}"
        )
        assert not problems, f"packets wrong after the kill: {problems[:5]}"
        assert officers == state[1], f"{officers} items for a batch of {state[1]}"
        assert versions == officers, f"{versions} versions for {officers} officers"


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
        submitted_down = submit_and_count(site, codes[:10], answers)
        started = time.monotonic()
        status, body = site.http(
            "POST", "/api/v1/packets/batches/", {"period": period, "agency": agency}, supervisor
        )
        assert status == 202, ("a batch can be queued while Redis is down", status, body[:300])
        assert time.monotonic() - started < 10, "the request did not hang on the broker"
        job = json.loads(body)["id"]
        page_status, _page = site.http("GET", f"/api/v1/packets/batches/{job}/", token=supervisor)
        assert page_status == 200
        say(f"while down: healthz 503, pages 200, {submitted_down}, batch {job} queued")
        site.start_redis()
        say("Redis back; starting a worker and beat (jobs are sent again within a minute)")
        site.start_worker()
        site.start_beat()
        wait_until(lambda: job_finished(site.url, job), 180, "the queued batch to run", every=1)
        officers, problems = batch_problems(site.url, job)
        say(
            f"queued batch ran once Redis was back: {officers} officers, problems: {problems or 'none'}"
        )
        assert not problems, f"packets wrong after Redis came back: {problems[:5]}"
        say(f"after: {submit_and_count(site, codes[10:], answers)}")


def submit_and_count(site: Site, codes: list[str], answers: list[dict]) -> str:
    """Submit one response per code; the rows stored must equal the 201s received."""
    before = responses_stored(site.url)
    statuses = [
        site.http(
            "POST",
            "/api/v1/surveys/responses/",
            {"code": code, "language": "en", "answers": answers},
        )[0]
        for code in codes
    ]
    stored = responses_stored(site.url) - before
    accepted = statuses.count(201)
    assert accepted == len(codes), f"survey submissions answered {sorted(statuses)}"
    assert stored == accepted, f"{accepted} submissions accepted, {stored} responses stored"
    return f"{accepted} surveys accepted and {stored} stored"


def scenario_postgres_restart() -> None:
    cluster = subprocess.run(
        ["bash", "-c", "ls /etc/postgresql"], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    with Site("pg") as site:
        site.start_web()
        codes, answers = site.survey_codes(3000)
        before = responses_stored(site.url)
        results: list[int] = []
        stop = threading.Event()
        codes_iter = iter(codes)
        lock = threading.Lock()

        crashed: list[str] = []

        def client() -> None:
            try:
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
            except Exception as exc:  # noqa: BLE001 - a client that dies is counted, not silent
                with lock:
                    crashed.append(repr(exc))

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
        stored = responses_stored(site.url) - before
        say(
            f"{len(results)} submissions: {accepted} accepted, {unavailable} answered 503 during the restart, "
            f"other {sorted(set(other))}; stored {stored}; client exceptions {len(crashed)}"
        )
        assert not crashed, f"client threads died: {crashed[:3]}"
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
        started = time.monotonic()
        try:
            SCENARIOS[name]()
        except Exception as exc:  # noqa: BLE001 - any failure is the scenario's verdict, reported last
            why = str(exc) if isinstance(exc, AssertionError) else repr(exc)
            yield name, False, f"{why} ({time.monotonic() - started:.0f} s)"
        else:
            yield name, True, f"{time.monotonic() - started:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="+", choices=[*SCENARIOS, "all"])
    options = parser.parse_args()
    names = list(SCENARIOS) if "all" in options.scenario else options.scenario
    results = list(run(names))
    print()
    for name, ok, detail in results:
        print(f"faults {name}: {'PASS' if ok else 'FAIL'} - {detail}")
    failed = [name for name, ok, _ in results if not ok]
    print(f"faults: {'FAILED (' + ', '.join(failed) + ')' if failed else 'passed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
