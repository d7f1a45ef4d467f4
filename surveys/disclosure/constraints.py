"""One person's figures written as integer constraints over a period's stored counts.

What a reader who knows the published rule (docs/surveys.md) learns from each figure:
per cell (one release's respondents from one school and group about one officer) its
respondents and, per question, the count of each answer value; the protected counts
become the solver's targets. :mod:`surveys.disclosure.audit` feeds in the figures.
"""

from __future__ import annotations

from collections import defaultdict

from surveys.disclosure.problem import Problem
from surveys.models import QuestionKind
from surveys.selectors.released import Cell, QuestionMeta, Released
from surveys.selectors.results import ALL_GROUPS, GroupResults


def _values(q: QuestionMeta) -> list[str]:
    if q.kind == QuestionKind.AGREE:
        return [str(v) for v in range(1, 6)]
    if q.kind == QuestionKind.YES_NO:
        return ["yes", "no"]
    if q.kind == QuestionKind.CHOICE:
        return [str(c["value"]) for c in q.choices]
    return ["text"]


class FigureConstraints:
    """The constraints one person's figures put on one period's stored counts."""

    def __init__(
        self, released: Released, codes: dict[tuple[int, int, str], tuple[int, int]]
    ) -> None:
        self.released = released
        self.problem = Problem()
        # (release, school, group) -> codes issued there, (on time, late)
        self.codes = codes
        self.late = {key: late for key, (_on_time, late) in codes.items()}
        self.metas = {(g, q.code): q for g, qs in released.questions.items() for q in qs}
        self.combined = {q.code for q in released.combined_codes}
        self.withheld_blocks = self._withheld_blocks()
        for cell, counts in released.cells.items():
            if counts.respondents.total == 0:
                continue
            slack = self.late.get((cell.release_id, cell.school_id, cell.group), 0)
            # A campaign's guarantee is made at its own k (its response step, the
            # district's k when it was made): those cells are protected. A district
            # raising k later hides more, and those cells are hidden but not targets.
            promised = self._promised(cell.release_id)
            protected = counts.respondents.on_time < promised
            r, r_on, r_late = ("r", cell), ("r_on", cell), ("r_late", cell)
            # Respondents with on-time codes and with late ones (at most the late codes issued there).
            self.problem.add_variable(r_late, low=0, high=slack)
            if protected:
                self.problem.add_variable(r, low=0, high=promised - 1 + slack)
                self.problem.add_variable(r_on, low=0, high=promised - 1)
                self.problem.add_target(r, {r: 1}, why=f"{self._cell_name(cell)}: respondents")
            else:
                # At least the campaign's k on time, shown or not.
                self.problem.add_variable(r, low=promised, high=None)
                self.problem.add_variable(r_on, low=promised, high=None)
            self.problem.add_constraint(
                {r: 1, r_on: -1, r_late: -1}, 0, 0, why=f"{self._cell_name(cell)}: on time + late"
            )
            for q in released.questions.get(cell.group, ()):
                self._question(cell, q, self._rule_shown(cell, None), protected, slack)
        self._response_totals()

    def _withheld_blocks(self) -> set[tuple[int, int, str]]:
        """The published rule for blocks (docs/surveys.md), restated here on purpose: a
        school and group's cells are all withheld when the lower end of its response
        step, less its shown cells, is as much as its hidden cells can hold — at
        today's k, or at the k of its release day."""
        released = self.released
        withheld = set()
        for k_of in (lambda r: released.release_k.get(r, released.k), self._k):
            blocks: dict[tuple[int, int, str], list[int]] = defaultdict(
                lambda: [0, 0]
            )  # shown sum, hidden
            for cell, counts in released.cells.items():
                if not counts.respondents.total:
                    continue
                block = blocks[(cell.release_id, cell.school_id, cell.group)]
                if counts.respondents.on_time >= k_of(cell.release_id):
                    block[0] += counts.respondents.on_time
                else:
                    block[1] += 1
            for key, (shown, hidden) in blocks.items():
                k, step = k_of(key[0]), released.release_step.get(key[0], released.k)
                responses = released.school_respondents[key].on_time
                if hidden and (responses // step) * step - shown >= hidden * (min(k, step) - 1):
                    withheld.add(key)
        return withheld

    def _cell_name(self, cell: Cell) -> str:
        return f"release {cell.release_id}, school {cell.school_id}, officer {cell.officer_id}, {cell.group}"

    def _promised(self, release_id: int) -> int:
        return self.released.release_step.get(release_id, self.released.k)

    def _k(self, release_id: int) -> int:
        return max(self.released.k, self.released.release_k.get(release_id, self.released.k))

    def _question(
        self, cell: Cell, q: QuestionMeta, cell_shown: bool, protected: bool, slack: int
    ) -> None:
        answered = self.released.cells[cell].answers.get(q.code, {})
        terms = {}
        for value in _values(q):
            x = ("x", cell, q.code, value)
            self.problem.add_variable(x, low=0, high=None)
            terms[x] = 1
        k = self._k(cell.release_id)
        q_shown = cell_shown and sum(t.on_time for t in answered.values()) >= k
        r = ("r", cell)
        self.problem.add_constraint(
            {**terms, r: -1}, None, 0, why=f"{self._cell_name(cell)} {q.code}: n <= respondents"
        )
        if q_shown:
            self.problem.add_constraint(
                terms, k, None, why=f"{self._cell_name(cell)} {q.code}: shown"
            )
            return
        if not protected and not cell_shown:
            return  # withheld with its block: no more is known than n <= respondents
        # Hidden: fewer than k on time, perhaps none (an empty question of a hidden
        # cell is hidden too, never shown as 0); a target where the campaign promised it.
        on_time = sum(t.on_time for t in answered.values())
        self.problem.add_constraint(
            terms, 0, k - 1 + slack, why=f"{self._cell_name(cell)} {q.code}: hidden"
        )
        if on_time >= self._promised(cell.release_id):
            return
        name = self._cell_name(cell)
        self.problem.add_target(("n", cell, q.code), terms, why=f"{name}: answers to {q.code}")
        if q.kind != QuestionKind.TEXT:
            for x in terms:
                self.problem.add_target(x, {x: 1}, why=f"{name}: answers {x[3]!r} to {q.code}")

    def _response_totals(self) -> None:
        """Each (release, school, group)'s on-time responses ("R", what response rates
        count): at least each of its cells, at most their sum (every response answers
        something about someone) and at most the on-time codes issued there."""
        by_key: dict[tuple[int, int, str], list[Cell]] = defaultdict(list)
        for cell, counts in self.released.cells.items():
            if counts.respondents.total:
                by_key[(cell.release_id, cell.school_id, cell.group)].append(cell)
        for key in self.released.school_respondents:
            cells = by_key.get(key, [])
            on_time = ("R", key)
            issued = self.codes.get(key, (None, 0))[0]
            self.problem.add_variable(on_time, low=0, high=issued)
            self.problem.add_constraint(
                {on_time: 1, **{("r_on", c): -1 for c in cells}},
                None,
                0,
                why=f"responses {key} <= sum of cells",
            )
            for cell in cells:
                self.problem.add_constraint(
                    {on_time: 1, ("r_on", cell): -1}, 0, None, why=f"responses {key} >= a cell"
                )

    def _in_scope(self, cell: Cell, scope: tuple) -> bool:
        if scope[0] == "o":
            return cell.officer_id == scope[1] and scope[2] in (ALL_GROUPS, cell.group)
        if scope[0] == "s":
            return cell.school_id == scope[1] and cell.group == scope[2]
        return cell.group == scope[1]

    def _rule_shown(self, cell: Cell, code: str | None) -> bool:
        counts = self.released.cells[cell]
        k = self._k(cell.release_id)
        if (
            counts.respondents.on_time < k
            or (cell.release_id, cell.school_id, cell.group) in self.withheld_blocks
        ):
            return False
        if code is None:
            return True
        return sum(t.on_time for t in counts.answers.get(code, {}).values()) >= k

    def respondents_figure(self, scope: tuple, value: int | None, why: str) -> None:
        """An officer's respondents (in a group, or all groups): schools and the
        district show none (see surveys/selectors/results.py)."""
        if value is None:
            return
        cells = [
            c
            for c, n in self.released.cells.items()
            if n.respondents.total and self._in_scope(c, scope)
        ]
        terms = {("r", c): 1 for c in cells if self._rule_shown(c, None)}
        self.problem.add_constraint(terms, value, value, why=why)

    def question_figure(
        self, scope: tuple, code: str, distribution: dict[str, int] | None, n: int | None, why: str
    ) -> None:
        if n is None:
            return
        cells = [
            c
            for c, counts in self.released.cells.items()
            if counts.respondents.total
            and self._in_scope(c, scope)
            and self._rule_shown(c, code)
            and (scope[-1] != ALL_GROUPS or code in self.combined)
        ]
        cells = [c for c in cells if (c.group, code) in self.metas]
        if distribution is None:
            terms = {
                ("x", c, code, v): 1 for c in cells for v in _values(self.metas[(c.group, code)])
            }
            self.problem.add_constraint(terms, n, n, why=why)
            return
        for value, count in distribution.items():
            terms = {("x", c, code, value): 1 for c in cells}
            self.problem.add_constraint(terms, count, count, why=f"{why} = {value!r}")

    def comments_figure(self, officer: int, group: str, count: int, why: str) -> None:
        """The number of comments shown: the free-text answers of the cells the rule
        lets comments come from (shown, at the comment minimum on time, and each
        free-text question they answered shown)."""
        released = self.released
        texts = [q.code for q in released.questions.get(group, ()) if q.kind == QuestionKind.TEXT]
        terms: dict = {}
        for cell, counts in released.cells.items():
            if (cell.officer_id, cell.group) != (officer, group) or not self._rule_shown(
                cell, None
            ):
                continue
            if counts.respondents.on_time < released.comment_min_of(cell.release_id):
                continue
            if all(self._rule_shown(cell, code) for code in texts):
                terms.update({("x", cell, code, "text"): 1 for code in texts})
        self.problem.add_constraint(terms, count, count, why=why)

    def response_step(self, key: tuple[int, int, str], low: int, high: int, why: str) -> None:
        if key in self.released.school_respondents:
            self.problem.add_constraint({("R", key): 1}, low, high, why=why)


def group_figures(model: FigureConstraints, scope: tuple, group: GroupResults, label: str) -> None:
    model.respondents_figure(
        (*scope, group.group), group.respondents, f"{label} {group.group}: respondents"
    )
    if group.district_respondents is not None:
        model.respondents_figure(
            ("d", group.group), group.district_respondents, f"district {group.group}: respondents"
        )
    for q in group.questions:
        model.question_figure(
            (*scope, group.group), q.code, q.distribution, q.n, f"{label} {group.group} {q.code}"
        )
        if q.district is not None:
            model.question_figure(
                ("d", group.group),
                q.code,
                q.district.distribution,
                q.district.n,
                f"district {group.group} {q.code}",
            )
