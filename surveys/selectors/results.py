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

A figure with no shown cell is suppressed, whether or not anybody answered: "0"
beside "hidden" would say that a hidden group has at least one person, which with
the codes issued there can pin it (one staff code, one hidden cell: that one person
answered). For the same reason no figure says whether it leaves a hidden part out,
the "comments withheld" note doesn't depend on who answered, and a school's or the
district's respondents (people, not answers) are not shown at all. Comments only
come from cells with at least ``comment_min_responses`` on-time respondents, sorted
by text so their order says nothing about who wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from roster.models import EvaluationPeriod
from surveys.models import FAVOURABLE_MIN, QuestionKind, ReleasedComment, RespondentGroup
from surveys.selectors import released as rule
from surveys.selectors.answer_split import Split, answer_split
from surveys.selectors.released import (
    RESPONDENTS,
    Cell,
    QuestionMeta,
    Released,
    Tally,
    released_load,
)

ALL_GROUPS = "*"


@dataclass(frozen=True)
class Figure:
    """One shown-or-hidden figure. Hidden: every number is None and ``suppressed``."""

    n: int | None
    distribution: dict[str, int] | None
    mean: float | None
    percent_favourable: float | None
    suppressed: bool


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

    def text_in(self, language: str = "en") -> str:
        return self.text.get(language) or self.text.get("en", self.code)

    @property
    def split(self) -> Split | None:
        return None if self.suppressed else answer_split(self.kind, self.n, self.distribution)


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
class _Sum:
    """A figure being added up from shown cells; ``hidden`` when some part was left out."""

    n: int = 0
    distribution: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    hidden: bool = False


@dataclass
class _Figures:
    released: Released
    sums: dict[tuple, _Sum] = field(default_factory=lambda: defaultdict(_Sum))


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
        shown = rule.cell_shown(released, cell)
        respondents = {"": counts.respondents}
        for scope in (("o", cell.officer_id, cell.group), ("o", cell.officer_id, ALL_GROUPS)):
            _add(figures, (*scope, RESPONDENTS), respondents, shown)
        for q in released.questions.get(cell.group, ()):
            code = q.code
            by_value = counts.answers.get(code, {})
            q_shown = rule.question_shown(released, cell, code)
            keys = [
                ("o", cell.officer_id, cell.group, code),
                ("s", cell.school_id, cell.group, code),
                ("d", cell.group, code),
            ]
            if code in combined:
                keys.append(("o", cell.officer_id, ALL_GROUPS, code))
            for key in keys:
                _add(figures, key, by_value, q_shown)
    return figures


def _figure(figures: _Figures, key: tuple, kind: str) -> Figure:
    found = figures.sums.get(key)
    if found is None or found.n == 0:
        return Figure(None, None, None, None, True)
    n = found.n
    dist = found.distribution
    if kind == QuestionKind.TEXT:
        return Figure(n, None, None, None, False)
    if kind == QuestionKind.AGREE:
        distribution = {str(v): dist.get(str(v), 0) for v in range(1, 6)}
        mean = round(sum(v * distribution[str(v)] for v in range(1, 6)) / n, 2)
        favourable = sum(distribution[str(v)] for v in range(FAVOURABLE_MIN[QuestionKind.AGREE], 6))
        return Figure(n, distribution, mean, round(100 * favourable / n, 1), False)
    if kind == QuestionKind.YES_NO:
        distribution = {"yes": dist.get("yes", 0), "no": dist.get("no", 0)}
        return Figure(n, distribution, None, round(100 * distribution["yes"] / n, 1), False)
    return Figure(n, dict(sorted(dist.items())), None, None, False)


def _question(
    figures: _Figures, q: QuestionMeta, key: tuple, district_key: tuple | None
) -> QuestionResult:
    own = _figure(figures, key, q.kind)
    district = _figure(figures, district_key, q.kind) if district_key else None
    return QuestionResult(
        q.code,
        q.kind,
        q.text,
        q.choices,
        own.n,
        own.distribution,
        own.mean,
        own.percent_favourable,
        own.suppressed,
        district,
    )


def _group(
    figures: _Figures,
    scope: tuple,
    group: str,
    questions: list[QuestionMeta],
    *,
    comments: tuple[str, ...] = (),
    withheld: bool = False,
    district: bool = True,
) -> GroupResults:
    results = tuple(
        _question(figures, q, (*scope, group, q.code), ("d", group, q.code) if district else None)
        for q in questions
    )
    if scope[0] == "s":
        # A school's group counts answers about each of its officers, not people:
        # it has no respondents figure, and is hidden when no question is shown.
        respondents: int | None = None
        suppressed = all(q.suppressed for q in results)
    else:
        figure = _figure(figures, (*scope, group, RESPONDENTS), QuestionKind.TEXT)
        respondents, suppressed = figure.n, figure.suppressed
    return GroupResults(
        group=group,
        label=RespondentGroup(group).label if group != ALL_GROUPS else "All groups",
        respondents=respondents,
        suppressed=suppressed,
        questions=results,
        district_respondents=None,
        comments=comments,
        comments_withheld=withheld and not comments,
    )


def comment_cells(released: Released, officer_ids: set[int] | None = None) -> set[Cell]:
    """The cells whose comments may be shown: shown, with at least the comment minimum
    of on-time respondents, and every free-text question shown too, i.e. answered by
    at least k on time (so the number of comments, even none, is never a hidden count)."""
    allowed = set()
    for cell, counts in released.cells.items():
        if officer_ids is not None and cell.officer_id not in officer_ids:
            continue
        if not rule.cell_shown(released, cell):
            continue
        if counts.respondents.on_time < released.comment_min_of(cell.release_id):
            continue
        texts = [
            q.code for q in released.questions.get(cell.group, ()) if q.kind == QuestionKind.TEXT
        ]
        if all(rule.question_shown(released, cell, code) for code in texts):
            allowed.add(cell)
    return allowed


def _comments(released: Released, officer_ids: set[int]) -> dict[tuple[int, str], list[str]]:
    """Comments per (officer, group) from the cells ``comment_cells`` allows."""
    allowed = comment_cells(released, officer_ids)
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
    return comments


def officer_results_build(
    released: Released,
    officer_ids: Iterable[int],
    *,
    comments: dict[tuple[int, str], list[str]] | None = None,
) -> dict[int, OfficerSurveyResults]:
    """Officers' results from stored counts, without the database (the audit's tests use it too).

    ``comments_withheld`` is set wherever no comment is shown: whether anybody
    wrote one, or answered at all, in a group below the comment minimum is not said.
    """
    figures = figures_build(released)
    comments = comments or {}
    results = {}
    for officer in dict.fromkeys(officer_ids):
        scope = ("o", officer)
        groups = {
            group: _group(
                figures,
                scope,
                group,
                released.questions[group],
                comments=tuple(comments.get((officer, group), ())),
                withheld=True,
            )
            for group in released.groups
        }
        all_groups = (
            _group(figures, scope, ALL_GROUPS, released.combined_codes, district=False)
            if released.groups
            else None
        )
        results[officer] = OfficerSurveyResults(
            officer,
            released.period_id,
            released.k,
            released.comment_min,
            groups,
            all_groups,
            released.release_ids,
        )
    return results


def school_results_build(
    released: Released, school_ids: Iterable[int]
) -> dict[int, SchoolSurveyResults]:
    """Schools' results from stored counts, without the database."""
    figures = figures_build(released)
    return {
        school: SchoolSurveyResults(
            school,
            released.period_id,
            released.k,
            released.comment_min,
            {
                group: _group(figures, ("s", school), group, released.questions[group])
                for group in released.groups
            },
            released.release_ids,
        )
        for school in dict.fromkeys(school_ids)
    }


def survey_results_for_officers(
    *,
    officer_ids: Iterable[int],
    period: EvaluationPeriod,
    release_ids: Iterable[int] | None = None,
    at_least_k: int = 0,
    at_least_comment_min: int = 0,
) -> dict[int, OfficerSurveyResults]:
    """Survey results per officer for a period (or for the given releases of it),
    suppression applied with the district's current k (or higher, see
    ``released_load``); 6 queries whatever the size."""
    officer_ids = list(dict.fromkeys(officer_ids))
    released = released_load(
        period=period,
        release_ids=release_ids,
        at_least_k=at_least_k,
        at_least_comment_min=at_least_comment_min,
    )
    return officer_results_build(
        released, officer_ids, comments=_comments(released, set(officer_ids))
    )


def survey_results_for_schools(
    *, school_ids: Iterable[int], period: EvaluationPeriod, release_ids: Iterable[int] | None = None
) -> dict[int, SchoolSurveyResults]:
    """Survey results per school (respondents of that school, about its officers)."""
    return school_results_build(released_load(period=period, release_ids=release_ids), school_ids)
