from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from roster.models import EvaluationPeriod, Officer


@dataclass(frozen=True)
class BatchContext:
    """The officers of one batch (agency loaded) and the period (district loaded).

    ``shared`` keeps a selector's answer for the batch, so two sections reading the
    same contract (evaluations and commendations; enforcement and complaints) call
    it once.
    """

    period: EvaluationPeriod
    officers: tuple[Officer, ...]
    shared: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def officer_ids(self) -> list[int]:
        return [officer.pk for officer in self.officers]

    def once(self, key: str, read: Callable[[], Any]) -> Any:
        if key not in self.shared:
            self.shared[key] = read()
        return self.shared[key]


def day(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date for the packet: the local day of a timestamp, as text."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value.isoformat()


def label_of(value: str) -> str:
    """A readable label for a stored choice value such as ``de_escalation``."""
    return value.replace("_", " ").capitalize()
