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


def generate(size: dict) -> dict:
    """The roster for ``size['officers']`` officers, plus whatever input data the apps on
    this branch can hold; returns what was made and what is missing."""
    import datetime
    import random

    from roster.models import MOU, Agency, Assignment, District, EvaluationPeriod, Officer, School

    rng = random.Random(7)
    district = District.objects.create(code="BENCH", name="Benchmark Unified School District")
    period = EvaluationPeriod.objects.create(
        district=district,
        name="2026-27",
        start_date=datetime.date(2026, 8, 1),
        end_date=datetime.date(2027, 7, 31),
    )
    schools = School.objects.bulk_create(
        School(
            district=district,
            code=f"S{n:03d}",
            name=f"School {n:03d}",
            level="high",
            enrollment=rng.randint(300, 2500),
        )
        for n in range(max(10, size["officers"] // 2))
    )
    agencies = [
        Agency.objects.create(code=f"PD{n}", name=f"Police Department {n}") for n in range(2)
    ]
    for agency in agencies:
        MOU.objects.create(
            district=district, agency=agency, effective_date=datetime.date(2024, 7, 1)
        )
    first = ["Luis", "Linda", "Carl", "Maria", "Ana", "Sam", "Priya", "Omar"]
    last = [
        "Lee",
        "Reyes",
        "Chen",
        "Okafor",
        "Patel",
        "Moore",
        "Nguyen",
        "Young",
        "Ibarra",
        "Dawson",
    ]
    officers = Officer.objects.bulk_create(
        Officer(
            agency=agencies[n % 2],
            badge_number=str(1000 + n),
            first_name=rng.choice(first),
            last_name=rng.choice(last),
        )
        for n in range(size["officers"])
    )
    Assignment.objects.bulk_create(
        Assignment(
            officer=o, school=schools[n % len(schools)], start_date=datetime.date(2025, 8, 1)
        )
        for n, o in enumerate(officers)
    )
    made = {"officers": len(officers), "schools": len(schools)}
    made["enforcement actions"] = _activity(size["actions"], officers, schools, period, rng)
    made["training records"] = _training(
        size["training_records"], officers, list(MOU.objects.filter(district=district)), period, rng
    )
    assignments = [(o.pk, schools[n % len(schools)].pk) for n, o in enumerate(officers)]
    made["survey responses"] = _surveys(
        size["responses"], officers, schools, assignments, period, rng
    )
    # Flags and removal requests are read too (none raised: flag rules are not run here).
    missing: dict[str, str] = {}
    return {"period": period, "made": made, "missing": missing}


def _activity(total: int, officers, schools, period, rng) -> int:
    """``total`` enforcement actions on incidents spread over the officers and the year."""
    import datetime

    from activity.models import EnforcementAction, Incident

    def first_choice(name: str) -> str:
        return Incident._meta.get_field(name).choices[0][0]

    kinds = [
        "arrest",
        "citation",
        "referral",
        "warning",
        "restorative_conference",
        "diversion",
        "counselor_referral",
    ]
    fixed = {
        name: first_choice(name)
        for name in (
            "offense_category",
            "race_ethnicity",
            "sex",
            "disability",
            "english_learner",
            "grade",
        )
    }
    incidents = Incident.objects.bulk_create(
        Incident(
            agency_id=officer.agency_id,
            incident_number=f"B-{n:06d}",
            officer=officer,
            school=schools[n % len(schools)],
            date=period.start_date + datetime.timedelta(days=rng.randrange(300)),
            ordinary_discipline=rng.random() < 0.1,
            **fixed,
        )
        for n, officer in ((n, officers[n % len(officers)]) for n in range(total * 2 // 3))
    )
    # One outcome per incident, and a search on every second one (one action of a type per incident).
    actions = [
        EnforcementAction(incident=incident, action_type=rng.choice(kinds))
        for incident in incidents
    ]
    actions += [
        EnforcementAction(incident=incident, action_type="search")
        for incident in incidents[: total - len(actions)]
    ]
    EnforcementAction.objects.bulk_create(actions, batch_size=2000)
    return len(actions)


def _training(total: int, officers, mous, period, rng) -> int:
    """``total`` training records over ten courses, and a requirement per course in each MOU."""
    import datetime
    from decimal import Decimal

    from training_records.models import Category, Course, TrainingRecord, TrainingRequirement

    courses = Course.objects.bulk_create(
        Course(
            code=f"B-{n}",
            title=f"Benchmark course {n}",
            category=category,
            hours=Decimal(4 + n % 3 * 4),
            refresher_months=24,
        )
        for n, category in enumerate(Category.values)
    )
    TrainingRequirement.objects.bulk_create(
        TrainingRequirement(mou=mou, course=course, min_hours=Decimal("0"), refresh_months=24)
        for mou in mous
        for course in courses
    )
    records, seen = [], set()
    while len(records) < total:
        officer, course = rng.choice(officers), rng.choice(courses)
        day = (
            period.start_date
            - datetime.timedelta(days=365)
            + datetime.timedelta(days=rng.randrange(700))
        )
        if (officer.pk, course.pk, day) in seen:
            continue
        seen.add((officer.pk, course.pk, day))
        records.append(
            TrainingRecord(officer=officer, course=course, completed_on=day, hours=course.hours)
        )
    TrainingRecord.objects.bulk_create(records, batch_size=5000)
    return len(records)


def _surveys(total: int, officers, schools, assignments, period, rng) -> int:
    """``total`` anonymous responses about the officer of the respondent's school, written
    in bulk (``response_submit`` would spend a code each, which is not what is measured)."""
    import datetime

    from surveys.models import Answer, QuestionKind, RespondentGroup, Response
    from surveys.services import campaign_create

    campaign = campaign_create(
        district=period.district,
        period=period,
        name="Benchmark survey",
        opens_on=period.start_date + datetime.timedelta(days=30),
        closes_on=period.start_date + datetime.timedelta(days=90),
        schools=schools,
        officers=officers,
        groups=RespondentGroup.values,
        actor=None,
    )
    questions = {
        g.group: [q for q in g.template.questions.all() if q.kind == QuestionKind.AGREE]
        for g in campaign.groups.select_related("template")
    }
    officer_at = {}
    for officer_id, school_id in assignments:
        officer_at.setdefault(school_id, officer_id)
    weights = {"student": 6, "family": 2, "staff": 2, "peer": 1}
    groups = [g for g in questions if questions[g]]
    made = 0
    while made < total:
        batch = min(5000, total - made)
        responses, answers = [], []
        for _ in range(batch):
            group = rng.choices(groups, weights=[weights.get(g, 1) for g in groups])[0]
            school = rng.choice(schools)
            response = Response(campaign=campaign, group=group, school=school, language="en")
            responses.append(response)
            answers.extend(
                Answer(
                    response=response,
                    officer_id=officer_at[school.pk],
                    question=q,
                    number=rng.randint(1, 5),
                )
                for q in questions[group]
            )
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers, batch_size=5000)
        made += batch
    return made


_worker_ready = False


def _init_worker(database_url: str, media_root: str) -> None:
    global _worker_ready
    _setup_django(database_url, media_root)
    _worker_ready = True


def _ready(_: int) -> bool:
    time.sleep(0.05)
    return _worker_ready


def _run_item(item_id: int) -> float:
    from evaluations.services.packets import packet_build_item_run

    started = time.perf_counter()
    packet_build_item_run(item_id=item_id)
    return time.perf_counter() - started


def build_batch(period, database_url: str, media_root: str) -> tuple[float, float, object]:
    """The batch as the tasks run it: one assembly of every officer together, then
    each officer's store-and-render task on two processes (standing in for two
    Celery workers, they run the very function the task runs)."""
    from unittest import mock

    from evaluations.services.packets import packet_batch_assemble_run, packet_batch_start
    from evaluations.tasks.packets import packet_batch_assemble

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
    from evaluations.packets.pdf import cell_fits, cell_text, column_widths
    from evaluations.packets.snapshot import content_hash

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
    from evaluations.packets.pdf import render_packet_pdf

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
        from evaluations.models import PacketVersion

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
