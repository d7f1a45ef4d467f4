"""Anonymous aggregation, read from releases: per officer, school, period and group.

Every figure comes from releases (``SurveyRelease``: counts stored when a campaign's
results were released), never from live responses, so nothing a role can see moves
between two reads except when a whole release arrives. The counts are stored raw
and suppressed here, at read time, so a district that raises k or the comment
minimum sees it applied to every release already made.

Suppression (ARCHITECTURE.md, anonymity invariants 3-5) works on *cells*: one
release's respondents from one school and group answering about one officer. A
cell is shown only when at least k of its respondents used on-time codes (late
codes can't pad a group over k), and a question of a shown cell only when at least
k on-time respondents answered it. Every figure anybody sees — an officer's group,
an officer's groups together, a school, the district — is the sum of *shown* cells
and nothing else: a hidden cell adds to no total, so no subtraction of one figure
from another, on one page or across pages, releases or packet versions, can say
anything about it. ``surveys.disclosure`` proves that with an exact solver over
every figure a role can see, before each release and in the test suite.

A figure some of whose cells are hidden says so (``partial``); one with no shown
cell but hidden ones is suppressed; comments only come from cells with at least
``comment_min_responses`` on-time respondents, sorted by text so their order says
nothing about who wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from roster.models import District, EvaluationPeriod
from surveys.models import (
    FAVOURABLE_MIN,
    RESPONDENTS_CODE,
    Question,
    QuestionKind,
    ReleasedComment,
    ReleasedCount,
    RespondentGroup,
    SurveyRelease,
)

RESPONDENTS = RESPONDENTS_CODE
ALL_GROUPS = "*"


@dataclass(frozen=True)
class Figure:
    """One shown-or-hidden figure. Hidden: every number is None and ``suppressed``."""

    n: int | None
    distribution: dict[str, int] | None
    mean: float | None
    percent_favourable: float | None
    suppressed: bool
    partial: bool = False


@dataclass(frozen=True)
class QuestionResult:
    code: str
    kind: str
    text: dict[str, str]
    choices: tuple[dict, ...]
    n: int | None
    distribution: dict[str, int] | None
    mean: float | None
    percent_favourable: float | None
    suppressed: bool
    district: Figure | None
    partial: bool = False

    def text_in(self, language: str = "en") -> str:
        return self.text.get(language) or self.text.get("en", self.code)


@dataclass(frozen=True)
class GroupResults:
    group: str
    label: str
    respondents: int | None
    suppressed: bool
    questions: tuple[QuestionResult, ...]
    district_respondents: int | None
    comments: tuple[str, ...] = ()
    comments_withheld: bool = False
    partial: bool = False


@dataclass(frozen=True)
class OfficerSurveyResults:
    """One officer's survey results for a period, suppression already applied.

    ``groups`` has every respondent group the period's released campaigns asked
    (an officer nobody answered about gets zero respondents, not a missing key);
    ``all_groups`` combines the groups question by question (shared codes).
    ``release_ids`` are the releases read: a stored snapshot keeps them so that it
    can be read again later, with the district's k of that day.
    """

    officer_id: int
    period_id: int
    k: int
    comment_min: int
    groups: dict[str, GroupResults]
    all_groups: GroupResults | None
    release_ids: tuple[int, ...] = ()

    @property
    def respondents(self) -> int | None:
        return self.all_groups.respondents if self.all_groups else 0


@dataclass(frozen=True)
class SchoolSurveyResults:
    school_id: int
    period_id: int
    k: int
    comment_min: int
    groups: dict[str, GroupResults]
    release_ids: tuple[int, ...] = ()


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
    answers: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))

    def answered_on_time(self, code: str) -> int:
        return sum(t.on_time for t in self.answers.get(code, {}).values())


@dataclass
class Released:
    """What the releases of one period hold, as stored (nothing suppressed yet)."""

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
    # (release, school, group) whose cells are all withheld (see blocks_withheld)
    withheld_blocks: frozenset[tuple[int, int, str]] = frozenset()

    def kind_of(self, group: str, code: str) -> str:
        for q in self.questions.get(group, ()):
            if q.code == code:
                return q.kind
        return QuestionKind.TEXT


def cell_shown(released: Released, cell: Cell) -> bool:
    if (cell.release_id, cell.school_id, cell.group) in released.withheld_blocks:
        return False
    return released.cells[cell].respondents.on_time >= released.k


def blocks_withheld(
    cells: dict[Cell, CellCounts], school_respondents: dict[tuple[int, int, str], Tally], k: int
) -> frozenset[tuple[int, int, str]]:
    """The (release, school, group) blocks whose cells are all withheld, because the
    response rate would pin their hidden cells down.

    A coordinator sees each school and group's on-time responses as the step of k
    they fall in (``campaign_response_rates``), and every response answers about at
    least one officer, so the step's lower end L says that the cells' on-time
    respondents add up to at least L. Take away the shown cells and what is left must come from the
    hidden ones: when that is as much as they can hold (k - 1 each), every hidden
    cell is pinned at k - 1. The exact audit found this (10 responses in the
    10-14 step, a shown cell of 6, a hidden one of 4). Then no cell of the block
    is shown, so the shown part is no longer known.
    """
    by_block: dict[tuple[int, int, str], list[CellCounts]] = defaultdict(list)
    for cell, counts in cells.items():
        if counts.respondents.total:
            by_block[(cell.release_id, cell.school_id, cell.group)].append(counts)
    withheld = set()
    for block, block_cells in by_block.items():
        hidden = [c for c in block_cells if c.respondents.on_time < k]
        if not hidden:
            continue
        responses = school_respondents.get(block, Tally()).on_time
        lower_end = (responses // k) * k
        shown = sum(c.respondents.on_time for c in block_cells if c.respondents.on_time >= k)
        if lower_end - shown >= len(hidden) * (k - 1):
            withheld.add(block)
    return frozenset(withheld)


def question_shown(released: Released, cell: Cell, code: str) -> bool:
    return cell_shown(released, cell) and released.cells[cell].answered_on_time(code) >= released.k


def school_respondents_shown(released: Released, key: tuple[int, int, str]) -> bool:
    """A school's respondents in a group, when it adds nothing to what its shown cells say:
    at least k on time, and every cell of that school and group shown."""
    release_id, school_id, group = key
    if released.school_respondents[key].on_time < released.k:
        return False
    return all(
        cell_shown(released, cell)
        for cell, counts in released.cells.items()
        if (cell.release_id, cell.school_id, cell.group) == key and counts.respondents.total > 0
    )


@dataclass
class _Sum:
    """A figure being added up from shown cells; ``hidden`` when some part was left out."""

    n: int = 0
    distribution: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hidden: bool = False


@dataclass
class _Figures:
    released: Released
    sums: dict[tuple, _Sum] = field(default_factory=lambda: defaultdict(_Sum))


def released_load(
    *, period: EvaluationPeriod, release_ids: Iterable[int] | None = None, at_least_k: int = 0,
    at_least_comment_min: int = 0,
) -> Released:
    """The stored counts of the period's releases (or of ``release_ids``); 4 queries.

    k and the comment minimum are the district's now, or the ``at_least_*`` given
    when higher: a stored snapshot read again never shows more than when it was made.
    """
    district = District.objects.only("survey_min_responses", "comment_min_responses").get(pk=period.district_id)
    k = max(district.survey_min_responses, at_least_k)
    comment_min = max(district.comment_min_responses, k, at_least_comment_min)
    releases = SurveyRelease.objects.filter(campaign__period=period)
    if release_ids is not None:
        releases = releases.filter(pk__in=list(release_ids))
    ids = tuple(sorted(releases.values_list("pk", flat=True)))

    questions: dict[str, dict[str, QuestionMeta]] = defaultdict(dict)
    rows = (
        Question.objects.filter(template__campaign_groups__campaign__release__in=ids)
        .values_list("template__group", "template__version", "code", "kind", "text", "choices", "position")
        .distinct()
    ) if ids else []
    for group, version, code, kind, text, choices, position in rows:
        known = questions[group].get(code)
        if known is None or known.version < version:
            questions[group][code] = QuestionMeta(code, kind, text, tuple(choices), position, version)
    groups = [g for g in RespondentGroup.values if g in questions]
    ordered = {g: sorted(questions[g].values(), key=lambda q: q.position) for g in groups}
    kinds: dict[str, set[str]] = defaultdict(set)
    first: dict[str, QuestionMeta] = {}
    for g in groups:
        for q in ordered[g]:
            kinds[q.code].add(q.kind)
            first.setdefault(q.code, q)
    combined = [q for q in first.values() if q.kind != QuestionKind.TEXT and len(kinds[q.code]) == 1]

    cells: dict[Cell, CellCounts] = defaultdict(CellCounts)
    school_respondents: dict[tuple[int, int, str], Tally] = defaultdict(Tally)
    counts = (
        ReleasedCount.objects.filter(release__in=ids)
        .values_list("release_id", "school_id", "officer_id", "group", "question_code", "value", "late", "count")
        .order_by()
    ) if ids else []
    for release_id, school_id, officer_id, group, code, value, late, count in counts:
        if officer_id is None:
            school_respondents[(release_id, school_id, group)].add(count, late)
            continue
        cell = cells[Cell(release_id, school_id, officer_id, group)]
        if code == RESPONDENTS:
            cell.respondents.add(count, late)
        else:
            cell.answers[code][value].add(count, late)
    return Released(
        k, comment_min, period.pk, ids, groups, ordered, combined, dict(cells), dict(school_respondents),
        blocks_withheld(cells, school_respondents, k),
    )


def _add(figures: _Figures, key: tuple, tally_by_value: dict[str, Tally], shown: bool) -> None:
    """Add a cell's part to a figure, or mark the figure as leaving a part out.

    A part left out marks the figure even when it is empty: showing "0" for a
    hidden cell's unanswered question would pin that count down.
    """
    total = figures.sums[key]
    if not shown:
        total.hidden = True
        return
    n = sum(t.total for t in tally_by_value.values())
    total.n += n
    for value, tally in tally_by_value.items():
        total.distribution[value] += tally.total


def figures_build(released: Released) -> _Figures:
    """Every figure a page may show, each the sum of shown cells only."""
    figures = _Figures(released)
    combined = {q.code for q in released.combined_codes}
    for cell, counts in released.cells.items():
        if counts.respondents.total == 0:
            continue
        shown = cell_shown(released, cell)
        respondents = {"": counts.respondents}
        for scope in (("o", cell.officer_id, cell.group), ("o", cell.officer_id, ALL_GROUPS)):
            _add(figures, (*scope, RESPONDENTS), respondents, shown)
        for q in released.questions.get(cell.group, ()):
            code = q.code
            by_value = counts.answers.get(code, {})
            q_shown = question_shown(released, cell, code)
            keys = [("o", cell.officer_id, cell.group, code), ("s", cell.school_id, cell.group, code),
                    ("d", cell.group, code)]
            if code in combined:
                keys.append(("o", cell.officer_id, ALL_GROUPS, code))
            for key in keys:
                _add(figures, key, by_value, q_shown)
    for key, tally in released.school_respondents.items():
        _release_id, school_id, group = key
        shown = school_respondents_shown(released, key)
        for figure_key in (("s", school_id, group, RESPONDENTS), ("d", group, RESPONDENTS)):
            _add(figures, figure_key, {"": tally}, shown)
    return figures


def _figure(figures: _Figures, key: tuple, kind: str) -> Figure:
    found = figures.sums.get(key)
    if found is None:
        return Figure(0, None, None, None, False)
    n, dist = found.n, found.distribution
    if n == 0:
        return Figure(None, None, None, None, True) if found.hidden else Figure(0, None, None, None, False)
    partial = found.hidden
    if kind == QuestionKind.TEXT:
        return Figure(n, None, None, None, False, partial)
    if kind == QuestionKind.AGREE:
        distribution = {str(v): dist.get(str(v), 0) for v in range(1, 6)}
        mean = round(sum(v * distribution[str(v)] for v in range(1, 6)) / n, 2)
        favourable = sum(distribution[str(v)] for v in range(FAVOURABLE_MIN[QuestionKind.AGREE], 6))
        return Figure(n, distribution, mean, round(100 * favourable / n, 1), False, partial)
    if kind == QuestionKind.YES_NO:
        distribution = {"yes": dist.get("yes", 0), "no": dist.get("no", 0)}
        return Figure(n, distribution, None, round(100 * distribution["yes"] / n, 1), False, partial)
    return Figure(n, dict(sorted(dist.items())), None, None, False, partial)


def _question(figures: _Figures, q: QuestionMeta, key: tuple, district_key: tuple | None) -> QuestionResult:
    own = _figure(figures, key, q.kind)
    district = _figure(figures, district_key, q.kind) if district_key else None
    return QuestionResult(
        q.code, q.kind, q.text, q.choices, own.n, own.distribution, own.mean,
        own.percent_favourable, own.suppressed, district, own.partial,
    )


def _group(
    figures: _Figures, scope: tuple, group: str, questions: list[QuestionMeta], *,
    comments: tuple[str, ...] = (), withheld: bool = False, district: bool = True,
) -> GroupResults:
    respondents = _figure(figures, (*scope, group, RESPONDENTS), QuestionKind.TEXT)
    results = tuple(
        _question(figures, q, (*scope, group, q.code), ("d", group, q.code) if district else None) for q in questions
    )
    district_respondents = _figure(figures, ("d", group, RESPONDENTS), QuestionKind.TEXT) if district else None
    if scope[0] == "s":
        # A school's respondents can be hidden while its questions (sums of shown
        # cells) are not: the group is hidden only when no question is shown.
        suppressed = all(q.suppressed or q.n == 0 for q in results) and any(q.suppressed for q in results)
        partial = respondents.partial or respondents.suppressed or any(q.partial for q in results)
    else:
        suppressed = respondents.suppressed
        partial = respondents.partial
    return GroupResults(
        group=group,
        label=RespondentGroup(group).label if group != ALL_GROUPS else "All groups",
        respondents=respondents.n,
        suppressed=suppressed,
        questions=results,
        district_respondents=district_respondents.n if district_respondents else None,
        comments=comments,
        comments_withheld=withheld,
        partial=partial,
    )


def _comments(released: Released, officer_ids: set[int]) -> tuple[dict[tuple[int, str], list[str]], set[tuple[int, str]]]:
    """Comments per (officer, group) from cells at the comment minimum, and where some were withheld."""
    allowed: set[Cell] = set()
    withheld: set[tuple[int, str]] = set()
    for cell, counts in released.cells.items():
        if cell.officer_id not in officer_ids or counts.respondents.total == 0:
            continue
        if counts.respondents.on_time >= released.comment_min:
            allowed.add(cell)
        else:
            withheld.add((cell.officer_id, cell.group))
    comments: dict[tuple[int, str], list[str]] = defaultdict(list)
    if allowed:
        rows = (
            ReleasedComment.objects.filter(
                release__in=released.release_ids, officer_id__in={c.officer_id for c in allowed}
            )
            .values_list("release_id", "school_id", "officer_id", "group", "text")
            .order_by("text")
        )
        for release_id, school_id, officer_id, group, text in rows:
            if Cell(release_id, school_id, officer_id, group) in allowed:
                comments[(officer_id, group)].append(text)
    return comments, withheld


def officer_results_build(
    released: Released, officer_ids: Iterable[int], *, comments: dict[tuple[int, str], list[str]] | None = None,
    withheld: set[tuple[int, str]] | None = None,
) -> dict[int, OfficerSurveyResults]:
    """Officers' results from stored counts, without the database (the audit's tests use it too)."""
    figures = figures_build(released)
    comments = comments or {}
    withheld = withheld or set()
    results = {}
    for officer in dict.fromkeys(officer_ids):
        scope = ("o", officer)
        groups = {
            group: _group(
                figures, scope, group, released.questions[group],
                comments=tuple(comments.get((officer, group), ())), withheld=(officer, group) in withheld,
            )
            for group in released.groups
        }
        all_groups = (
            _group(figures, scope, ALL_GROUPS, released.combined_codes, district=False) if released.groups else None
        )
        results[officer] = OfficerSurveyResults(
            officer, released.period_id, released.k, released.comment_min, groups, all_groups, released.release_ids
        )
    return results


def school_results_build(released: Released, school_ids: Iterable[int]) -> dict[int, SchoolSurveyResults]:
    """Schools' results from stored counts, without the database."""
    figures = figures_build(released)
    return {
        school: SchoolSurveyResults(
            school, released.period_id, released.k, released.comment_min,
            {group: _group(figures, ("s", school), group, released.questions[group]) for group in released.groups},
            released.release_ids,
        )
        for school in dict.fromkeys(school_ids)
    }


def survey_results_for_officers(
    *, officer_ids: Iterable[int], period: EvaluationPeriod, release_ids: Iterable[int] | None = None,
    at_least_k: int = 0, at_least_comment_min: int = 0,
) -> dict[int, OfficerSurveyResults]:
    """Survey results per officer for a period (or for the given releases of it),
    suppression applied with the district's current k (or higher, see
    ``released_load``); 6 queries whatever the size."""
    officer_ids = list(dict.fromkeys(officer_ids))
    released = released_load(period=period, release_ids=release_ids, at_least_k=at_least_k,
                             at_least_comment_min=at_least_comment_min)
    comments, withheld = _comments(released, set(officer_ids))
    return officer_results_build(released, officer_ids, comments=comments, withheld=withheld)


def survey_results_for_schools(
    *, school_ids: Iterable[int], period: EvaluationPeriod, release_ids: Iterable[int] | None = None
) -> dict[int, SchoolSurveyResults]:
    """Survey results per school (respondents of that school, about its officers)."""
    return school_results_build(released_load(period=period, release_ids=release_ids), school_ids)
