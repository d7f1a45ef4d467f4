"""The self-assessment API: the coordinator's list and one assessment with its sheet."""

from __future__ import annotations

import pytest

from selfassessment.services.assessments import selfassessment_complete, selfassessment_start
from tests.factories.roster import DistrictFactory, EvaluationPeriodFactory
from tests.factories.selfassessment import SelfAssessmentFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_lists_the_districts_assessments_newest_year_first(home, api_for) -> None:
    current = selfassessment_start(period=home.period, actor=home.coordinator)
    prior = selfassessment_start(period=home.prior, actor=home.coordinator)
    SelfAssessmentFactory(period=EvaluationPeriodFactory(district=DistrictFactory(code="AWAY")))

    response = api_for(home.coordinator).get("/api/v1/self-assessments/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [current.pk, prior.pk]
    assert response.json()["results"][0]["period_name"] == "2026-27"


def test_the_detail_carries_the_sheet_and_a_completed_one_its_snapshot(home, api_for) -> None:
    assessment = selfassessment_complete(
        assessment=selfassessment_start(period=home.prior, actor=home.coordinator),
        actor=home.coordinator,
    )

    body = api_for(home.coordinator).get(f"/api/v1/self-assessments/{assessment.pk}/").json()

    assert body["sheet"] == assessment.snapshot
    assert body["completed_on"] == assessment.completed_on.isoformat()
    mou = next(i for i in body["sheet"]["items"] if i["key"] == "s1-mou-in-force")
    assert (mou["source"], mou["url"]) == ("evidence", f"/agreements/mous/{home.mou.pk}/")


def test_an_outsider_gets_404_and_other_roles_see_nothing(home, api_for) -> None:
    away = SelfAssessmentFactory(
        period=EvaluationPeriodFactory(district=DistrictFactory(code="AWAY"))
    )
    mine = selfassessment_start(period=home.period, actor=home.coordinator)

    assert api_for(home.coordinator).get(f"/api/v1/self-assessments/{away.pk}/").status_code == 404
    principal = api_for(home.principal)
    assert principal.get(f"/api/v1/self-assessments/{mine.pk}/").status_code == 404
    assert principal.get("/api/v1/self-assessments/").json()["results"] == []


def test_the_list_runs_a_fixed_number_of_queries(
    home, api_for, django_assert_max_num_queries
) -> None:
    for name, year in (("2023-24", 2023), ("2024-25", 2024), ("2025-26", 2025), ("2026-27", 2026)):
        period = EvaluationPeriodFactory(
            district=home.district,
            name=name,
            start_date=f"{year}-08-01",
            end_date=f"{year + 1}-07-31",
        )
        SelfAssessmentFactory(period=period)
    client = api_for(home.coordinator)

    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/self-assessments/")

    assert response.json()["count"] == 4
