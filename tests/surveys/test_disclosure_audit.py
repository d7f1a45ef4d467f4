"""The exact disclosure audit over generated districts, the demo district and the command.

The generated districts are built as stored release counts (``Released``) and read
through the same pure builders the selectors use (``officer_results_build``,
``school_results_build``, ``response_count_step``), so hypothesis can try hundreds
of districts — several schools and officers, officers at two schools, groups of
1-12, skewed answers, late codes — in seconds. The database path is covered by
the demo district below and by the attacks in test_releases.py.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.disclosure.audit import RoleView, audit_view, disclosure_audit_district
from surveys.models import QuestionKind
from surveys.selectors import released as rule
from surveys.selectors.campaigns import response_count_step
from surveys.selectors.released import (
    Cell,
    CellCounts,
    QuestionMeta,
    Released,
    Tally,
    blocks_withheld_now_and_then,
)
from surveys.selectors.results import comment_cells, officer_results_build, school_results_build

GROUPS = ["student", "family", "staff", "peer"]
QUESTIONS = [
    QuestionMeta("fair_treatment", QuestionKind.AGREE, {"en": "Fair"}, (), 1, 1),
    QuestionMeta("knows_role", QuestionKind.YES_NO, {"en": "Knows"}, (), 2, 1),
]
AGREE = ["1", "2", "3", "4", "5"]


@st.composite
def districts(draw) -> tuple[Released, dict, dict]:
    """A district's release: cells per school, officer and group, with answers."""
    k = draw(st.sampled_from([3, 5, 5, 8]))
    n_schools = draw(st.integers(1, 3))
    n_officers = draw(st.integers(1, 5))
    placements = {}
    for officer in range(1, n_officers + 1):
        first = draw(st.integers(1, n_schools))
        second = draw(st.integers(1, n_schools)) if draw(st.booleans()) else first
        placements[officer] = sorted({first, second})
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=4, unique=True))
    sizes = st.sampled_from([0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 12])
    cells: dict[Cell, CellCounts] = {}
    school_respondents: dict[tuple[int, int, str], Tally] = {}
    codes: dict[tuple[int, int, str], tuple[int, int]] = {}
    for school in range(1, n_schools + 1):
        for group in groups:
            block = (1, school, group)
            late = draw(st.sampled_from([0, 0, 0, 1, 3]))
            here = [o for o, schools in placements.items() if school in schools]
            on_times, lates = [], []
            for officer in here:
                size = draw(sizes)
                if not size:
                    continue
                late_here = min(late, draw(st.integers(0, size)))
                counts = CellCounts()
                counts.respondents.add(size - late_here, False)
                counts.respondents.add(late_here, True)
                skewed = draw(st.booleans())
                for q in QUESTIONS:
                    values = AGREE if q.kind == QuestionKind.AGREE else ["yes", "no"]
                    answered = draw(st.integers(0, size))
                    for i in range(answered):
                        value = values[0] if skewed else draw(st.sampled_from(values))
                        counts.answers[q.code][value].add(1, i < late_here)
                cells[Cell(1, school, officer, group)] = counts
                on_times.append(size - late_here)
                lates.append(late_here)
            if on_times:
                # Some respondents answered about more than one officer here: the
                # school's respondents lie between the largest cell and the sum.
                on_time = draw(st.integers(max(on_times), sum(on_times)))
                late_total = draw(st.integers(max(lates), min(sum(lates), late))) if late else 0
                school_respondents[block] = Tally(on_time + late_total, on_time)
                codes[block] = (on_time + draw(st.sampled_from([0, 0, 1, 4])), late)
    # The district may have raised k since the release (never below it: a lower k
    # reads as the release's, see Released.k_of).
    k_now = k + draw(st.sampled_from([0, 0, 0, 1, 3]))
    released = Released(
        k=k_now,
        comment_min=max(8, k_now),
        period_id=1,
        release_ids=(1,),
        groups=[g for g in GROUPS if g in groups],
        questions=dict.fromkeys(groups, QUESTIONS),
        combined_codes=QUESTIONS,
        cells=cells,
        school_respondents=school_respondents,
        release_k={1: k},
        release_comment_min={1: max(8, k)},
        release_step={1: k},
    )
    released.withheld_blocks = blocks_withheld_now_and_then(released)
    return released, codes, placements


def role_views(released: Released, codes: dict, placements: dict[int, list[int]]) -> list[RoleView]:
    """What the coordinator, each principal, the supervisor and each officer see."""
    officers = sorted(placements)
    schools = sorted({s for placed in placements.values() for s in placed})
    steps = {
        key: response_count_step(tally.on_time, released.step_of(key[0]), codes[key][0])
        for key, tally in released.school_respondents.items()
    }
    views = [
        RoleView(
            "coordinator",
            officer_results_build(released, officers),
            school_results_build(released, schools),
            steps,
        ),
        RoleView("supervisor", officer_results_build(released, officers), {}, {}),
    ]
    at_school = defaultdict(list)
    for officer, placed in placements.items():
        for school in placed:
            at_school[school].append(officer)
    for school, here in at_school.items():
        views.append(
            RoleView(
                f"principal-{school}",
                officer_results_build(released, here),
                school_results_build(released, [school]),
                {},
            )
        )
    views += [
        RoleView(f"officer-{o}", officer_results_build(released, [o]), {}, {}) for o in officers
    ]
    return views


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts())
def test_no_role_in_a_generated_district_can_pin_a_hidden_count(district) -> None:
    """The coordinator (who sees every figure the others see, and the response
    rates), one principal and one officer of each generated district."""
    released, codes, placements = district
    views = role_views(released, codes, placements)
    chosen = [views[0]] + [
        next(v for v in views if v.username.startswith(p)) for p in ("principal", "officer")
    ]
    for view in chosen:
        assert audit_view(released, codes, view, "generated") == [], view.username


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts())
def test_a_raised_k_never_shows_a_cell_question_or_comment_that_release_day_hid(district) -> None:
    """Two views at two values of k: the later never shows more than the first, so a
    reader of both knows no more than the strongest reader of the first."""
    released, _codes, _placements = district
    then = dataclasses.replace(
        released, k=released.release_k[1], comment_min=released.release_comment_min[1]
    )
    then.withheld_blocks = blocks_withheld_now_and_then(then)
    for cell in released.cells:
        if rule.cell_shown(released, cell):
            assert rule.cell_shown(then, cell)
        for q in QUESTIONS:
            if rule.question_shown(released, cell, q.code):
                assert rule.question_shown(then, cell, q.code)
    assert comment_cells(released) <= comment_cells(then)


def test_the_audit_finds_the_crossing_attack_of_the_old_rule() -> None:
    """The audit is not vacuous: with exact response counts (the old response rates)
    beside a shown cell, the hidden cell beside it is pinned."""
    counts = {}
    for officer, size in ((1, 6), (2, 4)):
        cell = CellCounts()
        cell.respondents.add(size, False)
        cell.answers["fair_treatment"]["4"].add(size, False)
        counts[Cell(1, 1, officer, "student")] = cell
    released = Released(
        5,
        8,
        1,
        (1,),
        ["student"],
        {"student": QUESTIONS},
        QUESTIONS,
        counts,
        {(1, 1, "student"): Tally(10, 10)},
    )
    exact_rates = {(1, 1, "student"): (10, 10)}
    view = RoleView("coordinator", officer_results_build(released, [1, 2]), {}, exact_rates)
    findings = audit_view(released, {}, view, "crafted")
    assert findings, "an exact count beside a shown cell gives the hidden one away"


@pytest.mark.django_db
def test_the_audit_finds_nothing_for_any_role_on_the_demo_district() -> None:
    from roster.models import District

    call_command("demo", "--no-serve")
    district = District.objects.get(code="RUSD")
    assert disclosure_audit_district(district=district) == []
    call_command("disclosure_audit", "--district", district.code)


@pytest.mark.django_db
def test_the_command_names_an_unknown_district(world) -> None:
    with pytest.raises(CommandError, match="No district with the code 'NOPE'"):
        call_command("disclosure_audit", "--district", "NOPE")
