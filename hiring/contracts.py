"""What other apps may read of hiring and selection (docs/contracts.md): packets
show each officer's selection record (date and outcome, never the panel's scores);
the SECURe self-assessment reads ``hiring_evidence_for_district``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet

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


def selections_for_officers(
    *, officer_ids: list[int], decided_by: datetime.date | None = None
) -> dict[int, SelectionOutcome | None]:
    """Each officer's latest decided selection in which they were selected (decided on
    or before ``decided_by``, if given); one query. Never the panel's scores or notes."""
    found: dict[int, SelectionOutcome | None] = dict.fromkeys(officer_ids)
    records = SelectionRecord.objects.filter(
        candidate_id__in=officer_ids,
        status=SelectionStatus.DECIDED,
        decision=SelectionDecision.SELECTED,
    )
    if decided_by is not None:
        records = records.filter(decided_on__lte=decided_by)
    for record in records.select_related("school").order_by("candidate_id", "-decided_on", "-pk"):
        if found.get(record.candidate_id) is None:
            found[record.candidate_id] = SelectionOutcome(
                record_id=record.pk,
                school_name=record.school.name,
                decided_on=record.decided_on,
                decision=record.decision,
                decision_label=record.get_decision_display(),
            )
    return found


def assignments_with_selection(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """``queryset`` with each assignment's selection record (date and outcome) joined in,
    for ``selection_of_assignment``: no query of its own, so a packet's assembly keeps
    its fixed count. A selected officer's assignment links to its record."""
    return queryset.annotate(
        hiring_selection_id=F("selection_record__id"),
        hiring_selection_decided_on=F("selection_record__decided_on"),
        hiring_selection_decision=F("selection_record__decision"),
    )


def selection_of_assignment(assignment: Assignment) -> SelectionOutcome | None:
    """The selection record an assignment read through ``assignments_with_selection``
    links to, as date and outcome (never the panel's scores, notes or reason)."""
    record_id = getattr(assignment, "hiring_selection_id", None)
    if record_id is None:
        return None
    decision = getattr(assignment, "hiring_selection_decision", "")
    return SelectionOutcome(
        record_id=record_id,
        school_name=assignment.school.name,
        decided_on=getattr(assignment, "hiring_selection_decided_on", None),
        decision=decision,
        decision_label=SelectionDecision(decision).label if decision else "",
    )


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
