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
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

from fault_site import Site, job_state, packet_counts, say, wait_until


def scenario_worker_kill() -> None:
    with Site("kill") as site:
        site.start_web()
        period, _agency = site.batch_ids()
        coordinator = site.token("coordinator")
        before = dict(packet_counts(site, period))
        # Make every packet new, so the batch really renders (the demo built them once).
        site.django(
            "from packets.models import PacketVersion; PacketVersion.objects.filter(status__in=['ready', 'returned']).delete()"
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
