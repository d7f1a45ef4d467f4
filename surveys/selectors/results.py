"""Anonymous aggregation: per officer, school, period and respondent group.

Everything is counted in SQL at read time (GROUP BY over answers), never stored,
so a district that raises k sees it applied to every response already collected.
The suppression rules of ARCHITECTURE.md (anonymity invariant 3) are applied here,
once, for every page, API, export and packet:

* primary: a figure from fewer than k answers (or respondents) is hidden;
* complementary: wherever a shown total is the exact sum of shown parts (an
  officer's groups; the district's officers; the district's schools; a school's
  officers when they serve only there), hidden parts must be at least two and
  together at least k, else the next-smallest part is hidden too (or the total,
  when no part is left). This repeats until nothing changes, because hiding a cell
  in one table can expose another table it belongs to;
* comments only for an officer's group of at least ``comment_min_responses``
  respondents, sorted by text so their order says nothing about who wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from roster.models import District, EvaluationPeriod
from surveys.models import (
    FAVOURABLE_MIN,
    Answer,
    Question,
    QuestionKind,
    RespondentGroup,
    Response,
)

# A pseudo question code for "how many people answered".
RESPONDENTS = "#"
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

    ``groups`` has every respondent group the period's campaigns asked (an officer
    nobody answered about gets zero respondents, not a missing key); ``all_groups``
    combines the groups question by question (shared codes).
    """

    officer_id: int
    period_id: int
    k: int
    comment_min: int
    groups: dict[str, GroupResults]
    all_groups: GroupResults | None

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


@dataclass
class _QuestionMeta:
    code: str
    kind: str
    text: dict[str, str]
    choices: tuple[dict, ...]
    position: int
    version: int


@dataclass
class _Tables:
    """Counts of one district and period, and which cells are hidden."""

    k: int
    comment_min: int
    period_id: int
    groups: list[str]
    questions: dict[str, list[_QuestionMeta]]
    combined_codes: list[_QuestionMeta]
    counts: dict[tuple, int] = field(default_factory=dict)
    distributions: dict[tuple, dict[str, int]] = field(default_factory=dict)
    hidden: set[tuple] = field(default_factory=set)


def _value_key(kind: str, number: int | None, choice: str) -> str:
    if kind == QuestionKind.YES_NO:
        return "yes" if number == 1 else "no"
    if kind == QuestionKind.AGREE:
        return str(number)
    if kind == QuestionKind.CHOICE:
        return choice
    return "text"


def _period_tables(period: EvaluationPeriod) -> _Tables:
    district = District.objects.only("survey_min_responses", "comment_min_responses").get(pk=period.district_id)
    k = district.survey_min_responses
    comment_min = max(district.comment_min_responses, k)

    questions: dict[str, dict[str, _QuestionMeta]] = defaultdict(dict)
    rows = (
        Question.objects.filter(template__campaign_groups__campaign__period=period)
        .values_list("template__group", "template__version", "code", "kind", "text", "choices", "position")
        .distinct()
    )
    for group, version, code, kind, text, choices, position in rows:
        known = questions[group].get(code)
        if known is None or known.version < version:
            questions[group][code] = _QuestionMeta(code, kind, text, tuple(choices), position, version)
    groups = [g for g in RespondentGroup.values if g in questions]
    ordered = {g: sorted(questions[g].values(), key=lambda q: q.position) for g in groups}
    kinds: dict[str, set[str]] = defaultdict(set)
    first: dict[str, _QuestionMeta] = {}
    for g in groups:
        for q in ordered[g]:
            kinds[q.code].add(q.kind)
            first.setdefault(q.code, q)
    combined = [q for q in first.values() if q.kind != QuestionKind.TEXT and len(kinds[q.code]) == 1]
    tables = _Tables(k, comment_min, period.pk, groups, ordered, combined)

    kind_of = {(g, q.code): q.kind for g in groups for q in ordered[g]}
    counts: dict[tuple, int] = defaultdict(int)
    dists: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    fine = (
        Answer.objects.filter(response__campaign__period=period)
        .values_list("response__school_id", "officer_id", "response__group", "question__code", "number", "choice")
        .annotate(c=Count("id"))
        .order_by()
    )
    line_parts: dict[tuple, set[tuple]] = defaultdict(set)
    for school, officer, group, code, number, choice, c in fine:
        kind = kind_of.get((group, code), QuestionKind.TEXT)
        value = _value_key(kind, number, choice)
        keys = [("o", officer, group, code), ("s", school, group, code), ("d", group, code)]
        if kind != QuestionKind.TEXT and len(kinds[code]) == 1:
            keys.append(("o", officer, ALL_GROUPS, code))
        for key in keys:
            counts[key] += c
            dists[key][value] += c
        line_parts[("s", school, group, code)].add(("o", officer, group, code))

    # Respondents: a response has one school and one group, so officer and
    # district respondents add up from (school, officer, group) and (school, group).
    fine_respondents = (
        Answer.objects.filter(response__campaign__period=period)
        .values_list("response__school_id", "officer_id", "response__group")
        .annotate(c=Count("response_id", distinct=True))
        .order_by()
    )
    officer_groups: dict[int, set[str]] = defaultdict(set)
    for school, officer, group, c in fine_respondents:
        counts[("o", officer, group, RESPONDENTS)] += c
        counts[("o", officer, ALL_GROUPS, RESPONDENTS)] += c
        officer_groups[officer].add(group)
        line_parts[("s", school, group, RESPONDENTS)].add(("o", officer, group, RESPONDENTS))
    school_respondents = (
        Response.objects.filter(campaign__period=period)
        .values_list("school_id", "group")
        .annotate(c=Count("id"))
        .order_by()
    )
    for school, group, c in school_respondents:
        counts[("s", school, group, RESPONDENTS)] += c
        counts[("d", group, RESPONDENTS)] += c

    tables.counts = dict(counts)
    tables.distributions = {key: dict(value) for key, value in dists.items()}
    tables.hidden = _suppress(tables.counts, k, _lines(tables.counts, line_parts))
    return tables


def _lines(counts: dict[tuple, int], school_lines: dict[tuple, set[tuple]]) -> list[tuple[tuple, list[tuple]]]:
    """Every total that is the exact sum of parts also shown somewhere: (total, parts)."""
    by_total: dict[tuple, list[tuple]] = defaultdict(list)
    for key in counts:
        if key[0] == "o" and key[2] != ALL_GROUPS:
            _, officer, group, code = key
            by_total[("officer-groups", ("o", officer, ALL_GROUPS, code))].append(key)
            by_total[("district-officers", ("d", group, code))].append(key)
        elif key[0] == "s":
            _, _school, group, code = key
            by_total[("district-schools", ("d", group, code))].append(key)
    for total, parts in school_lines.items():
        by_total[("school-officers", total)].extend(parts)
    # Parts that don't add up to their total (people who answered about several
    # officers) can't be subtracted exactly, so they form no line.
    return [
        (total, sorted(parts, key=repr))
        for (_, total), parts in by_total.items()
        if total in counts and sum(counts.get(p, 0) for p in parts) == counts[total]
    ]


def _suppress(counts: dict[tuple, int], k: int, lines: list[tuple[tuple, list[tuple]]]) -> set[tuple]:
    hidden = {key for key, n in counts.items() if 0 < n < k}
    # A group hidden as a whole (its respondents) hides every question of it too.
    questions_of: dict[tuple, list[tuple]] = defaultdict(list)
    for key in counts:
        if key[-1] != RESPONDENTS:
            questions_of[(*key[:-1], RESPONDENTS)].append(key)
    changed = True
    while changed:
        changed = False
        for key in [h for h in hidden if h[-1] == RESPONDENTS]:
            for question in questions_of.get(key, ()):
                if question not in hidden:
                    hidden.add(question)
                    changed = True
        for total, parts in lines:
            if total in hidden:
                continue
            hidden_parts = [p for p in parts if p in hidden and counts.get(p, 0) > 0]
            hidden_n = sum(counts[p] for p in hidden_parts)
            if not hidden_parts or (len(hidden_parts) >= 2 and hidden_n >= k):
                continue
            shown = sorted((counts[p], repr(p), p) for p in parts if p not in hidden and counts.get(p, 0) > 0)
            hidden.add(shown[0][2] if shown else total)
            changed = True
    return hidden


def _figure(tables: _Tables, key: tuple, kind: str) -> Figure:
    n = tables.counts.get(key, 0)
    if key in tables.hidden or (*key[:-1], RESPONDENTS) in tables.hidden:
        return Figure(None, None, None, None, True)
    if n == 0:
        return Figure(0, None, None, None, False)
    if kind == QuestionKind.TEXT:
        return Figure(n, None, None, None, False)
    dist = tables.distributions.get(key, {})
    if kind == QuestionKind.AGREE:
        distribution = {str(v): dist.get(str(v), 0) for v in range(1, 6)}
        mean = round(sum(v * distribution[str(v)] for v in range(1, 6)) / n, 2)
        favourable = sum(distribution[str(v)] for v in range(FAVOURABLE_MIN[QuestionKind.AGREE], 6))
        return Figure(n, distribution, mean, round(100 * favourable / n, 1), False)
    if kind == QuestionKind.YES_NO:
        distribution = {"yes": dist.get("yes", 0), "no": dist.get("no", 0)}
        return Figure(n, distribution, None, round(100 * distribution["yes"] / n, 1), False)
    return Figure(n, dict(sorted(dist.items())), None, None, False)


def _respondents(tables: _Tables, key: tuple) -> int | None:
    return None if key in tables.hidden else tables.counts.get(key, 0)


def _question(tables: _Tables, q: _QuestionMeta, key: tuple, district_key: tuple | None) -> QuestionResult:
    own = _figure(tables, key, q.kind)
    district = _figure(tables, district_key, q.kind) if district_key else None
    return QuestionResult(
        q.code, q.kind, q.text, q.choices, own.n, own.distribution, own.mean,
        own.percent_favourable, own.suppressed, district,
    )


def _group(tables: _Tables, scope: tuple, group: str, comments: tuple[str, ...] = (), withheld: bool = False) -> GroupResults:
    respondents_key = (*scope, group, RESPONDENTS)
    questions = tuple(
        _question(tables, q, (*scope, group, q.code), ("d", group, q.code)) for q in tables.questions[group]
    )
    return GroupResults(
        group=group,
        label=RespondentGroup(group).label,
        respondents=_respondents(tables, respondents_key),
        suppressed=respondents_key in tables.hidden,
        questions=questions,
        district_respondents=_respondents(tables, ("d", group, RESPONDENTS)),
        comments=comments,
        comments_withheld=withheld,
    )


def _comment_rights(tables: _Tables, officer_ids: Iterable[int]) -> set[tuple[int, str]]:
    allowed = set()
    for officer in officer_ids:
        for group in tables.groups:
            key = ("o", officer, group, RESPONDENTS)
            if key not in tables.hidden and tables.counts.get(key, 0) >= tables.comment_min:
                allowed.add((officer, group))
    return allowed


def survey_results_for_officers(*, officer_ids: Iterable[int], period: EvaluationPeriod) -> dict[int, OfficerSurveyResults]:
    """Survey results per officer for a period, suppression applied; 6 queries whatever the size."""
    officer_ids = list(dict.fromkeys(officer_ids))
    tables = _period_tables(period)
    allowed = _comment_rights(tables, officer_ids)
    comments: dict[tuple[int, str], list[str]] = defaultdict(list)
    if allowed:
        rows = (
            Answer.objects.filter(
                response__campaign__period=period,
                officer_id__in={o for o, _ in allowed},
                question__kind=QuestionKind.TEXT,
            )
            .exclude(text="")
            .values_list("officer_id", "response__group", "text")
            .order_by("text")
        )
        for officer, group, text in rows:
            if (officer, group) in allowed:
                comments[(officer, group)].append(text)
    results = {}
    for officer in officer_ids:
        scope = ("o", officer)
        groups = {}
        for group in tables.groups:
            withheld = (officer, group) not in allowed and tables.counts.get(("o", officer, group, RESPONDENTS), 0) > 0
            groups[group] = _group(tables, scope, group, tuple(comments.get((officer, group), ())), withheld)
        all_groups = None
        if tables.groups:
            all_key = ("o", officer, ALL_GROUPS, RESPONDENTS)
            all_groups = GroupResults(
                group=ALL_GROUPS,
                label="All groups",
                respondents=_respondents(tables, all_key),
                suppressed=all_key in tables.hidden,
                questions=tuple(
                    _question(tables, q, ("o", officer, ALL_GROUPS, q.code), None) for q in tables.combined_codes
                ),
                district_respondents=None,
            )
        results[officer] = OfficerSurveyResults(
            officer, period.pk, tables.k, tables.comment_min, groups, all_groups
        )
    return results


def survey_results_for_schools(*, school_ids: Iterable[int], period: EvaluationPeriod) -> dict[int, SchoolSurveyResults]:
    """Survey results per school (respondents of that school, about all its officers)."""
    tables = _period_tables(period)
    return {
        school: SchoolSurveyResults(
            school, period.pk, tables.k, tables.comment_min,
            {group: _group(tables, ("s", school), group) for group in tables.groups},
        )
        for school in dict.fromkeys(school_ids)
    }
