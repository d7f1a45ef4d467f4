"""Aggregation and suppression (anonymity invariant 3), through the cross-app selector."""

from __future__ import annotations

import itertools
import random

import pytest

from surveys.models import RespondentGroup
from surveys.selectors import survey_results_for_officers, survey_results_for_schools
from surveys.selectors.results import _lines, _period_tables
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory
from tests.factories.surveys import make_campaign, submit_many

pytestmark = pytest.mark.django_db

STUDENT, FAMILY, STAFF, PEER = (RespondentGroup.STUDENT, RespondentGroup.FAMILY, RespondentGroup.STAFF,
                                RespondentGroup.PEER)


def question(group_results, code):
    return next(q for q in group_results.questions if q.code == code)


def test_it_counts_distribution_mean_and_percent_favourable_per_officer_and_group(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[5, 4, 2])
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[survey.officer.pk]
    students = results.groups[STUDENT]
    fair = question(students, "fair_treatment")
    assert students.respondents == 6
    assert fair.n == 6
    assert fair.distribution == {"1": 0, "2": 2, "3": 0, "4": 2, "5": 2}
    assert fair.mean == pytest.approx(11 / 3, abs=0.01)
    assert fair.percent_favourable == pytest.approx(66.7)
    assert fair.district.n == 6
    assert results.groups[FAMILY].respondents == 0


def test_an_officer_with_no_answers_still_gets_an_entry(survey) -> None:
    results = survey_results_for_officers(officer_ids=[survey.second_officer.pk], period=survey.period)
    assert results[survey.second_officer.pk].groups[STUDENT].respondents == 0


def test_a_group_of_fewer_than_k_respondents_shows_no_figure(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 4, values=[1])
    students = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk].groups[STUDENT]
    assert students.suppressed
    assert students.respondents is None
    for q in students.questions:
        assert q.suppressed
        assert (q.n, q.distribution, q.mean, q.percent_favourable) == (None, None, None, None)
    for code in ("fair_treatment", "respect"):
        assert question(students, code).district.suppressed, "the district figure is the same four people here"


def test_a_hidden_group_cannot_be_derived_from_the_total_and_the_other_groups(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 3, values=[1])
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 6, values=[5])
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 9, values=[4])
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[survey.officer.pk]
    groups = results.groups
    assert results.all_groups.respondents == 18
    assert groups[STUDENT].suppressed
    # Without complementary suppression, 18 - 6 - 9 would give the students away.
    assert groups[FAMILY].suppressed, "the next-smallest group is hidden too"
    assert groups[STAFF].respondents == 9
    total = question(results.all_groups, "fair_treatment")
    assert total.n == 18
    shown = [question(g, "fair_treatment") for g in groups.values() if not question(g, "fair_treatment").suppressed]
    derived = {v: total.distribution[v] - sum((q.distribution or {}).get(v, 0) for q in shown) for v in total.distribution}
    assert derived == {"1": 3, "2": 0, "3": 0, "4": 0, "5": 6}, "only the two hidden groups together (9 people) can be derived"


def test_raising_k_re_applies_to_responses_already_collected(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[4])
    before = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)
    assert before[survey.officer.pk].groups[STUDENT].respondents == 6
    district = survey.period.district
    district.survey_min_responses = 7
    district.comment_min_responses = 8
    district.save()
    after = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)
    assert after[survey.officer.pk].groups[STUDENT].suppressed


def test_comments_show_only_from_a_group_at_the_comment_threshold(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 7, values=[4], comment="Kind")
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 8, values=[4], comment="Helpful")
    results = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[survey.officer.pk]
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
    results = survey_results_for_officers(
        officer_ids=[survey.officer.pk, survey.second_officer.pk, third.pk], period=survey.period
    )
    fair = {o: question(r.groups[STUDENT], "fair_treatment") for o, r in results.items()}
    assert fair[survey.officer.pk].suppressed
    assert fair[survey.second_officer.pk].suppressed, "district minus the shown officers would give it away"
    assert not fair[third.pk].suppressed
    assert fair[third.pk].district.n == 17


def test_a_school_with_one_officer_does_not_show_what_the_officer_hides(world) -> None:
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    submit_many(campaign, STUDENT, world.school, world.officer, 3)
    school = survey_results_for_schools(school_ids=[world.school.pk], period=world.period)[world.school.pk]
    assert school.groups[STUDENT].suppressed
    assert question(school.groups[STUDENT], "respect").suppressed


def test_every_shown_total_hides_at_least_two_parts_adding_to_k_or_none(world) -> None:
    """A randomised district: check every exact-sum table the suppression knows of."""
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
    for officer, group in itertools.product(officers, RespondentGroup.values):
        placed = [s for s in schools if officer.assignments.filter(school=s).exists()]
        for school in placed:
            count = rng.choice([0, 1, 2, 4, 6, 9])
            if count:
                submit_many(campaign, group, school, officer, count, values=[rng.randint(1, 5)])
    tables = _period_tables(world.period)
    lines = _lines(tables.counts, {})
    assert lines, "the check needs some tables"
    for total, parts in lines:
        if total in tables.hidden:
            continue
        hidden = [p for p in parts if p in tables.hidden and tables.counts[p] > 0]
        assert not hidden or (len(hidden) >= 2 and sum(tables.counts[p] for p in hidden) >= tables.k), (total, hidden)
    for key, n in tables.counts.items():
        if 0 < n < tables.k:
            assert key in tables.hidden


def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_officers(survey, django_assert_max_num_queries) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 8, values=[4], comment="Fine")
    submit_many(survey.campaign, STAFF, survey.school, survey.second_officer, 5, values=[3])
    with django_assert_max_num_queries(6):
        results = survey_results_for_officers(
            officer_ids=[survey.officer.pk, survey.second_officer.pk], period=survey.period
        )
    assert results[survey.officer.pk].groups[STUDENT].comments
