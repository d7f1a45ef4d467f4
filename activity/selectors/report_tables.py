"""The public report as plain frozen dataclasses, and the charts drawn from its tables.

The page, CSV, XLSX and PDF render these and nothing else; a stored release is read back
into them (``.releases``), so it redraws the same tables and charts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from activity.models.demographics import Dimension


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
class TrendYear:
    """The headline figures of one published school year, as its latest release shows them."""

    period_name: str
    start_date: datetime.date
    end_date: datetime.date
    covered_to: datetime.date  # the last day its figures count
    cells: tuple[ReportCell, ...]  # arrests, referrals, alternatives' share, complaints

    @property
    def partial(self) -> bool:
        return self.covered_to < self.end_date


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
    data_as_of: datetime.date | None = None
    held_back: int = 0
    trend: tuple[TrendYear, ...] = ()
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""

    @property
    def suppressed_label(self) -> str:
        return suppressed_marker()

    @property
    def released_while_running(self) -> bool:
        """Released before the period's last day: the figures count incidents up to then."""
        return self.released_on is not None and self.released_on < self.end_date

    @property
    def covered_to(self) -> datetime.date:
        """The last day the figures count: the stored "data as of", else (a release made
        before it was stored) the release day in a running year, else the year's end."""
        if self.data_as_of is not None:
            return self.data_as_of
        if self.released_on is not None:
            return min(self.released_on, self.end_date)
        return self.end_date

    @property
    def partial(self) -> bool:
        """The school year was still running: the figures cover only its first part."""
        return self.covered_to < self.end_date

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


def suppressed_marker() -> str:
    """What a hidden cell reads, in the reader's language. One word for every hidden cell
    (activity.suppression.display says why), explained in each format's legend."""
    return _("suppressed")


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
        _chart_from_column(
            rates, 1, "arrests-per-1000", _("Arrests per 1,000 students, by school")
        ),
        _chart_from_column(
            next(t for t in tables if t.slug == f"relative-{Dimension.RACE_ETHNICITY}"),
            None,
            "relative-race",
            _("Relative rate of arrest by race/ethnicity, all schools"),
            reference=1.0,
            reference_label=_("1.00 = in proportion to enrollment"),
        ),
    )


def trend_measures() -> tuple[str, ...]:
    """The headline figures followed across the published years, in TrendYear.cells order."""
    return (
        _("Arrests"),
        _("Referrals to law enforcement"),
        _("Share handled with an alternative"),
        _("Complaints"),
    )


def trend_year_label(year: TrendYear) -> str:
    from django.utils.formats import date_format

    if not year.partial:
        return year.period_name
    return _("%(year)s (to %(day)s)") % {
        "year": year.period_name,
        "day": date_format(year.covered_to, "MONTH_DAY_FORMAT"),
    }


def trend_charts(trend: Sequence[TrendYear]) -> tuple[ReportChart, ...]:
    """Arrests and referrals year by year; a year whose figure is suppressed keeps its bar
    empty and says so, never a zero."""
    charts = []
    for index, slug in ((0, "trend-arrests"), (1, "trend-referrals")):
        title = _("%(figure)s, all schools, by school year") % {"figure": trend_measures()[index]}
        bars = tuple(
            ChartBar(
                trend_year_label(year),
                year.cells[index].value,
                _hidden_bar_text() if year.cells[index].suppressed else year.cells[index].text,
            )
            for year in trend
        )
        shown = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
        charts.append(ReportChart(slug, title, f"{title}. {shown}.", bars))
    return tuple(charts)


def _hidden_bar_text() -> str:
    return _("%(marker)s (small count)") % {"marker": suppressed_marker()}


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
        ChartBar(label, cell.value, _hidden_bar_text() if cell.suppressed else cell.text)
        for label, cell in pairs
    )
    shown = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return ReportChart(slug, title, f"{title}. {shown}.", bars, reference, reference_label)
