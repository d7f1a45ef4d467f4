"""The API reads input as the schema types it: anything else is a 400, never a guess."""

from __future__ import annotations

import pytest

from core.api_query import EMPTY, REPEATED
from flags.models import FlagRule
from tests.factories.flags import FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db

NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."

RULE = {
    "code": "force-any",
    "name": "Any use of force",
    "metric": "use_of_force_level",
    "comparison": "gte",
    "warning_threshold": "1",
    "warning_severity": "review",
    "critical_threshold": "3",
    "critical_severity": "removal",
}


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def create_rule(s: RemovalSetting, api_for, **changes: object):
    return api_for(s.coordinator).post(
        "/api/v1/flag-rules/create/", {**RULE, "district": s.district.pk, **changes}, format="json"
    )


def test_a_number_where_text_is_expected_is_refused_not_stored_as_text(s, api_for) -> None:
    response = create_rule(s, api_for, name=0)

    assert response.status_code == 400
    assert response.json() == {"name": ["Must be a string."]}
    assert not FlagRule.objects.exists()


def test_a_decimal_is_a_string_in_json_as_the_api_writes_it(s, api_for) -> None:
    response = create_rule(s, api_for, warning_threshold=1)

    assert response.status_code == 400
    assert response.json() == {"warning_threshold": ["Must be a string."]}
    assert not FlagRule.objects.exists()


def test_text_where_an_integer_is_expected_is_refused(s, api_for) -> None:
    response = create_rule(s, api_for, district=str(s.district.pk))

    assert response.status_code == 400
    assert response.json() == {"district": ["Must be an integer."]}
    assert not FlagRule.objects.exists()


def test_a_well_typed_body_is_still_accepted(s, api_for) -> None:
    assert create_rule(s, api_for).status_code == 201
    assert FlagRule.objects.filter(code="force-any").exists()


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("?page=", {"page": [EMPTY]}),
        ("?page=1&page=2", {"page": [REPEATED]}),
        ("?page=abc", {"page": ["Must be a whole number from 1."]}),
        ("?page=0", {"page": ["Must be a whole number from 1."]}),
        ("?metric=", {"metric": [EMPTY]}),
        ("?is_active=null", {"is_active": ["Must be true or false."]}),
        ("?district=0.5", {"district": [NOT_A_CHOICE]}),
    ],
)
def test_a_malformed_query_is_refused_with_the_parameter_named(
    s, api_for, query: str, errors: dict[str, list[str]]
) -> None:
    FlagRuleFactory(district=s.district)

    response = api_for(s.coordinator).get(f"/api/v1/flag-rules/{query}")

    assert response.status_code == 400
    assert response.json() == errors


def test_a_well_formed_query_still_filters(s, api_for) -> None:
    FlagRuleFactory(district=s.district, is_active=False)

    client = api_for(s.coordinator)

    assert client.get("/api/v1/flag-rules/?is_active=true&page=1").json()["count"] == 0
    assert client.get("/api/v1/flag-rules/?is_active=false").json()["count"] == 1


def test_a_page_past_the_end_is_still_not_found(s, api_for) -> None:
    response = api_for(s.coordinator).get("/api/v1/flag-rules/?page=9")

    assert response.status_code == 404


def test_an_integer_filter_refuses_a_fraction(s, api_for) -> None:
    response = api_for(s.coordinator).get("/api/v1/officers/?school=0.5")

    assert response.status_code == 400
    assert response.json() == {"school": ["Enter a whole number."]}


def test_a_caller_without_access_is_refused_before_the_query_is_read(client) -> None:
    response = client.get("/api/v1/flag-rules/?page=&page=")

    assert response.status_code == 403
