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


def bare_pdf(snapshot: dict) -> bytes:
    """The plain way: SimpleDocTemplate on the packet's page size and margins, the
    sample style sheet at the packet's font sizes, the same text, tables (grid lines,
    the same column widths, a small table kept with its heading) and charts (with
    titles), the same page breaks; no page furniture. In the same embedded font as
    the packet (DejaVu Sans): both must print names beyond Latin-1."""
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    from core.pdf import FONT, escape_markup, sample_styles
    from packets.pdf import KEEP_TOGETHER_ROWS, cell_fits, cell_text, column_widths
    from packets.snapshot import content_hash

    sample = sample_styles()
    body = sample["BodyText"].clone("BareBody", fontSize=9, leading=12)
    styles = {
        "Title": sample["Title"].clone("BareTitle", fontSize=22, leading=28),
        "Name": sample["Heading1"].clone("BareName", fontSize=20, leading=26, alignment=1),
        "Heading1": sample["Heading1"].clone("BareH1", fontSize=15, spaceBefore=6),
        "Heading3": sample["Heading3"].clone("BareH3", fontSize=11, spaceBefore=8),
        "BodyText": body,
        "Centred": body.clone("BareCentred", alignment=1),
    }
    small = body.clone("Small", fontSize=8, leading=10)
    margin = 0.75 * inch

    def para(text, style="BodyText"):
        return Paragraph(escape_markup(text), styles[style])

    def table(rows, widths=None):
        texts = [[cell_text(v) for v in row] for row in rows]
        widths = widths or column_widths(texts, LETTER[0] - 2 * margin)
        result = Table(
            [
                [
                    t if cell_fits(t, w) else Paragraph(escape_markup(t), small)
                    for t, w in zip(row, widths, strict=False)
                ]
                for row in texts
            ],
            colWidths=widths,
            repeatRows=1,
            hAlign="LEFT",
        )
        result.setStyle(
            [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
        )
        return result

    def chart(spec):
        drawing = Drawing(3.4 * inch, 1.9 * inch)
        drawing.add(String(0, 1.9 * inch - 12, spec["title"], fontName=FONT))
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 90, 8, 3.4 * inch - 100, 1.9 * inch - 30
        bars.data = [[v or 0 for v in spec["values"]] or [0]]
        bars.categoryAxis.categoryNames = spec["labels"] or ["(none)"]
        bars.categoryAxis.labels.fontName = bars.valueAxis.labels.fontName = FONT
        drawing.add(bars)
        return drawing

    officer, period = snapshot["officer"], snapshot["period"]
    story = [
        Spacer(1, 1.6 * inch),
        para("Annual evaluation packet", "Title"),
        Spacer(1, 0.3 * inch),
        para(officer["name"], "Name"),
        Spacer(1, 0.3 * inch),
        para(f"Badge {officer['badge_number']}, {officer['agency_name']}", "Centred"),
        para(snapshot["district"]["name"], "Centred"),
        para(
            f"Evaluation period {period['name']}: {period['start']} to {period['end']}", "Centred"
        ),
        para(f"Content hash (sha256): {content_hash(snapshot)}", "Centred"),
        Spacer(1, 0.6 * inch),
        para("Confidential personnel record: share it only with the people entitled to review it."),
        PageBreak(),
        para("Summary", "Heading1"),
    ]
    if snapshot["summary"]["facts"]:
        story.append(
            table([["Measure", "Value"], *snapshot["summary"]["facts"]], [2.4 * inch, 4.6 * inch])
        )
    charts = [chart(spec) for spec in snapshot["summary"]["charts"]]
    if charts:
        story.append(Spacer(1, 8))
        story.append(
            Table(
                [
                    charts[i : i + 2] + [""] * (2 - len(charts[i : i + 2]))
                    for i in range(0, len(charts), 2)
                ],
                colWidths=[3.4 * inch + 6] * 2,
            )
        )
    else:
        story.append(para("No section of this packet has figures to chart."))
    story.append(PageBreak())
    for section in snapshot["sections"]:
        story.append(para(section["title"], "Heading1"))
        story.extend(para(note) for note in section["notes"])
        for t in section["tables"]:
            heading = para(t["title"], "Heading3")
            if not t["rows"]:
                story.extend([heading, para("None in this period.")])
            elif len(t["rows"]) < KEEP_TOGETHER_ROWS:
                story.append(KeepTogether([heading, table([t["columns"], *t["rows"]])]))
            else:
                story.extend([heading, table([t["columns"], *t["rows"]])])
        story.append(Spacer(1, 10))
    signatures = Table(
        [
            ["Role", "Name", "Signature", "Date"],
            ["Police supervisor", "", "", ""],
            ["Officer (acknowledges receipt)", officer["name"], "", ""],
        ],
        colWidths=[2.0 * inch, 1.9 * inch, 2.1 * inch, 1.0 * inch],
        rowHeights=[16, 34, 34],
    )
    signatures.setStyle(
        [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
    )
    story.append(
        KeepTogether(
            [
                para("Signatures", "Heading1"),
                para("The supervisor's signature locks this version of the packet."),
                Spacer(1, 6),
                signatures,
            ]
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
    ).build(story)
    return buffer.getvalue()


def _pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def compare_render(
    snapshots: list[dict], repeats: int
) -> tuple[float, float, list[tuple[int, int]]]:
    from packets.pdf import render_packet_pdf

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
