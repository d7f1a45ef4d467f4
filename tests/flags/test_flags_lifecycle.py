"""Flag lifecycle: open -> acknowledged -> resolved or dismissed, with notes and history."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from core.audit import audit_history
from core.errors import ApplicationError, ConflictError
from flags.models import FlagStatus
from flags.services.flags import flag_acknowledge, flag_dismiss, flag_resolve
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


@pytest.fixture
def flag(s):
    return FlagFactory(rule=FlagRuleFactory(district=s.district), officer=s.officer)


def test_a_flag_is_acknowledged_then_resolved_with_a_note_and_history(s, flag) -> None:
    flag = flag_acknowledge(flag=flag, actor=s.principal)
    assert flag.status == FlagStatus.ACKNOWLEDGED
    assert flag.acknowledged_by == s.principal
    flag = flag_resolve(flag=flag, actor=s.supervisor, note="Completed de-escalation refresher.")
    assert flag.status == FlagStatus.RESOLVED
    assert flag.closed_by == s.supervisor
    assert flag.note == "Completed de-escalation refresher."
    history = list(audit_history(flag))
    assert [(e.action, e.actor) for e in history] == [
        ("flag.acknowledged", s.principal),
        ("flag.resolved", s.supervisor),
    ]
    assert history[1].changes["status"] == ["acknowledged", "resolved"]


def test_dismissing_and_resolving_need_a_note(s, flag) -> None:
    with pytest.raises(ApplicationError, match="why"):
        flag_dismiss(flag=flag, actor=s.coordinator, note=" ")
    with pytest.raises(ApplicationError, match="how"):
        flag_resolve(flag=flag, actor=s.coordinator, note="")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_a_closed_flag_cannot_be_acknowledged_or_closed_again(s, flag) -> None:
    flag_dismiss(flag=flag, actor=s.coordinator, note="Data entry error in the training log.")
    with pytest.raises(ConflictError):
        flag_acknowledge(flag=flag, actor=s.coordinator)
    with pytest.raises(ConflictError):
        flag_resolve(flag=flag, actor=s.coordinator, note="again")


def test_the_officer_reads_their_flag_but_cannot_act_on_it(s, flag) -> None:
    with pytest.raises(ApplicationError, match="not act"):
        flag_acknowledge(flag=flag, actor=s.officer_user)
    with pytest.raises(ApplicationError, match="not act"):
        flag_dismiss(flag=flag, actor=s.other_principal, note="Not my school.")


def test_the_database_keeps_one_active_flag_per_rule_officer_and_period(s, flag) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FlagFactory(rule=flag.rule, officer=flag.officer, period=flag.period)


def test_a_closed_flag_without_a_note_is_refused_by_the_database(s, flag) -> None:
    flag.status = FlagStatus.DISMISSED
    with pytest.raises(IntegrityError), transaction.atomic():
        flag.save()


def test_the_api_acknowledges_and_dismisses(s, flag, api_for) -> None:
    client = api_for(s.supervisor)
    assert (
        client.post(f"/api/v1/flags/{flag.pk}/acknowledge/", {}, format="json").json()["status"]
        == "acknowledged"
    )
    response = client.post(
        f"/api/v1/flags/{flag.pk}/dismiss/", {"note": "Duplicate record."}, format="json"
    )
    assert response.json()["status"] == "dismissed"
    assert (
        client.post(f"/api/v1/flags/{flag.pk}/resolve/", {"note": "x"}, format="json").status_code
        == 409
    )
    assert (
        api_for(s.officer_user)
        .post(f"/api/v1/flags/{flag.pk}/acknowledge/", {}, format="json")
        .status_code
        == 403
    )


def test_principals_see_flags_of_officers_at_their_school_only(s, flag, api_for) -> None:
    assert api_for(s.principal).get(f"/api/v1/flags/{flag.pk}/").status_code == 200
    assert api_for(s.other_principal).get(f"/api/v1/flags/{flag.pk}/").status_code == 404
    assert api_for(s.other_supervisor).get(f"/api/v1/flags/{flag.pk}/").status_code == 404
    assert api_for(s.officer_user).get(f"/api/v1/flags/{flag.pk}/").status_code == 200


def test_the_flag_list_runs_a_fixed_number_of_queries(
    s, api_for, django_assert_max_num_queries
) -> None:
    rule = FlagRuleFactory(district=s.district)
    for _ in range(15):
        FlagFactory(rule=rule, period=FlagFactory(rule=rule).period)
    with django_assert_max_num_queries(6):
        response = api_for(s.coordinator).get("/api/v1/flags/")
    assert response.json()["count"] == 30
