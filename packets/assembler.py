"""Assemble packet snapshots: every section once for all officers of a batch."""

from __future__ import annotations

from collections.abc import Iterable

from packets.sections import SECTIONS, BatchContext
from packets.snapshot import SCHEMA, SectionContent, plain
from roster.models import EvaluationPeriod, Officer


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


def assemble_snapshots(*, officer_ids: Iterable[int], period: EvaluationPeriod) -> dict[int, dict]:
    """Each officer's snapshot (see ``snapshot.py``), keyed by officer id.

    The number of queries depends on the number of sections, not on the number of
    officers, records, responses or actions.
    """
    officers = tuple(
        Officer.objects.filter(pk__in=list(officer_ids)).select_related("agency").order_by("pk")
    )
    context = BatchContext(period=period, officers=officers)
    collected = [(section, section.collect(context)) for section in SECTIONS]
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
            "summary": {"facts": plain(facts), "charts": charts},
            "sections": sections,
        }
    return snapshots
