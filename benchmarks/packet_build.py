"""Benchmark: batch packet builds with two worker processes, and PDF render cost.

Builds its own seeded data in a throwaway database (SQLite in a temporary folder,
or a fresh PostgreSQL database next to ``--database-url``), then:

1. builds every officer's packet through the batch path (one job, one item per
   officer) with two processes, each running the per-officer function the Celery
   task runs, and prints the total time;
2. renders sample packets' PDFs with ``PacketPdfRenderer`` and, alternately, a bare
   reportlab document with the same pages, tables and charts, and prints the ratio
   of the medians.

Run from the repository root: ``.venv/bin/python benchmarks/packet_build.py [--quick]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from packet_build_data import generate

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5
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


def _setup_django(database_url: str, media_root: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = media_root
    os.environ["CONN_MAX_AGE"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # Two writer processes: take the write lock at BEGIN and wait for it,
        # instead of failing when a read transaction has to upgrade.
        settings.DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "timeout": 60}
        )


def _throwaway_postgres(url: str) -> tuple[str, str]:
    import psycopg

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'sro360'}_bench_{os.getpid()}"
    admin = urlunparse(parsed._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path=f"/{name}")), name


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    admin = urlunparse(urlparse(url)._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_worker_ready = False


def _init_worker(database_url: str, media_root: str) -> None:
    global _worker_ready
    _setup_django(database_url, media_root)
    _worker_ready = True


def _ready(_: int) -> bool:
    time.sleep(0.05)
    return _worker_ready


def _run_item(item_id: int) -> float:
    from packets.services.batches import packet_build_item_run

    started = time.perf_counter()
    packet_build_item_run(item_id=item_id)
    return time.perf_counter() - started


def build_batch(period, database_url: str, media_root: str) -> tuple[float, float, object]:
    """The batch as the tasks run it: one assembly of every officer together, then
    each officer's store-and-render task on two processes (standing in for two
    Celery workers, they run the very function the task runs)."""
    from unittest import mock

    from packets.services.batches import packet_batch_assemble_run, packet_batch_start
    from packets.tasks import packet_batch_assemble

    with mock.patch.object(packet_batch_assemble, "apply_async"):
        job = packet_batch_start(period=period, started_by=None, enforce_rights=False)
    context = multiprocessing.get_context("spawn")
    with context.Pool(2, initializer=_init_worker, initargs=(database_url, media_root)) as pool:
        # Both processes are up (Django set up) before the clock starts, as workers would be.
        pool.map(_ready, range(8), chunksize=1)
        started = time.perf_counter()
        item_ids = packet_batch_assemble_run(job_id=job.pk)
        assembled = time.perf_counter() - started
        pool.map(_run_item, item_ids, chunksize=1)
        elapsed = time.perf_counter() - started
    job.refresh_from_db()
    return elapsed, assembled, job


def bare_pdf(snapshot: dict) -> bytes:
    """The plain way: SimpleDocTemplate, the sample style sheet, the same text, tables
    (with grid lines) and charts (with titles), no page furniture. In the same embedded
    font as the packet (DejaVu Sans): both must print names beyond Latin-1."""
    import io

    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import inch
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from core.pdf import FONT, escape_markup, sample_styles
    from packets.pdf import cell_fits, cell_text, column_widths
    from packets.snapshot import content_hash

    styles = sample_styles()

    def para(text, style="BodyText"):
        return Paragraph(escape_markup(text), styles[style])

    small = styles["BodyText"].clone("Small", fontSize=8, leading=10)

    def table(rows):
        # The same 8 pt text and column widths as the packet, so both fill the same pages.
        texts = [[cell_text(v) for v in row] for row in rows]
        widths = column_widths(texts, A4[0] - 2 * inch)
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
        )
        result.setStyle(
            [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("FONT", (0, 0), (-1, -1), FONT, 8)]
        )
        return result

    def chart(spec):
        drawing = Drawing(240, 140)
        drawing.add(String(0, 128, spec["title"], fontName=FONT))
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 90, 8, 140, 110
        bars.data = [[v or 0 for v in spec["values"]] or [0]]
        bars.categoryAxis.categoryNames = spec["labels"] or ["(none)"]
        bars.categoryAxis.labels.fontName = bars.valueAxis.labels.fontName = FONT
        drawing.add(bars)
        return drawing

    officer, period = snapshot["officer"], snapshot["period"]
    story = [
        para("Annual evaluation packet", "Title"),
        para(officer["name"], "Heading1"),
        para(f"Badge {officer['badge_number']}, {officer['agency_name']}"),
        para(snapshot["district"]["name"]),
        para(f"Evaluation period {period['name']}: {period['start']} to {period['end']}"),
        para(f"Content hash (sha256): {content_hash(snapshot)}"),
        para("Confidential personnel record."),
        PageBreak(),
        para("Summary", "Heading1"),
    ]
    if snapshot["summary"]["facts"]:
        story.append(table([["Measure", "Value"], *snapshot["summary"]["facts"]]))
    charts = [chart(spec) for spec in snapshot["summary"]["charts"]]
    if charts:
        story.append(
            Table(
                [
                    charts[i : i + 2] + [""] * (2 - len(charts[i : i + 2]))
                    for i in range(0, len(charts), 2)
                ]
            )
        )
    story.append(PageBreak())
    for section in snapshot["sections"]:
        story.append(para(section["title"], "Heading1"))
        story.extend(para(note) for note in section["notes"])
        for t in section["tables"]:
            story.append(para(t["title"], "Heading3"))
            story.append(
                table([t["columns"], *t["rows"]]) if t["rows"] else para("None in this period.")
            )
    story.append(para("Signatures", "Heading1"))
    story.append(
        table(
            [
                ["Role", "Name", "Signature", "Date"],
                ["Police supervisor", "", "", ""],
                ["Officer", officer["name"], "", ""],
            ]
        )
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(story)
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
    for _ in range(repeats):
        for snapshot in snapshots:
            # Alternate the sides so background load falls on both.
            started = time.perf_counter()
            render_packet_pdf(snapshot)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_pdf(snapshot)
            bare.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(bare), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="A smaller size that finishes within 60 s."
    )
    parser.add_argument(
        "--database-url", help="Run on PostgreSQL: a throwaway database is made beside this one."
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    workdir = tempfile.mkdtemp(prefix="packet-bench-")
    media_root = str(Path(workdir) / "media")
    pg_name = None
    if args.database_url:
        database_url, pg_name = _throwaway_postgres(args.database_url)
    else:
        database_url = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
    try:
        _setup_django(database_url, media_root)
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", interactive=False, verbosity=0)
        started = time.perf_counter()
        data = generate(size)
        print(f"data: {data['made']} in {time.perf_counter() - started:.1f} s")
        for what, why in data["missing"].items():
            print(f"missing: {what} ({why})")
        connections.close_all()
        elapsed, assembled, job = build_batch(data["period"], database_url, media_root)
        print(
            f"batch: {job.done} built, {job.failed} failed of {job.total} officers with 2 worker processes "
            f"in {elapsed:.2f} s total ({assembled:.2f} s assembling every snapshot together, then "
            f"{(elapsed - assembled) / max(job.total, 1) * 1000:.0f} ms per officer to store and render on 2 workers)"
        )
        for reason in job.failures[:5]:
            print(f"  failure: {reason}")
        from packets.models import PacketVersion

        snapshots = list(
            PacketVersion.objects.filter(packet__period=data["period"])
            .order_by("pk")
            .values_list("snapshot", flat=True)[: size["samples"]]
        )
        ours, bare, pages = compare_render(snapshots, args.repeats)
        same_pages = sum(a == b for a, b in pages)
        print(
            f"pdf: {len(snapshots)} packets x {args.repeats} repeats; pages ours/bare {pages[0][0]}/{pages[0][1]} "
            f"(equal for {same_pages} of {len(pages)})"
        )
        print(
            f"pdf render median: packet renderer {ours * 1000:.1f} ms, bare reportlab {bare * 1000:.1f} ms"
        )
        ratio = ours / bare
        print(f"packet_build: ratio {ratio:.2f} (target <= {TARGET})")
        return 0 if ratio <= TARGET and not job.failed else 1
    finally:
        if pg_name:
            from django.db import connections

            connections.close_all()
            _drop_postgres(args.database_url, pg_name)


if __name__ == "__main__":
    sys.exit(main())
