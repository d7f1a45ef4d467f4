"""The metrics flag rules can use, each computed for all of a district's officers at once.

A metric reads its source app through that app's contract selector (docs/contracts.md),
once per evaluation whatever the number of officers, and returns one ``MetricResult``
per officer. ``EvaluationContext.cached`` lets several rules share one selector call,
so an evaluation costs a fixed number of queries per rule, not per officer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from flags.models import FlagRule
    from roster.models import District, EvaluationPeriod


@dataclass(frozen=True)
class MetricResult:
    """One officer's figure for a rule; ``value`` None means "not enough data to judge"."""

    value: Decimal | None
    figures: dict[str, Any] = field(default_factory=dict)
    records: tuple[dict[str, Any], ...] = ()
    sample: int | None = None


@dataclass
class EvaluationContext:
    district: District
    period: EvaluationPeriod
    on: datetime.date
    officer_ids: list[int]
    _cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """One selector call per evaluation, shared by every rule that needs it."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def window_start(self, rule: FlagRule) -> datetime.date:
        """The first day a rule's window counts: N months back, never before the period."""
        if not rule.window_months:
            return self.period.start_date
        return max(self.period.start_date, self.on - relativedelta(months=rule.window_months))


Compute = Callable[["FlagRule", EvaluationContext], dict[int, MetricResult]]


@dataclass(frozen=True)
class MetricSpec:
    code: str
    label: str
    description: str
    compute: Compute
    unit: str = ""
    needs_question: bool = False
    uses_window: bool = False
    uses_min_sample: bool = False


REGISTRY: dict[str, MetricSpec] = {}


def register(spec: MetricSpec) -> MetricSpec:
    REGISTRY[spec.code] = spec
    return spec


def metric_spec(code: str) -> MetricSpec | None:
    return REGISTRY.get(code)


def metric_choices() -> list[tuple[str, str]]:
    return [(spec.code, spec.label) for spec in sorted(REGISTRY.values(), key=lambda s: s.label)]
