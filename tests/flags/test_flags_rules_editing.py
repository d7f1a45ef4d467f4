"""The coordinator adds and edits rules; nobody else can, and bad rules are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.models import AuditEvent
from flags.models import FlagRule
from tests.factories.flags import FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


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


def test_the_coordinator_adds_a_rule_through_the_api(
    s, api_for, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(s.coordinator).post(
            "/api/v1/flag-rules/create/", {**RULE, "district": s.district.pk}, format="json"
        )
    assert response.status_code == 201, response.content
    rule = FlagRule.objects.get(code="force-any")
    assert rule.warning_threshold == Decimal("1")
    assert AuditEvent.objects.filter(action="flag_rule.created", target_id=str(rule.pk)).exists()


def test_others_cannot_add_rules(s, api_for) -> None:
    for user in (s.principal, s.supervisor, s.officer_user):
        response = api_for(user).post(
            "/api/v1/flag-rules/create/", {**RULE, "district": s.district.pk}, format="json"
        )
        assert response.status_code == 403
    assert not FlagRule.objects.filter(code="force-any").exists()


def test_a_rule_for_an_unknown_metric_or_inverted_thresholds_is_refused(s, api_for) -> None:
    client = api_for(s.coordinator)
    unknown = client.post(
        "/api/v1/flag-rules/create/",
        {**RULE, "metric": "astrology", "district": s.district.pk},
        format="json",
    )
    assert unknown.status_code == 400
    assert "astrology" in str(unknown.json())
    inverted = client.post(
        "/api/v1/flag-rules/create/",
        {**RULE, "warning_threshold": "3", "critical_threshold": "1", "district": s.district.pk},
        format="json",
    )
    assert inverted.status_code == 400
    assert "stricter" in str(inverted.json())


def test_a_survey_rule_needs_its_question_code(s, api_for) -> None:
    response = api_for(s.coordinator).post(
        "/api/v1/flag-rules/create/",
        {
            **RULE,
            "code": "survey",
            "metric": "survey_favourability",
            "comparison": "lt",
            "warning_threshold": "60",
            "critical_threshold": "40",
            "district": s.district.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "question" in str(response.json())


def test_the_coordinator_adds_a_rule_from_the_page(s, client_for) -> None:
    client = client_for(s.coordinator)
    assert "Add a rule" in client.get("/flags/rules/").content.decode()
    data = {
        **RULE,
        "district": s.district.pk,
        "description": "",
        "window_months": "",
        "min_sample": "",
        "question_code": "",
        "respondent_group": "",
    }
    assert client.post("/flags/rules/new/", data).status_code == 302
    assert FlagRule.objects.filter(code="force-any", district=s.district).exists()
    again = client.post("/flags/rules/new/", data).content.decode()
    assert "already has a rule" in again
    assert client_for(s.principal).get("/flags/rules/new/").status_code == 404


def test_an_edit_that_breaks_the_rule_is_shown_and_saves_nothing(s, client_for) -> None:
    rule = FlagRuleFactory(district=s.district)
    data = {
        "name": rule.name,
        "description": "",
        "comparison": "gte",
        "warning_threshold": "5",
        "warning_severity": "watch",
        "critical_threshold": "2",
        "critical_severity": "review",
        "window_months": "",
        "min_sample": "",
        "question_code": "",
        "respondent_group": "",
        "is_active": "on",
    }
    page = client_for(s.coordinator).post(f"/flags/rules/{rule.pk}/", data).content.decode()
    assert "stricter" in page
    rule.refresh_from_db()
    assert rule.warning_threshold == Decimal("1")
