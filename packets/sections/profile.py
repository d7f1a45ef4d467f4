"""Profile and assignments: who the officer is and where they served in the period."""

from __future__ import annotations

from hiring.contracts import assignments_with_selection
from packets.sections.base import BatchContext
from packets.sections.selection import selection_tables
from packets.snapshot import SectionContent, Table
from roster.models import Assignment


def collect(context: BatchContext) -> dict[int, SectionContent]:
    period = context.period
    assignments: dict[int, list[Assignment]] = {pk: [] for pk in context.officer_ids}
    rows = assignments_with_selection(
        Assignment.objects.filter(officer_id__in=context.officer_ids)
        .overlapping(period.start_date, period.end_date)
        .select_related("school")
        .order_by("officer_id", "start_date", "school__name")
    )
    for assignment in rows:
        assignments[assignment.officer_id].append(assignment)
    contents = {}
    for officer in context.officers:
        served = assignments[officer.pk]
        contents[officer.pk] = SectionContent(
            tables=[
                Table(
                    "Officer",
                    ["Field", "Value"],
                    [
                        ["Name", officer.full_name],
                        ["Badge number", officer.badge_number],
                        ["Agency", officer.agency.name],
                        ["District", period.district.name],
                        [
                            "Evaluation period",
                            f"{period.name} ({period.start_date} to {period.end_date})",
                        ],
                    ],
                    formats=["text", "text"],
                ),
                Table(
                    "Assignments during the period",
                    ["School", "Level", "Enrollment", "From", "Until"],
                    [
                        [
                            a.school.name,
                            a.school.get_level_display(),
                            a.school.enrollment,
                            a.start_date,
                            a.end_date or "ongoing",
                        ]
                        for a in served
                    ],
                    formats=["text", "text", "integer", "date", "text"],
                ),
                *selection_tables(served=served, period=period),
            ],
            notes=[] if served else ["No assignment to a school of the district in this period."],
            facts=[("Schools served", ", ".join(a.school.name for a in served) or "none")],
        )
    return contents
