"""Code spending guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import datetime

import pytest

from core.dates import today
from surveys.models import AccessCode, RespondentGroup, Response
from surveys.services import response_submit
from tests.factories.surveys import agree_answers, issue_codes, make_campaign

pytestmark = pytest.mark.django_db


def test_a_code_is_still_taken_on_the_last_day_of_its_survey(world) -> None:
    """A survey that closes today is open all of today: a respondent answering on the
    last day (the day most answers arrive) is not told that the survey has closed."""
    day = today()
    last_day = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        opens_on=day - datetime.timedelta(days=20),
        closes_on=day,
    )
    [code] = issue_codes(last_day, RespondentGroup.STUDENT, world.school)

    response = response_submit(code=code, language="en", answers=agree_answers(world.officer, 4))

    assert Response.objects.get().pk == response.pk
    assert AccessCode.objects.get().spent


def test_the_response_handed_back_is_the_stored_row_not_a_second_one_to_insert(survey) -> None:
    """The submit path writes with one statement, not save(); the object it returns must
    still know it is stored, or the next save() of it inserts a second response."""
    [code] = issue_codes(survey.campaign, RespondentGroup.STUDENT, survey.school)
    response = response_submit(code=code, language="en", answers=agree_answers(survey.officer, 4))

    response.full_clean()
    response.save()

    assert Response.objects.count() == 1
