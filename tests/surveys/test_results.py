"""Aggregation and suppression (anonymity invariants 3-4), through the cross-app selector.

Figures are read from releases: each test releases its campaign (closing it first)
before reading. Every total adds up shown cells only, so the tests that once
checked complementary suppression now check that nothing hidden can be derived
at all; ``surveys.disclosure`` proves it exactly (tests/surveys/test_disclosure_audit.py)."""

from __future__ import annotations

import itertools
import random

import pytest

from surveys.disclosure.audit import disclosure_audit_district
from surveys.models import RespondentGroup
from surveys.selectors import survey_results_for_officers, survey_results_for_schools
from tests.factories.roster import (
    AssignmentFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
    principal_of,
)
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db

STUDENT, FAMILY, STAFF, PEER = (
    RespondentGroup.STUDENT,
    RespondentGroup.FAMILY,
    RespondentGroup.STAFF,
    RespondentGroup.PEER,
)


def question(group_results, code):
    return next(q for q in group_results.questions if q.code == code)


def test_it_counts_distribution_mean_and_percent_favourable_per_officer_and_group(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[5, 4, 2])
    release_results(survey.campaign)
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    students = results.groups[STUDENT]
    fair = question(students, "fair_treatment")
    assert students.respondents == 6
    assert fair.n == 6
    assert fair.distribution == {"1": 0, "2": 2, "3": 0, "4": 2, "5": 2}
    assert fair.mean == pytest.approx(11 / 3, abs=0.01)
    assert fair.percent_favourable == pytest.approx(66.7)
    assert fair.district.n == 6
    # Nobody answered as a family: shown as hidden, like a group below k ("0" beside
    # "hidden" would say that a hidden group has somebody in it).
    assert results.groups[FAMILY].suppressed
    assert results.groups[FAMILY].respondents is None


def test_an_officer_with_no_answers_still_gets_an_entry(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    release_results(survey.campaign)
    results = survey_results_for_officers(
        officer_ids=[survey.second_officer.pk], period=survey.period
    )
    students = results[survey.second_officer.pk].groups[STUDENT]
    assert students.suppressed, "no answers reads as hidden, never as 0"
    assert students.respondents is None


def test_a_group_of_fewer_than_k_respondents_shows_no_figure(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 4, values=[1])
    release_results(survey.campaign)
    students = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ].groups[STUDENT]
    assert students.suppressed
    assert students.respondents is None
    for q in students.questions:
        assert q.suppressed
        assert (q.n, q.distribution, q.mean, q.percent_favourable) == (None, None, None, None)
    for code in ("fair_treatment", "respect"):
        assert question(students, code).district.suppressed, (
            "the district figure is the same four people here"
        )


def test_a_hidden_group_cannot_be_derived_from_the_total_and_the_other_groups(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 3, values=[1])
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 6, values=[5])
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 9, values=[4])
    release_results(survey.campaign)
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    groups = results.groups
    assert groups[STUDENT].suppressed
    assert groups[FAMILY].respondents == 6
    assert groups[STAFF].respondents == 9
    # The total adds up the shown groups only: 18 - 6 - 9 would give the students away.
    assert results.all_groups.respondents == 15
    total = question(results.all_groups, "fair_treatment")
    assert total.n == 15
    shown = [
        question(g, "fair_treatment")
        for g in groups.values()
        if not question(g, "fair_treatment").suppressed
    ]
    derived = {
        v: total.distribution[v] - sum((q.distribution or {}).get(v, 0) for q in shown)
        for v in total.distribution
    }
    assert derived == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}, (
        "nothing of the hidden group can be derived"
    )


def test_raising_k_re_applies_to_responses_already_collected(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[4])
    release_results(survey.campaign)
    before = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)
    assert before[survey.officer.pk].groups[STUDENT].respondents == 6
    district = survey.period.district
    district.survey_min_responses = 7
    district.comment_min_responses = 8
    district.save()
    after = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)
    assert after[survey.officer.pk].groups[STUDENT].suppressed


def test_comments_show_only_from_a_group_at_the_comment_threshold(survey) -> None:
    submit_many(
        survey.campaign, STUDENT, survey.school, survey.officer, 7, values=[4], comment="Kind"
    )
    submit_many(
        survey.campaign, FAMILY, survey.school, survey.officer, 8, values=[4], comment="Helpful"
    )
    release_results(survey.campaign)
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    assert results.groups[STUDENT].respondents == 7
    assert results.groups[STUDENT].comments == ()
    assert results.groups[STUDENT].comments_withheld
    assert len(results.groups[FAMILY].comments) == 8
    assert list(results.groups[FAMILY].comments) == sorted(results.groups[FAMILY].comments)


def test_an_officer_below_k_is_not_recoverable_from_the_district_figure(survey) -> None:
    third = OfficerFactory(agency=survey.officer.agency)
    AssignmentFactory(officer=third, school=survey.school)
    survey.campaign.officers.add(third)
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 3, values=[1])
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, 6, values=[5])
    submit_many(survey.campaign, STUDENT, survey.school, third, 8, values=[4])
    release_results(survey.campaign)
    results = survey_results_for_officers(
        officer_ids=[survey.officer.pk, survey.second_officer.pk, third.pk], period=survey.period
    )
    fair = {o: question(r.groups[STUDENT], "fair_treatment") for o, r in results.items()}
    assert fair[survey.officer.pk].suppressed
    assert not fair[survey.second_officer.pk].suppressed
    assert not fair[third.pk].suppressed
    # The district figure adds up the shown officers only: 6 + 8, never the hidden 3.
    assert fair[third.pk].district.n == 14
    derived = fair[third.pk].district.n - fair[survey.second_officer.pk].n - fair[third.pk].n
    assert derived == 0, "district minus the shown officers gives nothing away"


def test_a_school_with_one_officer_does_not_show_what_the_officer_hides(world) -> None:
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    submit_many(campaign, STUDENT, world.school, world.officer, 3)
    release_results(campaign)
    school = survey_results_for_schools(school_ids=[world.school.pk], period=world.period)[
        world.school.pk
    ]
    assert school.groups[STUDENT].suppressed
    assert question(school.groups[STUDENT], "respect").suppressed


def test_in_a_randomised_district_nothing_hidden_is_shown_or_can_be_pinned_down(world) -> None:
    """A randomised district with an officer at two schools: every cell of fewer than
    k is hidden wherever it would be the whole figure, and the exact audit finds no
    hidden count that any person's figures pin down."""
    rng = random.Random(7)
    officers = [world.officer]
    schools = [world.school]
    for i in range(3):
        school = schools[0] if i == 0 else SchoolFactory(district=world.district)
        officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officer, school=school)
        officers.append(officer)
        if school not in schools:
            schools.append(school)
    AssignmentFactory(officer=officers[0], school=schools[1])
    campaign = make_campaign(period=world.period, schools=schools, officers=officers)
    sizes = {}
    for officer, group in itertools.product(officers, RespondentGroup.values):
        placed = [s for s in schools if officer.assignments.filter(school=s).exists()]
        for school in placed:
            count = rng.choice([0, 1, 2, 4, 6, 9])
            sizes[(officer.pk, school.pk, group)] = count
            if count:
                submit_many(campaign, group, school, officer, count, values=[rng.randint(1, 5)])
    coordinator_of(world.district)
    for school in schools:
        principal_of(school)
    release_results(campaign)
    results = survey_results_for_officers(officer_ids=[o.pk for o in officers], period=world.period)
    for (officer, _school, group), count in sizes.items():
        cells = [n for (o, _s, g), n in sizes.items() if (o, g) == (officer, group) and n]
        if len(cells) == 1 and 0 < count < 5:
            assert results[officer].groups[group].suppressed, (officer, group, count)
    assert disclosure_audit_district(district=world.district) == []


def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_officers(
    survey, django_assert_max_num_queries
) -> None:
    submit_many(
        survey.campaign, STUDENT, survey.school, survey.officer, 8, values=[4], comment="Fine"
    )
    submit_many(survey.campaign, STAFF, survey.school, survey.second_officer, 5, values=[3])
    release_results(survey.campaign)
    with django_assert_max_num_queries(6):
        results = survey_results_for_officers(
            officer_ids=[survey.officer.pk, survey.second_officer.pk], period=survey.period
        )
    assert results[survey.officer.pk].groups[STUDENT].comments
