"""What the evidence evaluators share: the district and year asked about, each
contract's answer read once (so the whole checklist costs a fixed number of queries),
and how a finding links to the staff page that shows it."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from agreements.contracts import MOURecord, mou_records_for_district
from core.dates import today as local_today
from hiring.contracts import HiringEvidence, hiring_evidence_for_district
from roster.models import MOU, Agency, Assignment, EvaluationPeriod
from roster.models.organisations import MOUQuerySet


@dataclass(frozen=True)
class Finding:
    """An evidence key's answer: yes, partly or no, one line with its numbers, a link."""

    answer: str
    text: str
    url: str


def link(name: str, **kwargs: Any) -> str:
    """The staff page that shows a piece of evidence."""
    return reverse(name, kwargs=kwargs or None)


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


class EvidenceContext:
    """One district and school year. ``on`` is the day the figures stand: today in a
    running year, its last day once it has ended, its first before it starts."""

    def __init__(self, *, period: EvaluationPeriod, on: datetime.date | None = None) -> None:
        self.period = period
        self.district_id = period.district_id
        day = on or local_today()
        self.on = min(max(day, period.start_date), period.end_date)

    @functools.cached_property
    def prior_period(self) -> EvaluationPeriod | None:
        return (
            EvaluationPeriod.objects.filter(
                district_id=self.district_id, start_date__lt=self.period.start_date
            )
            .order_by("-start_date")
            .first()
        )

    @functools.cached_property
    def serving(self) -> dict[int, set[int]]:
        """Officers serving in the district's schools on ``on``, with those schools."""
        found: dict[int, set[int]] = {}
        for officer_id, school_id in (
            Assignment.objects.filter(school__district_id=self.district_id)
            .active_on(self.on)
            .values_list("officer_id", "school_id")
        ):
            found.setdefault(officer_id, set()).add(school_id)
        return found

    @functools.cached_property
    def mou_records(self) -> list[MOURecord]:
        return mou_records_for_district(district_id=self.district_id, on=self.on)

    @functools.cached_property
    def hiring(self) -> HiringEvidence:
        return hiring_evidence_for_district(district_id=self.district_id, on=self.on)

    @functools.cached_property
    def agencies_without_mou(self) -> list[str]:
        """Agencies the district works with that have no MOU in force on ``on``."""
        return list(
            Agency.objects.filter(districts__id=self.district_id)
            .exclude(mous__in=_mous_in_force(self.district_id, self.on))
            .order_by("name")
            .values_list("name", flat=True)
        )


def _mous_in_force(district_id: int, on: datetime.date) -> MOUQuerySet:
    return MOU.objects.filter(district_id=district_id).in_force_on(on)
