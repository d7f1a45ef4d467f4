from __future__ import annotations

from dataclasses import dataclass

from roster.models import EvaluationPeriod, Officer


@dataclass(frozen=True)
class BatchContext:
    """The officers of one batch (agency loaded) and the period (district loaded)."""

    period: EvaluationPeriod
    officers: tuple[Officer, ...]

    @property
    def officer_ids(self) -> list[int]:
        return [officer.pk for officer in self.officers]


