"""Survey results pages: answers as favourable / neutral / unfavourable bars, from
released figures only, with "suppressed" as the one word for a figure not shown."""

from __future__ import annotations

import re

import pytest

from roster.models import Role
from surveys.models import RespondentGroup
from surveys.services import response_submit
from tests.factories.surveys import agree_answers, issue_codes, release_results, submit_many

pytestmark = pytest.mark.django_db
STUDENT, STAFF = RespondentGroup.STUDENT, RespondentGroup.STAFF
BAR = re.compile(r'<svg class="split-bar"[^>]*aria-label="([^"]*)"')


def _main(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _answer(survey, group: str, values: list[int], **extra) -> None:
    codes = issue_codes(survey.campaign, group, survey.school, len(values))
    for code, value in zip(codes, values, strict=True):
        response_submit(
            code=code,
            language="en",
            answers=agree_answers(survey.officer, value, extra=extra),
        )


def test_each_question_is_a_bar_with_its_numbers_and_no_score_list(survey, client_for) -> None:
    # Ten staff: 5,5,4,4,4,3,2,1,5,4 -> 7 favourable, 1 neutral, 2 unfavourable.
    _answer(survey, STAFF, [5, 5, 4, 4, 4, 3, 2, 1, 5, 4])
    release_results(survey.campaign)
    client = client_for(survey.world.users[Role.COORDINATOR])
    main = _main(client, f"/surveys/results/officers/{survey.officer.pk}/")
    labels = BAR.findall(main)
    expected = "70.0% favourable, 10.0% neutral, 20.0% unfavourable"
    assert len(labels) >= 2
    assert all(label.endswith(f": {expected}") for label in labels), labels
    assert main.count(expected) >= 2 * 2, "bar label and the words beside it, per question"
    assert not re.search(r"\b1: \d+, 2: \d+", main), "no more score-by-score text"
    assert "How to read the answer bars" in main
    assert "hidden" not in re.sub(r'aria-hidden="true"', "", main), '"suppressed" is the one word'


def test_a_yes_no_question_has_no_neutral_and_a_choice_question_lists_its_choices(
    survey, client_for
) -> None:
    _answer(
        survey,
        STUDENT,
        [4] * 6,
        knows_role="yes",
        contact="weekly",
    )
    codes = issue_codes(survey.campaign, STUDENT, survey.school, 2)
    for code in codes:
        response_submit(
            code=code,
            language="en",
            answers=agree_answers(
                survey.officer, 2, extra={"knows_role": "no", "contact": "never"}
            ),
        )
    release_results(survey.campaign)
    main = _main(
        client_for(survey.world.users[Role.COORDINATOR]),
        f"/surveys/results/officers/{survey.officer.pk}/",
    )
    assert "75.0% favourable, 25.0% unfavourable" in main, "yes / no: 6 yes, 2 no, no neutral"
    assert "Every week or more: 6" in main
    assert "Never: 2" in main


def test_a_group_below_k_says_suppressed_and_draws_no_bar(survey, client_for) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 3, values=[1])
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 6, values=[5])
    release_results(survey.campaign)
    main = _main(
        client_for(survey.world.users[Role.SUPERVISOR]),
        f"/surveys/results/officers/{survey.officer.pk}/",
    )
    assert "Respondents: suppressed" in main
    assert "100.0% unfavourable" not in main, "the three students' answers"
    assert all("100.0% favourable" in label for label in BAR.findall(main)), (
        "every bar drawn is the staff's (and the all-groups total of shown groups)"
    )
    listing = _main(client_for(survey.world.users[Role.COORDINATOR]), "/surveys/results/")
    assert "suppressed" in listing
    assert "hidden" not in listing


def test_answers_not_yet_released_draw_no_bar(survey, client_for) -> None:
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 8, values=[5])
    main = _main(
        client_for(survey.world.users[Role.COORDINATOR]),
        f"/surveys/results/officers/{survey.officer.pk}/",
    )
    assert BAR.findall(main) == []
    assert "favourable, " not in main
