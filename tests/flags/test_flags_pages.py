"""Flag pages: the board, one flag, an officer's flags, the rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.models import AuditEvent
from flags.models import FlagRule, FlagSeverity, FlagStatus
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def test_the_board_shows_flags_by_severity_and_filters_them(s, client_for) -> None:
    rule = FlagRuleFactory(district=s.district, name="Required training overdue")
    FlagFactory(rule=rule, officer=s.officer, severity=FlagSeverity.REMOVAL)
    FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Sustained complaints"),
        officer=s.officer_elsewhere,
        severity=FlagSeverity.WATCH,
    )
    client = client_for(s.coordinator)
    page = client.get("/flags/").content.decode()
    assert "Required training overdue" in page
    assert "Sustained complaints" in page
    filtered = client.get("/flags/", {"severity": "removal", "status": "active"}).content.decode()
    assert "Required training overdue" in filtered
    assert "Sustained complaints" not in filtered
    by_school = client.get("/flags/", {"school": s.other_school.pk}).content.decode()
    assert "Sustained complaints" in by_school
    assert "Required training overdue" not in by_school


def test_a_principal_sees_only_their_schools_flags_on_the_board(s, client_for) -> None:
    FlagFactory(rule=FlagRuleFactory(district=s.district, name="Mine"), officer=s.officer)
    FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Elsewhere"), officer=s.officer_elsewhere
    )
    page = client_for(s.principal).get("/flags/").content.decode()
    assert "Mine" in page
    assert "Elsewhere" not in page


def test_a_flag_page_shows_evidence_and_acts_on_it(s, client_for) -> None:
    flag = FlagFactory(
        rule=FlagRuleFactory(district=s.district),
        officer=s.officer,
        value=Decimal("45"),
        evidence={
            "value": "45",
            "figures": {"Annual use-of-force refresher": "45 days overdue"},
            "records": [],
            "rule": {"metric": "training_overdue_days"},
        },
    )
    client = client_for(s.principal)
    page = client.get(f"/flags/{flag.pk}/").content.decode()
    assert "Annual use-of-force refresher" in page
    assert "Acknowledge" in page
    response = client.post(
        f"/flags/{flag.pk}/dismiss/", {"note": "Course completed; log was late."}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED
    assert "Course completed; log was late." in client.get(f"/flags/{flag.pk}/").content.decode()


def test_the_officer_reads_their_flags_without_actions(s, client_for) -> None:
    flag = FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Low overall rating"), officer=s.officer
    )
    client = client_for(s.officer_user)
    assert "Low overall rating" in client.get(f"/flags/officers/{s.officer.pk}/").content.decode()
    assert "Acknowledge" not in client.get(f"/flags/{flag.pk}/").content.decode()
    client.post(f"/flags/{flag.pk}/acknowledge/", {"note": ""})
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_outsiders_get_404_on_flag_pages(s, client_for) -> None:
    flag = FlagFactory(rule=FlagRuleFactory(district=s.district), officer=s.officer)
    client = client_for(s.other_principal)
    assert client.get(f"/flags/{flag.pk}/").status_code == 404
    assert client.get(f"/flags/officers/{s.officer.pk}/").status_code == 404
    assert client.post(f"/flags/{flag.pk}/dismiss/", {"note": "x"}).status_code == 404


def test_the_coordinator_edits_a_rules_threshold_from_the_page(
    s, client_for, django_capture_on_commit_callbacks
) -> None:
    rule = FlagRuleFactory(district=s.district)
    client = client_for(s.coordinator)
    assert "Edit" in client.get("/flags/rules/").content.decode()
    data = {
        "name": rule.name,
        "description": "",
        "comparison": "gte",
        "warning_threshold": "2",
        "warning_severity": "watch",
        "critical_threshold": "4",
        "critical_severity": "review",
        "window_months": "",
        "min_sample": "",
        "question_code": "",
        "respondent_group": "",
        "is_active": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/flags/rules/{rule.pk}/", data)
    assert response.status_code == 302, response.content.decode()
    rule = FlagRule.objects.get(pk=rule.pk)
    assert rule.warning_threshold == Decimal("2")
    event = AuditEvent.objects.get(action="flag_rule.updated")
    assert event.changes["warning_threshold"] == ["1.00", "2"]
    assert client_for(s.principal).get(f"/flags/rules/{rule.pk}/").status_code == 404


def test_home_items_count_open_flags_and_pending_requests(s) -> None:
    from flags.home import home_tasks as flags_home_tasks
    from flags.home import nav_items as flags_nav_items
    from flags.services.removals import removal_request_file

    FlagFactory(
        rule=FlagRuleFactory(district=s.district), officer=s.officer, severity=FlagSeverity.REMOVAL
    )
    removal_request_file(
        officer=s.officer, school=s.school, filed_by=s.principal, reason="Arrests."
    )
    titles = [item["title"] for item in flags_home_tasks(user=s.supervisor)]
    assert titles == [
        "1 open flag(s) to look at",
        "1 removal request(s) awaiting the agency's answer",
    ]
    assert flags_home_tasks(user=s.other_supervisor) == []
    assert flags_home_tasks(user=s.officer_user) == []
    assert [item["title"] for item in flags_nav_items(user=s.officer_user)] == [
        "Flags",
        "Removal requests",
    ]
