"""What releases hold, and the published rule of what of it may be shown.

A *cell* is one release's respondents from one school and group answering about
one officer; a release stores, per cell, its respondents and the count of each
answer value per question, split by on-time and late codes (``ReleasedCount``).
The rule (docs/surveys.md, "Suppression in detail"): a cell is shown with at least
k on-time respondents, a question of it with at least k on-time answers, and a
school and group's cells are all withheld when its response step would pin its
hidden ones. ``surveys.selectors.results`` builds every figure from shown cells only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from roster.models import District, EvaluationPeriod
from surveys.models import (
    RESPONDENTS_CODE,
    Question,
    QuestionKind,
    ReleasedCount,
    RespondentGroup,
    SurveyRelease,
)

RESPONDENTS = RESPONDENTS_CODE


@dataclass
class QuestionMeta:
    code: str
    kind: str
    text: dict[str, str]
    choices: tuple[dict, ...]
    position: int
    version: int


@dataclass(frozen=True)
class Cell:
    """One release's respondents from one school and group, about one officer."""

    release_id: int
    school_id: int
    officer_id: int
    group: str


@dataclass
class Tally:
    """A count split by whether the codes were on time."""

    total: int = 0
    on_time: int = 0

    def add(self, count: int, late: bool) -> None:
        self.total += count
        if not late:
            self.on_time += count


@dataclass
class CellCounts:
    respondents: Tally = field(default_factory=Tally)
    # question code -> value -> tally
    answers: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )

    def answered_on_time(self, code: str) -> int:
        return sum(t.on_time for t in self.answers.get(code, {}).values())


@dataclass
class Released:
    """What the releases of one period hold, as stored (nothing suppressed yet).

    ``k`` and ``comment_min`` are today's (or higher, see ``released_load``); each
    release also keeps its own of the day it was made (``release_k``,
    ``release_comment_min``), and its campaign's response step. A release is
    read with the higher of the two and shows only what it showed on release day
    as well, so a district changing k never makes more visible, and two views at
    two values of k show nothing the strongest reader of the first didn't have.
    """

    k: int
    comment_min: int
    period_id: int
    release_ids: tuple[int, ...]
    groups: list[str]
    questions: dict[str, list[QuestionMeta]]
    combined_codes: list[QuestionMeta]
    cells: dict[Cell, CellCounts]
    # (release, school, group) -> respondents of that school and group
    school_respondents: dict[tuple[int, int, str], Tally]
    release_k: dict[int, int] = field(default_factory=dict)
    release_comment_min: dict[int, int] = field(default_factory=dict)
    release_step: dict[int, int] = field(default_factory=dict)
    # (release, school, group) whose cells are all withheld (see blocks_withheld)
    withheld_blocks: frozenset[tuple[int, int, str]] = frozenset()

    def k_of(self, release_id: int) -> int:
        return max(self.k, self.release_k.get(release_id, self.k))

    def comment_min_of(self, release_id: int) -> int:
        return max(
            self.comment_min,
            self.release_comment_min.get(release_id, self.comment_min),
            self.k_of(release_id),
        )

    def step_of(self, release_id: int) -> int:
        return self.release_step.get(release_id, self.k)


def cell_shown(released: Released, cell: Cell) -> bool:
    if (cell.release_id, cell.school_id, cell.group) in released.withheld_blocks:
        return False
    return released.cells[cell].respondents.on_time >= released.k_of(cell.release_id)


def blocks_withheld(
    cells: dict[Cell, CellCounts],
    school_respondents: dict[tuple[int, int, str], Tally],
    k_of: Callable[[int], int],
    step_of: Callable[[int], int],
) -> frozenset[tuple[int, int, str]]:
    """The (release, school, group) blocks whose cells are all withheld, because the
    response rate would pin their hidden cells down.

    A coordinator sees each school and group's on-time responses as the step they
    fall in (``campaign_response_rates``: steps of the campaign's response step),
    and every response answers about at least one officer, so the step's lower end
    L says that the cells' on-time respondents add up to at least L. Take away the
    shown cells and what is left must come from the hidden ones: when that is as
    much as they can hold (k - 1 each), every hidden cell is pinned at k - 1. The
    exact audit found this (10 responses in the 10-14 step, a shown cell of 6, a
    hidden one of 4). Then no cell of the block is shown, so the shown part is no
    longer known. ``k_of`` and ``step_of`` give each release's k and step.
    """
    by_block: dict[tuple[int, int, str], list[CellCounts]] = defaultdict(list)
    for cell, counts in cells.items():
        if counts.respondents.total:
            by_block[(cell.release_id, cell.school_id, cell.group)].append(counts)
    withheld = set()
    for block, block_cells in by_block.items():
        k, step = k_of(block[0]), step_of(block[0])
        hidden = [c for c in block_cells if c.respondents.on_time < k]
        if not hidden:
            continue
        responses = school_respondents.get(block, Tally()).on_time
        lower_end = (responses // step) * step
        shown = sum(c.respondents.on_time for c in block_cells if c.respondents.on_time >= k)
        # A hidden cell holds at most k - 1, and the campaign promised its step as k.
        if lower_end - shown >= len(hidden) * (min(k, step) - 1):
            withheld.add(block)
    return frozenset(withheld)


def question_shown(released: Released, cell: Cell, code: str) -> bool:
    return cell_shown(released, cell) and released.cells[cell].answered_on_time(
        code
    ) >= released.k_of(cell.release_id)


def released_load(
    *,
    period: EvaluationPeriod,
    release_ids: Iterable[int] | None = None,
    at_least_k: int = 0,
    at_least_comment_min: int = 0,
) -> Released:
    """The stored counts of the period's releases (or of ``release_ids``); 4 queries.

    k and the comment minimum are the district's now, or the ``at_least_*`` given
    when higher: a stored snapshot read again never shows more than when it was made.
    """
    district = District.objects.only("survey_min_responses", "comment_min_responses").get(
        pk=period.district_id
    )
    k = max(district.survey_min_responses, at_least_k)
    comment_min = max(district.comment_min_responses, k, at_least_comment_min)
    releases = SurveyRelease.objects.filter(campaign__period=period)
    if release_ids is not None:
        releases = releases.filter(pk__in=list(release_ids))
    kept = {
        pk: (rk, rc, step)
        for pk, rk, rc, step in releases.values_list(
            "pk", "k", "comment_min", "campaign__response_step"
        )
    }
    ids = tuple(sorted(kept))

    questions: dict[str, dict[str, QuestionMeta]] = defaultdict(dict)
    rows = (
        (
            Question.objects.filter(template__campaign_groups__campaign__release__in=ids)
            .values_list(
                "template__group",
                "template__version",
                "code",
                "kind",
                "text",
                "choices",
                "position",
            )
            .distinct()
        )
        if ids
        else []
    )
    for group, version, code, kind, text, choices, position in rows:
        known = questions[group].get(code)
        if known is None or known.version < version:
            questions[group][code] = QuestionMeta(
                code, kind, text, tuple(choices), position, version
            )
    groups = [g for g in RespondentGroup.values if g in questions]
    ordered = {g: sorted(questions[g].values(), key=lambda q: q.position) for g in groups}
    kinds: dict[str, set[str]] = defaultdict(set)
    first: dict[str, QuestionMeta] = {}
    for g in groups:
        for q in ordered[g]:
            kinds[q.code].add(q.kind)
            first.setdefault(q.code, q)
    combined = [
        q for q in first.values() if q.kind != QuestionKind.TEXT and len(kinds[q.code]) == 1
    ]

    cells: dict[Cell, CellCounts] = defaultdict(CellCounts)
    school_respondents: dict[tuple[int, int, str], Tally] = defaultdict(Tally)
    counts = (
        (
            ReleasedCount.objects.filter(release__in=ids)
            .values_list(
                "release_id",
                "school_id",
                "officer_id",
                "group",
                "question_code",
                "value",
                "late",
                "count",
            )
            .order_by()
        )
        if ids
        else []
    )
    for release_id, school_id, officer_id, group, code, value, late, count in counts:
        if officer_id is None:
            school_respondents[(release_id, school_id, group)].add(count, late)
            continue
        cell = cells[Cell(release_id, school_id, officer_id, group)]
        if code == RESPONDENTS:
            cell.respondents.add(count, late)
        else:
            cell.answers[code][value].add(count, late)
    released = Released(
        k,
        comment_min,
        period.pk,
        ids,
        groups,
        ordered,
        combined,
        dict(cells),
        dict(school_respondents),
        release_k={pk: rk for pk, (rk, _, _) in kept.items()},
        release_comment_min={pk: rc for pk, (_, rc, _) in kept.items()},
        release_step={pk: step for pk, (_, _, step) in kept.items()},
    )
    released.withheld_blocks = blocks_withheld_now_and_then(released)
    return released


def blocks_withheld_now_and_then(released: Released) -> frozenset[tuple[int, int, str]]:
    """Blocks withheld at today's k, and those withheld on their release day."""
    then = blocks_withheld(
        released.cells,
        released.school_respondents,
        lambda r: released.release_k.get(r, released.k),
        released.step_of,
    )
    return then | blocks_withheld(
        released.cells, released.school_respondents, released.k_of, released.step_of
    )
