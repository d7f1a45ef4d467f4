"""Answers as favourable / neutral / unfavourable, for the stacked bars of reports."""

from __future__ import annotations

from dataclasses import dataclass

from surveys.models import FAVOURABLE_MIN, QuestionKind


@dataclass(frozen=True)
class Split:
    """A shown figure's answers as favourable / neutral / unfavourable counts and
    percentages of ``n`` (the stacked bar of a 360 report). Agree scales: 4-5, 3 and
    1-2; yes/no: yes and no (no neutral)."""

    n: int
    favourable: int
    neutral: int
    unfavourable: int

    def percent(self, count: int) -> float:
        return round(100 * count / self.n, 1)

    @property
    def percents(self) -> tuple[float, float, float]:
        return (
            self.percent(self.favourable),
            self.percent(self.neutral),
            self.percent(self.unfavourable),
        )


def answer_split(kind: str, n: int | None, distribution: dict[str, int] | None) -> Split | None:
    """The split of a shown agree or yes/no figure; None for hidden figures and other kinds."""
    if not n or distribution is None:
        return None
    if kind == QuestionKind.AGREE:
        favourable_min = FAVOURABLE_MIN[QuestionKind.AGREE]
        favourable = sum(distribution.get(str(v), 0) for v in range(favourable_min, 6))
        neutral = sum(distribution.get(str(v), 0) for v in range(3, favourable_min))
        return Split(n, favourable, neutral, n - favourable - neutral)
    if kind == QuestionKind.YES_NO:
        yes = distribution.get("yes", 0)
        return Split(n, yes, 0, n - yes)
    return None
