"""Tests written for the mutants of ``surveys/selectors/released.py`` (the published
suppression rule) that survived the mutation run (mutation/survey_released.toml):
each reads results as a district reader would, and each was seen to fail with its
mutant applied."""

from __future__ import annotations

import pytest

from surveys.models import RespondentGroup
from surveys.selectors import survey_results_for_officers
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db

STUDENT = RespondentGroup.STUDENT


def students_about(officer, period):
    return survey_results_for_officers(officer_ids=[officer.pk], period=period)[officer.pk].groups[
        STUDENT
    ]


def test_a_group_of_exactly_k_is_shown_with_each_question_it_answered(survey) -> None:
    """k is 5: five students are enough, and so are five answers to a question."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 5, values=[4])
    release_results(survey.campaign)
    students = students_about(survey.officer, survey.period)
    assert not students.suppressed
    assert students.respondents == 5
    fair = next(q for q in students.questions if q.code == "fair_treatment")
    assert (fair.suppressed, fair.n, fair.distribution["4"]) == (False, 5, 5)


@pytest.mark.parametrize(
    ("about_first", "about_second"),
    [(7, 4), (5, 4)],
    ids=["eleven-in-the-10-14-step", "nine-in-the-5-9-step"],
)
def test_a_shown_cell_beside_a_hidden_one_stays_shown_when_the_step_pins_nothing(
    survey, about_first, about_second
) -> None:
    """Seven (or five) students about one officer and four about the other: the rate's
    step (10-14, or 5-9) leaves the four anywhere from 3 (or 0) to 4, so the shown
    cell gives nothing away and withholding it would only hide a safe figure."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, about_first)
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, about_second)
    release_results(survey.campaign)
    shown = students_about(survey.officer, survey.period)
    assert (shown.suppressed, shown.respondents) == (False, about_first)
    assert students_about(survey.second_officer, survey.period).suppressed


def test_no_question_of_a_withheld_block_is_shown(survey) -> None:
    """Six students about one officer beside four about the other (10 in the 10-14
    step) withhold the block: the six's questions too, though six answered each."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[4])
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, 4, values=[2])
    release_results(survey.campaign)
    students = students_about(survey.officer, survey.period)
    assert students.suppressed
    assert all(q.suppressed and q.n is None for q in students.questions)


def three_officers_surveyed(world) -> tuple[list, object]:
    """The home school with three officers, and a campaign asking about all three."""
    officers = [world.officer]
    for name in ("Rosa", "Ines"):
        officer = OfficerFactory(agency=world.agency, first_name=name, last_name="Alvarez")
        AssignmentFactory(officer=officer, school=world.school)
        officers.append(officer)
    campaign = make_campaign(period=world.period, schools=[world.school], officers=officers)
    return officers, campaign


def test_two_shown_officers_do_not_pin_a_third_hidden_one_through_the_step(world) -> None:
    """6, 10 and 4 students about three officers: 20 codes answered, in the 20-24 step.
    A coordinator who saw the 6 and the 10 would know the third officer's students were
    at least 4, and at most 4 by k: the whole block is withheld."""
    officers, campaign = three_officers_surveyed(world)
    for officer, count in zip(officers, (6, 10, 4), strict=True):
        submit_many(campaign, STUDENT, world.school, officer, count)
    release_results(campaign)
    for officer in officers:
        students = students_about(officer, world.period)
        assert students.suppressed, officer
        assert students.respondents is None


def test_raising_k_withholds_a_block_whose_newly_hidden_cell_the_step_would_pin(world) -> None:
    """Released at k = 5 with 7, 6 and 4 students about three officers (17, in the
    15-19 step): nothing withheld. At k = 7 the 6 is hidden too, and the shown 7
    leaves 8 for two hidden cells of at most 4 each by the campaign's promise: the
    block is withheld at the new k, not only at release day's."""
    officers, campaign = three_officers_surveyed(world)
    for officer, count in zip(officers, (7, 6, 4), strict=True):
        submit_many(campaign, STUDENT, world.school, officer, count)
    release_results(campaign)
    assert students_about(officers[0], world.period).respondents == 7
    district = world.period.district
    district.survey_min_responses = 7
    district.comment_min_responses = max(district.comment_min_responses, 7)
    district.save()
    assert students_about(officers[0], world.period).suppressed
