from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from roster.models import Role
from surveys.models import AccessCode, RespondentGroup, Response
from tests.factories.roster import UserFactory
from tests.factories.surveys import agree_answers, issue_codes, make_campaign, submit_many

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT
SUBMIT = "/api/v1/surveys/responses/"


def test_the_submit_endpoint_stores_a_response_and_returns_no_id(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    answer = APIClient().post(
        SUBMIT,
        {"code": code, "language": "en", "answers": agree_answers(survey.officer, 4)},
        format="json",
    )
    assert answer.status_code == 201
    assert answer.json() == {"stored": True}
    assert Response.objects.count() == 1
    again = APIClient().post(
        SUBMIT,
        {"code": code, "language": "en", "answers": agree_answers(survey.officer, 2)},
        format="json",
    )
    assert again.status_code == 409
    assert again.json()["reason"] == "used"
    assert Response.objects.count() == 1


def test_the_submit_endpoint_ignores_a_logged_in_session(survey, api_for) -> None:
    """Even a signed-in coordinator submits anonymously: authentication isn't read at all."""
    from surveys.apis import SurveyResponseSubmitApi

    assert SurveyResponseSubmitApi.authentication_classes == ()
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    client = APIClient()
    client.force_login(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        SUBMIT,
        {"code": code, "language": "es", "answers": agree_answers(survey.officer, 4)},
        format="json",
    )
    assert answer.status_code == 201


def test_code_guessing_is_throttled_on_the_api(survey) -> None:
    client = APIClient()
    statuses = [
        client.post(
            SUBMIT, {"code": "AAAA-AAAA-AAA", "language": "en", "answers": []}, format="json"
        ).status_code
        for _ in range(31)
    ]
    assert 429 not in statuses[:30]
    assert statuses[30] == 429


def test_the_submit_path_runs_few_queries(survey, django_assert_max_num_queries) -> None:
    first, second = issue_codes(survey.campaign, STUDENT, survey.school, 2)
    client = APIClient()
    body = {"language": "en", "answers": agree_answers(survey.officer, 4, comment="ok")}
    # Cold: the code, campaign group, officers at the school, questions, then the write.
    with django_assert_max_num_queries(9):
        assert client.post(SUBMIT, {"code": first, **body}, format="json").status_code == 201
    # Warm (the answers fit the survey just used): finding and spending the code and
    # storing the response are one statement on PostgreSQL, one round trip; a
    # conditional UPDATE and two INSERTs in a transaction elsewhere.
    writes = 1 if connection.vendor == "postgresql" else 5
    with django_assert_max_num_queries(writes):
        assert client.post(SUBMIT, {"code": second, **body}, format="json").status_code == 201
    assert Response.objects.count() == 2


def test_a_coordinator_issues_codes_that_work(survey, api_for) -> None:
    client = api_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/api/v1/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": STUDENT, "school": survey.school.pk, "count": 3},
        format="json",
    )
    assert answer.status_code == 201
    codes = answer.json()["codes"]
    assert len(codes) == 3
    assert AccessCode.objects.count() == 3
    rates = client.get(f"/api/v1/surveys/campaigns/{survey.campaign.pk}/response-rates/").json()
    students = next(r for r in rates if r["group"] == STUDENT)
    assert (
        students["codes_issued"],
        students["late_codes"],
        students["responses_low"],
        students["responses_high"],
    ) == (3, 0, 0, 3), "a step never goes past the codes issued"


def test_only_the_coordinator_issues_codes(survey, api_for) -> None:
    for role in (Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        answer = api_for(survey.world.users[role]).post(
            f"/api/v1/surveys/campaigns/{survey.campaign.pk}/codes/",
            {"group": STUDENT, "school": survey.school.pk, "count": 3},
            format="json",
        )
        assert answer.status_code in (403, 404), role
    assert AccessCode.objects.count() == 0


def test_an_outsider_gets_404_on_every_survey_endpoint(survey, api_for) -> None:
    world = survey.world
    other = make_campaign(
        period=world.other_period, schools=[world.other_school], officers=[world.other_officer]
    )
    outsider = api_for(UserFactory(username="outsider"))
    coordinator = api_for(world.users[Role.COORDINATOR])
    for url in (
        f"/api/v1/surveys/campaigns/{other.pk}/",
        f"/api/v1/surveys/campaigns/{other.pk}/response-rates/",
        f"/api/v1/surveys/results/officers/{world.other_officer.pk}/",
        f"/api/v1/surveys/results/schools/{world.other_school.pk}/",
    ):
        assert coordinator.get(url).status_code == 404, url
        assert outsider.get(url).status_code in (403, 404), url
    assert (
        coordinator.post(
            f"/api/v1/surveys/campaigns/{other.pk}/codes/",
            {"group": STUDENT, "school": world.other_school.pk, "count": 1},
            format="json",
        ).status_code
        == 404
    )


def test_an_officer_reads_only_their_own_results(survey, api_for) -> None:
    client = api_for(survey.world.users[Role.OFFICER])
    assert client.get(f"/api/v1/surveys/results/officers/{survey.officer.pk}/").status_code == 200
    assert (
        client.get(f"/api/v1/surveys/results/officers/{survey.second_officer.pk}/").status_code
        == 404
    )
    assert client.get(f"/api/v1/surveys/results/schools/{survey.school.pk}/").status_code == 403


@pytest.mark.parametrize("url", ["/api/v1/surveys/campaigns/", "/api/v1/surveys/templates/"])
def test_list_endpoints_run_a_fixed_number_of_queries(
    survey, api_for, django_assert_max_num_queries, url
) -> None:
    for n in range(3):
        make_campaign(
            period=survey.period,
            schools=[survey.school],
            officers=[survey.officer],
            name=f"Extra {n}",
        )
    client = api_for(survey.world.users[Role.COORDINATOR])
    with django_assert_max_num_queries(8):
        answer = client.get(url)
    assert answer.status_code == 200
    assert answer.json()["count"] >= 4


def test_results_pages_run_a_fixed_number_of_queries(
    survey, client_for, django_assert_max_num_queries
) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    client = client_for(survey.world.users[Role.COORDINATOR])
    with django_assert_max_num_queries(20):
        assert client.get("/surveys/results/").status_code == 200


def test_an_answer_naming_its_question_by_a_list_is_refused_and_nothing_is_stored(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    answers = agree_answers(survey.officer, 4)
    answers[0] = {**answers[0], "question": ["Q1"]}
    answer = APIClient().post(
        SUBMIT, {"code": code, "language": "en", "answers": answers}, format="json"
    )
    assert answer.status_code == 400
    assert "no question" in answer.json()["detail"]
    assert Response.objects.count() == 0
