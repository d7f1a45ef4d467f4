"""The public activity report for a district and period, with suppression applied.

Built once into plain dataclasses; the page, CSV, XLSX and PDF only render them,
so every format shows exactly the same cells and hides exactly the same ones. The
public never reads a report built here directly: publishing stores it as a release
(``activity.services.reports``) and the public pages read that (``.releases``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from activity.models import ActionType, ComplaintStatus
from activity.models.demographics import DIMENSION_GROUPS
from activity.suppression import (
    SUPPRESSED,
    EarlierFigures,
    display,
    moved_too_little,
    suppressed_cells,
)
from roster.models import District, EvaluationPeriod, School

from .metrics import ActivityMetrics, school_metrics
from .report_labels import (
    ALTERNATIVE_COLUMNS,
    DISTRICT_ROW,
    ENFORCEMENT_COLUMNS,
    NO_SCHOOL_ROW,
    row_label,
    table_text,
)
from .report_tables import (
    BuiltReport,
    PublicReport,
    ReportCell,
    ReportRow,
    ReportTable,
    report_charts,
)

NOT_AVAILABLE = "—"


def cell_key(row_id: object, measure: str) -> str:
    return f"{row_id}|{measure}"


def _parse_key(key: str) -> tuple[object, str]:
    row, _, measure = key.partition("|")
    return (int(row) if row.isdigit() else row), measure


def _type_measure(action_type: str) -> str:
    return f"type:{action_type}"


def _group_measure(kind: str, dimension: str, value: str) -> str:
    return f"{kind}:{dimension}:{value}"


# Measures and table rows built in loops: each factory binds its loop values as
# arguments (a closure over the loop variable would see only the last one).
def _count_of(action_type: str) -> Callable[[ActivityMetrics], int]:
    return lambda m: m.counts_by_type[action_type]


def _rate_part_of(key: str, attribute: str) -> Callable[[ActivityMetrics], int]:
    return lambda m: getattr(m.relative_rates[key], attribute)


def _complaints_of(status: str) -> Callable[[ActivityMetrics], int]:
    return lambda m: m.complaints_by_outcome[status]


def _group_cells(
    b: _Builder, kind: str, dimension: str, values: Sequence[str], action_type: str
) -> Callable[[object, ActivityMetrics], list[ReportCell]]:
    return lambda r, m: [
        *(b.count_cell(r, _group_measure(kind, dimension, v)) for v in values),
        b.count_cell(r, _type_measure(action_type)),
    ]


def _relative_cells(
    b: _Builder, dimension: str, values: Sequence[str]
) -> Callable[[object, ActivityMetrics], list[ReportCell]]:
    return lambda r, m: [
        b.derived_cell(
            m.relative_rates[f"{dimension}:{v}"].relative_rate,
            [(r, _group_measure("arrest", dimension, v)), (r, _type_measure(ActionType.ARREST))],
            "{:.2f}",
        )
        for v in values
    ]


class _Builder:
    """Collects the report's counts and the lines that tie them together."""

    def __init__(
        self,
        rows: list[tuple[object, str, ActivityMetrics]],
        no_school: ActivityMetrics,
        threshold: int,
    ):
        self.rows = rows  # (row id, label, metrics), schools then the district
        self.no_school = no_school
        self.threshold = threshold
        self.counts: dict[tuple[object, str], int] = {}
        self.lines: list[tuple[list[tuple[object, str]], tuple[object, str]]] = []
        self.hidden: frozenset = frozenset()
        self.held_back: frozenset = frozenset()

    @property
    def school_ids(self) -> list[object]:
        return [row_id for row_id, _, _ in self.rows if row_id != DISTRICT_ROW]

    def add_measure(
        self,
        measure: str,
        value_of: Callable[[ActivityMetrics], int],
        *,
        with_no_school: bool = False,
    ) -> None:
        for row_id, _, metrics in self.rows:
            self.counts[(row_id, measure)] = value_of(metrics)
        members = [(row_id, measure) for row_id in self.school_ids]
        if with_no_school:
            self.counts[(NO_SCHOOL_ROW, measure)] = value_of(self.no_school)
            members.append((NO_SCHOOL_ROW, measure))
        self.lines.append((members, (DISTRICT_ROW, measure)))

    def add_row_line(self, members: list[str], total: str, *, with_no_school: bool = False) -> None:
        row_ids = [row_id for row_id, _, _ in self.rows] + (
            [NO_SCHOOL_ROW] if with_no_school else []
        )
        for row_id in row_ids:
            self.lines.append(([(row_id, m) for m in members], (row_id, total)))

    def suppress(self, earlier: Sequence[EarlierFigures]) -> None:
        self.hidden = suppressed_cells(
            self.counts, self.lines, threshold=self.threshold, earlier=earlier
        )
        self.held_back = frozenset(
            moved_too_little(self.counts, threshold=self.threshold, earlier=earlier)
        )

    def count_cell(self, row_id: object, measure: str) -> ReportCell:
        value = self.counts[(row_id, measure)]
        hidden = (row_id, measure) in self.hidden
        return ReportCell(display(value, hidden=hidden), None if hidden else value, hidden)

    def derived_cell(
        self, value: float | None, depends_on: list[tuple[object, str]], fmt: str
    ) -> ReportCell:
        if any(key in self.hidden for key in depends_on):
            # Built on a hidden count, the figure would give that count away.
            return ReportCell(SUPPRESSED, None, True)
        if value is None:
            return ReportCell(NOT_AVAILABLE, None)
        return ReportCell(fmt.format(value), value)

    def table(
        self,
        slug: str,
        cells: Callable[[object, ActivityMetrics], list[ReportCell]],
        *,
        with_no_school: bool = False,
    ) -> ReportTable:
        text = table_text(slug)
        assert text is not None, slug  # every table built here has its words in report_labels
        rows = []
        for row_id, label, metrics in self.rows:
            if row_id == DISTRICT_ROW and with_no_school:
                rows.append(
                    ReportRow(
                        row_label(NO_SCHOOL_ROW, ""),
                        tuple(cells(NO_SCHOOL_ROW, self.no_school)),
                        key=NO_SCHOOL_ROW,
                    )
                )
            rows.append(
                ReportRow(
                    label,
                    tuple(cells(row_id, metrics)),
                    is_total=row_id == DISTRICT_ROW,
                    key=str(row_id),
                )
            )
        return ReportTable(slug, text.title, text.description, text.columns, tuple(rows))


def public_report(*, district: District, period: EvaluationPeriod) -> PublicReport:
    """The report on today's data, suppressed on its own (no earlier release considered)."""
    return public_report_build(district=district, period=period).report


def public_report_build(
    *,
    district: District,
    period: EvaluationPeriod,
    earlier: Sequence[tuple[dict[str, int], list[str]]] = (),
) -> BuiltReport:
    """The report on today's data, suppressed so that it may follow the ``earlier``
    releases of the period ((counts, hidden) each, as stored): see activity/suppression.py."""
    schools = list(School.objects.filter(district=district).order_by("name"))
    data = school_metrics(period=period, school_ids=[s.pk for s in schools])
    rows = [(s.pk, s.name, data.schools[s.pk]) for s in schools] + [
        (DISTRICT_ROW, row_label(DISTRICT_ROW, ""), data.district)
    ]
    b = _Builder(rows, data.no_school, district.public_suppression_threshold)

    b.add_measure("incidents", lambda m: m.incidents)
    b.add_measure("with_outcome", lambda m: m.incidents_with_outcome)
    b.add_measure("alternative", lambda m: m.handled_with_alternative)
    b.add_measure("ordinary", lambda m: m.ordinary_discipline_count)
    for action_type in ActionType.values:
        b.add_measure(_type_measure(action_type), _count_of(action_type))
    for kind, action_type in (("arrest", ActionType.ARREST), ("referral", ActionType.REFERRAL)):
        for dimension, choices in DIMENSION_GROUPS.items():
            measures = []
            for value in choices.values:
                measure = _group_measure(kind, dimension, value)
                attribute = "arrests" if kind == "arrest" else "referrals"
                b.add_measure(measure, _rate_part_of(f"{dimension}:{value}", attribute))
                measures.append(measure)
            b.add_row_line(measures, _type_measure(action_type))
    for status in ComplaintStatus.values:
        b.add_measure(f"complaints:{status}", _complaints_of(status), with_no_school=True)
    b.add_measure("complaints:total", lambda m: m.complaints_total, with_no_school=True)
    b.add_row_line(
        [f"complaints:{s}" for s in ComplaintStatus.values], "complaints:total", with_no_school=True
    )
    b.suppress(
        [
            EarlierFigures(
                {_parse_key(k): v for k, v in counts.items()}, {_parse_key(k) for k in hidden}
            )
            for counts, hidden in earlier
        ]
    )

    tables = [
        b.table(
            "incidents",
            lambda r, m: [
                b.count_cell(r, "incidents"),
                b.count_cell(r, "with_outcome"),
                b.count_cell(r, "alternative"),
                b.count_cell(r, "ordinary"),
                *(b.count_cell(r, _type_measure(t)) for t in ALTERNATIVE_COLUMNS),
            ],
        ),
        b.table(
            "enforcement",
            lambda r, m: [b.count_cell(r, _type_measure(t)) for t in ENFORCEMENT_COLUMNS],
        ),
        b.table(
            "rates",
            lambda r, m: [
                ReportCell(str(m.enrollment), m.enrollment)
                if m.enrollment
                else ReportCell(NOT_AVAILABLE, None),
                b.derived_cell(
                    m.arrests_per_1000, [(r, _type_measure(ActionType.ARREST))], "{:.1f}"
                ),
                b.derived_cell(
                    m.referrals_per_1000, [(r, _type_measure(ActionType.REFERRAL))], "{:.1f}"
                ),
                b.derived_cell(
                    None if m.alternatives_share is None else 100 * m.alternatives_share,
                    [(r, "alternative"), (r, "with_outcome")],
                    "{:.0f}%",
                ),
            ],
        ),
    ]
    for kind, action_type in (("arrest", ActionType.ARREST), ("referral", ActionType.REFERRAL)):
        for dimension, choices in DIMENSION_GROUPS.items():
            tables.append(
                b.table(
                    f"{kind}-{dimension}",
                    _group_cells(b, kind, dimension, choices.values, action_type),
                )
            )
    for dimension, choices in DIMENSION_GROUPS.items():
        tables.append(
            b.table(
                f"relative-{dimension}",
                _relative_cells(b, dimension, choices.values),
            )
        )
    tables.append(
        b.table(
            "complaints",
            lambda r, m: [
                *(b.count_cell(r, f"complaints:{s}") for s in ComplaintStatus.values),
                b.count_cell(r, "complaints:total"),
            ],
            with_no_school=True,
        )
    )

    report = PublicReport(
        district_code=district.code,
        district_name=district.name,
        period_name=period.name,
        start_date=period.start_date,
        end_date=period.end_date,
        threshold=b.threshold,
        tables=tuple(tables),
        charts=report_charts(tables),
        suppressed_count=len(b.hidden),
    )
    return BuiltReport(
        report=report,
        counts={cell_key(*key): value for key, value in b.counts.items()},
        hidden=frozenset(cell_key(*key) for key in b.hidden),
        held_back=frozenset(cell_key(*key) for key in b.held_back),
    )
