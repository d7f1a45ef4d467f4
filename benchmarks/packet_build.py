"""Benchmark: batch packet builds on a real Celery worker, and PDF render cost.

Builds its own seeded data in a database it creates and drops (SQLite in a temporary
folder, or a new PostgreSQL database on ``--database-url``'s server), then:

1. builds every officer's packet through the batch path as production does: the
   batch is started with ``packet_batch_start`` and its tasks go through Redis
   (``--broker-url``, DB 10 by default) to a real Celery worker (two processes)
   that this script starts and stops; it prints the total time. It passes only if
   every officer in the database has exactly one built version with its PDF stored,
   counted in the database, and the job reports none failed.
2. renders sample packets' PDFs with ``PacketPdfRenderer`` and, alternately, a bare
   reportlab document laying out the same content on the same pages (page size,
   margins, font sizes, breaks), without the packet's page furniture (footer, page
   x of y); each sample must have the same page count on both
   sides. It prints the ratio of the medians.

Run from the repository root: ``.venv/bin/python benchmarks/packet_build.py [--quick | --check]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from bench_common import ROOT, add_common_arguments, run, setup_django, throwaway_database, verdict
from packet_build_baseline import bare_pdf
from packet_build_data import generate

NAME = "packet_build"
TARGET = 1.2
FULL = {
    "officers": 200,
    "responses": 50_000,
    "training_records": 10_000,
    "actions": 5_000,
    "samples": 20,
}
QUICK = {
    "officers": 40,
    "responses": 5_000,
    "training_records": 1_000,
    "actions": 500,
    "samples": 8,
}
CHECK = {
    "officers": 20,
    "responses": 2_000,
    "training_records": 400,
    "actions": 300,
    "samples": 6,
}
BATCH_TIMEOUT = 900


def start_worker(env: dict[str, str]) -> tuple[subprocess.Popen, threading.Event, list[str]]:
    """A Celery worker with two processes, as deployed; ready when it says so."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency",
            "2",
            "--purge",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    ready = threading.Event()
    lines: list[str] = []

    def read() -> None:
        assert worker.stderr is not None
        for line in worker.stderr:
            lines.append(line.rstrip())
            if " ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    return worker, ready, lines


def stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def build_batch(period, env: dict[str, str]) -> tuple[float, object, list[str]]:
    """The batch as production runs it: started here, its tasks run by the worker."""
    from core.models import JobStatus
    from packets.services.batches import packet_batch_start

    worker, ready, lines = start_worker(env)
    try:
        if not ready.wait(120):
            raise RuntimeError("the Celery worker did not start: " + " | ".join(lines[-5:]))
        started = time.perf_counter()
        job = packet_batch_start(period=period, started_by=None, enforce_rights=False)
        while time.perf_counter() - started < BATCH_TIMEOUT:
            job.refresh_from_db()
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                break
            if worker.poll() is not None:
                raise RuntimeError("the Celery worker exited: " + " | ".join(lines[-5:]))
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        stop_worker(worker)
    return elapsed, job, [line for line in lines if "ERROR" in line or "Traceback" in line]


def built_versions(period) -> tuple[int, int, int]:
    """Counted in the database: officers, officers with exactly one version, and
    versions whose PDF is stored and non-empty."""
    from django.db.models import Count

    from packets.models import PacketVersion
    from roster.models import Officer

    officers = Officer.objects.count()
    per_officer = (
        PacketVersion.objects.filter(packet__period=period)
        .values("packet__officer")
        .annotate(n=Count("pk"))
    )
    exactly_one = sum(1 for row in per_officer if row["n"] == 1)
    with_pdf = sum(
        1
        for version in PacketVersion.objects.filter(packet__period=period).exclude(pdf="")
        if version.pdf.storage.exists(version.pdf.name) and version.pdf.size > 0
    )
    return officers, exactly_one, with_pdf


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def compare_render(
    snapshots: list[dict], repeats: int
) -> tuple[float, float, list[tuple[int, int]]]:
    from packets.pdf.document import render_packet_pdf

    ours: list[float] = []
    bare: list[float] = []
    pages = [(_pages(render_packet_pdf(s)), _pages(bare_pdf(s))) for s in snapshots]
    for repeat in range(repeats):
        for snapshot in snapshots:
            # Alternate the sides (A B B A) so background load falls on both.
            sides = [(ours, render_packet_pdf), (bare, bare_pdf)]
            for times, render in sides if repeat % 2 == 0 else reversed(sides):
                started = time.perf_counter()
                render(snapshot)
                times.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(bare), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser, sqlite_default=True)
    parser.add_argument(
        "--broker-url",
        default="redis://127.0.0.1:6379/10",
        help="the Redis database the batch's tasks go through (its queue is purged)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    size = CHECK if args.check else QUICK if args.quick else FULL
    with (
        throwaway_database(args.database_url, "packets") as url,
        tempfile.TemporaryDirectory(prefix="packet-bench-") as media,
    ):
        setup_django(url, media, broker_url=args.broker_url)
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        return measure(size, args.repeats, args.check)


def measure(size: dict, repeats: int, check: bool) -> int:
    from django.db import connections

    from packets.models import PacketVersion

    started = time.perf_counter()
    data = generate(size)
    print(f"data: {data['made']} in {time.perf_counter() - started:.1f} s")
    for what, why in data["missing"].items():
        print(f"missing: {what} ({why})")
    connections.close_all()
    mismatches: list[str] = []
    elapsed, job, errors = build_batch(data["period"], dict(os.environ))
    print(
        f"batch: job says {job.done} built, {job.failed} failed of {job.total} officers; "
        f"a real Celery worker (2 processes) in {elapsed:.2f} s "
        f"({elapsed / max(job.total, 1) * 1000:.0f} ms per officer)"
    )
    for reason in [*job.failures[:5], *errors[:5]]:
        print(f"  failure: {reason}")
    officers, exactly_one, with_pdf = built_versions(data["period"])
    print(
        f"database: {officers} officers, {exactly_one} with exactly one packet version, "
        f"{with_pdf} versions with their PDF stored"
    )
    if not officers == exactly_one == with_pdf or job.failed or errors:
        mismatches.append(
            f"batch: {exactly_one} of {officers} officers have exactly one version, {with_pdf} "
            f"PDFs stored, {job.failed} failed, {len(errors)} worker errors"
        )
    snapshots = list(
        PacketVersion.objects.filter(packet__period=data["period"])
        .order_by("pk")
        .values_list("snapshot", flat=True)[: size["samples"]]
    )
    ours, bare, pages = compare_render(snapshots, repeats)
    same_pages = sum(a == b for a, b in pages)
    print(
        f"pdf: {len(snapshots)} packets x {repeats} repeats; pages ours/bare "
        f"{', '.join(f'{a}/{b}' for a, b in pages)} (equal for {same_pages} of {len(pages)})"
    )
    if same_pages != len(pages) or len(snapshots) != size["samples"]:
        mismatches.append(
            f"pdf: {len(snapshots)} samples of {size['samples']}, same page count for {same_pages}"
        )
    print(
        f"pdf render median: packet renderer {ours * 1000:.1f} ms, bare reportlab {bare * 1000:.1f} ms"
    )
    return verdict(
        NAME,
        ratio=ours / bare,
        target=TARGET,
        bigger_is_better=False,
        mismatches=mismatches,
        check=check,
    )


if __name__ == "__main__":
    run(NAME, main)
