"""The public report as released: what the public page, CSV, XLSX and PDF read.

ARCHITECTURE.md (public figures): the public reads frozen releases, never live data,
so a reader can't difference today's figures against yesterday's. A release stores
the tables exactly as shown; the names of the schools and of the district are looked
up when read, since renaming a school changes no figure and needs no new release.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from activity.models import PublishedReport, ReportRelease
from roster.models import District, EvaluationPeriod, School

from .public_report import public_report_build
from .report_labels import DISTRICT_ROW, ENFORCEMENT_COLUMNS, row_label, table_text
from .report_tables import (
    BuiltReport,
    PublicReport,
    ReportCell,
    ReportRow,
    ReportTable,
    TrendYear,
    report_charts,
    suppressed_marker,
)


def tables_to_json(tables: Sequence[ReportTable]) -> list[dict]:
    return [
        {
            "slug": t.slug,
            "title": t.title,
            "description": t.description,
            "columns": list(t.columns),
            "rows": [
                {
                    "key": r.key,
                    "label": r.label,
                    "is_total": r.is_total,
                    "cells": [[c.text, c.value, c.suppressed] for c in r.cells],
                }
                for r in t.rows
            ],
        }
        for t in tables
    ]


def _tables_from_json(data: list[dict], school_names: dict[int, str]) -> tuple[ReportTable, ...]:
    """The stored figures with today's names and the words of the active language."""
    marker = suppressed_marker()

    def label(row: dict) -> str:
        key = row["key"]
        return (
            school_names.get(int(key), row["label"])
            if key.isdigit()
            else row_label(key, row["label"])
        )

    def table(t: dict) -> ReportTable:
        text = table_text(t["slug"])
        return ReportTable(
            t["slug"],
            text.title if text else t["title"],
            text.description if text else t["description"],
            text.columns if text else tuple(t["columns"]),
            tuple(
                ReportRow(
                    label(r),
                    tuple(
                        ReportCell(marker if hidden else text, value, hidden)
                        for text, value, hidden in r["cells"]
                    ),
                    is_total=r["is_total"],
                    key=r["key"],
                )
                for r in t["rows"]
            ),
        )

    return tuple(table(t) for t in data)


def released_report(*, release: ReportRelease) -> PublicReport:
    """The report a release froze, with today's school and district names."""
    keys = {int(r["key"]) for t in release.tables for r in t["rows"] if r["key"].isdigit()}
    names = dict(School.objects.filter(pk__in=keys).values_list("pk", "name"))
    tables = _tables_from_json(release.tables, names)
    period, district = release.period, release.district
    return PublicReport(
        district_code=district.code,
        district_name=district.name,
        period_name=period.name,
        start_date=period.start_date,
        end_date=period.end_date,
        threshold=release.threshold,
        tables=tables,
        charts=report_charts(tables),
        suppressed_count=len(release.hidden),
        released_on=timezone.localdate(release.created_at),
        release_number=release.number,
        data_as_of=release.data_as_of,
        held_back=release.held_back,
        trend=report_trend(district=district, up_to=period),
        contact_name=district.public_contact_name,
        contact_email=district.public_contact_email,
        contact_phone=district.public_contact_phone,
    )


# Where each headline figure sits in a stored release: (table slug, column index) on the
# district's row. Read from the tables as released, so a figure hidden there stays hidden.
TREND_CELLS = (
    ("enforcement", ENFORCEMENT_COLUMNS.index("arrest")),
    ("enforcement", ENFORCEMENT_COLUMNS.index("referral")),
    ("rates", 3),
    ("complaints", -1),
)


def report_trend(*, district: District, up_to: EvaluationPeriod) -> tuple[TrendYear, ...]:
    """The headline figures of every published school year of the district up to ``up_to``,
    oldest first, each from that year's latest release: published figures only, never live
    data, and a figure suppressed in its release stays suppressed here."""
    latest_number = (
        ReportRelease.objects.filter(period_id=OuterRef("period_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    published = PublishedReport.objects.filter(
        district=district, period__start_date__lte=up_to.start_date
    ).values("period_id")
    releases = (
        ReportRelease.objects.filter(period_id__in=published, number=Subquery(latest_number))
        .select_related("period")
        .order_by("period__start_date")
    )
    years = []
    for release in releases:
        tables = {t.slug: t for t in _tables_from_json(release.tables, {})}
        released_on = timezone.localdate(release.created_at)
        covered_to = release.data_as_of or min(released_on, release.period.end_date)
        years.append(_trend_year(tables, release.period, covered_to))
    return tuple(years)


def _trend_year(
    tables: dict[str, ReportTable], period: EvaluationPeriod, covered_to: datetime.date
) -> TrendYear:
    cells = tuple(
        next(r for r in tables[slug].rows if r.key == DISTRICT_ROW).cells[column]
        for slug, column in TREND_CELLS
    )
    return TrendYear(period.name, period.start_date, period.end_date, covered_to, cells)


def report_fingerprint(built: BuiltReport) -> str:
    """A digest of what the public would see (the threshold and every cell's text, by table,
    row and column): the preview carries it to the confirm step, so a release is stored
    only if it shows exactly what was previewed."""
    shown = [
        built.report.threshold,
        [(t.slug, r.key, [c.text for c in r.cells]) for t in built.report.tables for r in t.rows],
    ]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Preview:
    """The report as the next release would show it, computed and not stored."""

    report: PublicReport
    fingerprint: str
    after_release: int  # the latest release number now (0: none yet)
    held_back: int


def report_preview(*, district: District, period: EvaluationPeriod) -> Preview:
    """Exactly what publishing now would make public: today's data suppressed against every
    earlier release of the period, dated today; nothing is stored."""
    earlier = period_releases(period=period)
    built = public_report_build(
        district=district,
        period=period,
        earlier=[(release.counts, release.hidden) for release in earlier],
    )
    today = timezone.localdate()
    shown = built.report
    this_year = _trend_year({t.slug: t for t in shown.tables}, period, min(today, period.end_date))
    trend = tuple(
        year
        for year in report_trend(district=district, up_to=period)
        if year.period_name != period.name
    )
    report = dataclasses.replace(
        shown,
        released_on=today,
        release_number=(earlier[-1].number if earlier else 0) + 1,
        data_as_of=min(today, period.end_date),
        held_back=len(built.held_back),
        trend=(*trend, this_year),
        contact_name=district.public_contact_name,
        contact_email=district.public_contact_email,
        contact_phone=district.public_contact_phone,
    )
    return Preview(
        report,
        report_fingerprint(built),
        earlier[-1].number if earlier else 0,
        len(built.held_back),
    )


def period_releases(*, period: EvaluationPeriod) -> list[ReportRelease]:
    """Every release of the period, oldest first: all figures the public may have kept."""
    return list(
        ReportRelease.objects.filter(period=period)
        .select_related("district", "period")
        .order_by("number")
    )


def _latest(period_id: int) -> ReportRelease | None:
    return (
        ReportRelease.objects.filter(period_id=period_id)
        .select_related("district", "period")
        .order_by("-number")
        .first()
    )


def public_release(*, district_code: str, period_name: str) -> PublicReport | None:
    """The latest release of a published period; None when it isn't public (or has no
    release: a report published before releases existed must be published again)."""
    published = (
        PublishedReport.objects.filter(
            district__code__iexact=district_code, period__name=period_name
        )
        .only("period_id")
        .first()
    )
    release = _latest(published.period_id) if published else None
    return released_report(release=release) if release else None


def published_reports() -> list[PublishedReport]:
    releases = ReportRelease.objects.filter(period_id=OuterRef("period_id"))
    return list(
        PublishedReport.objects.filter(Exists(releases))
        .select_related("district", "period")
        .order_by("district__name", "-period__start_date")
    )
