"""The public report as released: what the public page, CSV, XLSX and PDF read.

ARCHITECTURE.md (public figures): the public reads frozen releases, never live data,
so a reader can't difference today's figures against yesterday's. A release stores
the tables exactly as shown; the names of the schools and of the district are looked
up when read, since renaming a school changes no figure and needs no new release.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef
from django.utils import timezone

from activity.models import PublishedReport, ReportRelease
from roster.models import EvaluationPeriod, School

from .report_tables import PublicReport, ReportCell, ReportRow, ReportTable, report_charts


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
    def label(row: dict) -> str:
        key = row["key"]
        return school_names.get(int(key), row["label"]) if key.isdigit() else row["label"]

    return tuple(
        ReportTable(
            t["slug"],
            t["title"],
            t["description"],
            tuple(t["columns"]),
            tuple(
                ReportRow(
                    label(r),
                    tuple(ReportCell(text, value, hidden) for text, value, hidden in r["cells"]),
                    is_total=r["is_total"],
                    key=r["key"],
                )
                for r in t["rows"]
            ),
        )
        for t in data
    )


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
