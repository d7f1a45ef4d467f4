"""The public report as plain frozen dataclasses, and the charts drawn from its tables.

The page, CSV, XLSX and PDF render these and nothing else; a stored release is read back
into them (``.releases``), so it redraws the same tables and charts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from activity.models.demographics import Dimension
from activity.suppression import SUPPRESSED


@dataclass(frozen=True)
class ReportCell:
    text: str
    value: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class ReportRow:
    label: str
    cells: tuple[ReportCell, ...]
    is_total: bool = False
    key: str = ""  # the school's id, or DISTRICT_ROW / NO_SCHOOL_ROW: names are looked up when read


@dataclass(frozen=True)
class ReportTable:
    slug: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[ReportRow, ...]


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class ReportChart:
    slug: str
    title: str
    description: str
    bars: tuple[ChartBar, ...]
    reference: float | None = None
    reference_label: str = ""


@dataclass(frozen=True)
class PublicReport:
    district_code: str
    district_name: str
    period_name: str
    start_date: datetime.date
    end_date: datetime.date
    threshold: int
    tables: tuple[ReportTable, ...]
    charts: tuple[ReportChart, ...]
    suppressed_count: int
    released_on: datetime.date | None = None
    release_number: int | None = None

    @property
    def suppressed_label(self) -> str:
        return SUPPRESSED

    @property
    def released_while_running(self) -> bool:
        """Released before the period's last day: the figures count incidents up to then."""
        return self.released_on is not None and self.released_on < self.end_date


@dataclass(frozen=True)
class BuiltReport:
    """A report and what a release stores with it: every count (hidden ones too) and the
    hidden cells, by "row|measure" key, and which cells the release rule held back."""

    report: PublicReport
    counts: dict[str, int]
    hidden: frozenset[str]
    held_back: frozenset[str]


def report_charts(tables: Sequence[ReportTable]) -> tuple[ReportChart, ...]:
    """The charts draw two columns of the tables, so a stored release redraws them."""
    rates = next(t for t in tables if t.slug == "rates")
    return (
        _chart_from_column(rates, 1, "arrests-per-1000", "Arrests per 1,000 students, by school"),
        _chart_from_column(
            next(t for t in tables if t.slug == f"relative-{Dimension.RACE_ETHNICITY}"),
            None,
            "relative-race",
            "Relative rate of arrest by race/ethnicity, all schools",
            reference=1.0,
            reference_label="1.00 = in proportion to enrollment",
        ),
    )


def _chart_from_column(
    table: ReportTable,
    column: int | None,
    slug: str,
    title: str,
    *,
    reference: float | None = None,
    reference_label: str = "",
) -> ReportChart:
    """Bars from one column of ``table`` (per school), or from its total row across columns."""
    if column is not None:
        pairs = [(row.label, row.cells[column]) for row in table.rows]
    else:
        total = next(row for row in table.rows if row.is_total)
        pairs = list(zip(table.columns[1:], total.cells, strict=True))
    bars = tuple(
        ChartBar(label, cell.value, "suppressed (small count)" if cell.suppressed else cell.text)
        for label, cell in pairs
    )
    shown = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return ReportChart(slug, title, f"{title}. {shown}.", bars, reference, reference_label)
