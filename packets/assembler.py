"""Assemble packet snapshots: every section once for all officers of a batch."""

from __future__ import annotations

from collections.abc import Iterable

from packets.headline.compose import summary_additions
from packets.headline.figures import flag_rows, period_figures, prior_figures
from packets.sections import SECTIONS, BatchContext
from packets.snapshot import SCHEMA, SectionContent, plain
from roster.models import EvaluationPeriod, Officer

# Year over year: the packet sets the officer beside at most this many earlier periods.
PRIOR_PERIODS = 2


def section_json(key: str, title: str, content: SectionContent) -> dict:
    found = {
        "key": key,
        "title": title,
        "notes": list(content.notes),
        "tables": [table.as_json() for table in content.tables],
    }
    if content.meta is not None:
        found["meta"] = plain(content.meta)
    return found


def earlier_periods(period: EvaluationPeriod) -> list[EvaluationPeriod]:
    """The same district's periods before this one, oldest first (one query)."""
    found = EvaluationPeriod.objects.filter(
        district_id=period.district_id, start_date__lt=period.start_date
    ).order_by("-start_date")[:PRIOR_PERIODS]
    return sorted(found, key=lambda p: p.start_date)


def assemble_snapshots(*, officer_ids: Iterable[int], period: EvaluationPeriod) -> dict[int, dict]:
    """Each officer's snapshot (see ``snapshot.py``), keyed by officer id.

    The number of queries depends on the number of sections and of earlier periods
    (at most PRIOR_PERIODS), not on the number of officers, records, responses or
    actions.
    """
    officers = tuple(
        Officer.objects.filter(pk__in=list(officer_ids)).select_related("agency").order_by("pk")
    )
    context = BatchContext(period=period, officers=officers)
    collected = [(section, section.collect(context)) for section in SECTIONS]
    by_key = {section.key: contents for section, contents in collected}
    figures = period_figures(context, surveys=by_key["surveys"])
    history = [
        prior_figures(BatchContext(period=earlier, officers=officers))
        for earlier in earlier_periods(period)
    ]
    snapshots = {}
    for officer in officers:
        facts: list = []
        charts: list = []
        sections = []
        for section, contents in collected:
            content = contents[officer.pk]
            facts.extend([label, value] for label, value in content.facts)
            charts.extend(chart.as_json() for chart in content.charts)
            sections.append(section_json(section.key, section.title, content))
        summary = {"facts": plain(facts), "charts": charts}
        summary.update(
            summary_additions(
                figures[officer.pk],
                [earlier[officer.pk] for earlier in history],
                flag_rows(by_key["flags"][officer.pk]),
            )
        )
        snapshots[officer.pk] = {
            "schema": SCHEMA,
            "officer": {
                "id": officer.pk,
                "name": officer.full_name,
                "badge_number": officer.badge_number,
                "agency_code": officer.agency.code,
                "agency_name": officer.agency.name,
            },
            "period": plain(
                {
                    "id": period.pk,
                    "name": period.name,
                    "start": period.start_date,
                    "end": period.end_date,
                }
            ),
            "district": {"code": period.district.code, "name": period.district.name},
            "summary": summary,
            "sections": sections,
        }
    return snapshots
