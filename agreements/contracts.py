"""What other apps may read of the MOU record (docs/contracts.md): the SECURe
self-assessment reads it through ``mou_records_for_district``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agreements.models import Clause, MOUReview, MOUVersion, ReviewStatus
from roster.models import MOU


@dataclass(frozen=True)
class MOURecord:
    """One MOU in force: its version in force, its clauses and its reviews."""

    mou_id: int
    agency_name: str
    version_id: int | None
    version_number: int | None
    adopted_on: datetime.date | None
    # Clauses (``Clause`` values) the version in force has no wording for.
    clauses_missing: tuple[str, ...]
    bars_ordinary_discipline: bool
    last_review_id: int | None
    last_review_closed_on: datetime.date | None
    last_review_decision: str
    last_review_comment_count: int | None
    last_review_had_comment_window: bool
    next_review_due: datetime.date | None
    review_overdue: bool


def mou_records_for_district(*, district_id: int, on: datetime.date) -> list[MOURecord]:
    """The district's MOUs in force on ``on``, each with what SECURe's first step asks
    of it. A fixed number of queries whatever the number of MOUs."""
    mous = list(
        MOU.objects.filter(district_id=district_id)
        .in_force_on(on)
        .select_related("agency")
        .order_by("agency__name")
    )
    mou_ids = [m.pk for m in mous]
    in_force: dict[int, MOUVersion] = {}
    for version in (
        MOUVersion.objects.filter(mou_id__in=mou_ids, adopted_on__lte=on)
        .prefetch_related("clauses")
        .order_by("mou_id", "-adopted_on", "-number")
    ):
        in_force.setdefault(version.mou_id, version)
    last_closed: dict[int, MOUReview] = {}
    for review in MOUReview.objects.filter(
        mou_id__in=mou_ids, status=ReviewStatus.CLOSED, closed_on__lte=on
    ).order_by("mou_id", "-closed_on"):
        last_closed.setdefault(review.mou_id, review)
    records = []
    for mou in mous:
        version = in_force.get(mou.pk)
        worded = (
            {c.clause for c in version.clauses.all() if c.text_en.strip()} if version else set()
        )
        review = last_closed.get(mou.pk)
        records.append(
            MOURecord(
                mou_id=mou.pk,
                agency_name=mou.agency.name,
                version_id=version.pk if version else None,
                version_number=version.number if version else None,
                adopted_on=version.adopted_on if version else None,
                clauses_missing=tuple(c for c in Clause.values if c not in worded),
                bars_ordinary_discipline=bool(version and version.bars_ordinary_discipline),
                last_review_id=review.pk if review else None,
                last_review_closed_on=review.closed_on if review else None,
                last_review_decision=review.decision if review else "",
                last_review_comment_count=review.comment_count if review else None,
                last_review_had_comment_window=bool(review and review.comments_open_on),
                next_review_due=mou.next_review_date,
                review_overdue=bool(mou.next_review_date and mou.next_review_date < on),
            )
        )
    return records
