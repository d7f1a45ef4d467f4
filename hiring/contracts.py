"""What other apps may read of hiring and selection (docs/contracts.md): packets
show each officer's selection record (date and outcome, never the panel's scores);
the SECURe self-assessment reads ``hiring_evidence_for_district``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from hiring.models import HiringGuideline, SelectionDecision, SelectionRecord, SelectionStatus
from roster.models import Assignment


@dataclass(frozen=True)
class SelectionOutcome:
    record_id: int
    school_name: str
    decided_on: datetime.date | None
    decision: str
    decision_label: str


@dataclass(frozen=True)
class HiringEvidence:
    guideline_id: int | None
    guideline_version: int | None
    guideline_published_on: datetime.date | None
    decided_records: int
    open_records: int
    officers_serving: int
    officers_serving_with_record: int


def selections_for_officers(*, officer_ids: list[int]) -> dict[int, SelectionOutcome | None]:
    """Each officer's latest decided selection in which they were selected; one query."""
    found: dict[int, SelectionOutcome | None] = dict.fromkeys(officer_ids)
    for record in (
        SelectionRecord.objects.filter(
            candidate_id__in=officer_ids,
            status=SelectionStatus.DECIDED,
            decision=SelectionDecision.SELECTED,
        )
        .select_related("school")
        .order_by("candidate_id", "-decided_on")
    ):
        if found.get(record.candidate_id) is None:
            found[record.candidate_id] = SelectionOutcome(
                record_id=record.pk,
                school_name=record.school.name,
                decided_on=record.decided_on,
                decision=record.decision,
                decision_label=record.get_decision_display(),
            )
    return found


def hiring_evidence_for_district(*, district_id: int, on: datetime.date) -> HiringEvidence:
    guideline = (
        HiringGuideline.objects.filter(district_id=district_id, published_on__lte=on)
        .order_by("-version")
        .first()
    )
    records = SelectionRecord.objects.filter(district_id=district_id)
    serving = Assignment.objects.filter(
        school__district_id=district_id, start_date__lte=on
    ).exclude(end_date__lt=on)
    return HiringEvidence(
        guideline_id=guideline.pk if guideline else None,
        guideline_version=guideline.version if guideline else None,
        guideline_published_on=guideline.published_on if guideline else None,
        decided_records=records.filter(status=SelectionStatus.DECIDED).count(),
        open_records=records.filter(status=SelectionStatus.OPEN).count(),
        officers_serving=serving.values("officer_id").distinct().count(),
        officers_serving_with_record=serving.filter(selection_record__isnull=False)
        .values("officer_id")
        .distinct()
        .count(),
    )
