"""Releasing survey results: what release_create refuses, and that a refusal stores nothing.

A release is made once, by a coordinator of the district, after the campaign closes and
only when the disclosure audit passes; no code is issued after it. The attacks on
released figures are in ``test_releases.py``.
"""

from __future__ import annotations

import datetime

import pytest

from core.dates import today
from core.errors import ApplicationError
from core.models import AuditEvent
from roster.models import Role
from surveys.models import (
    Campaign,
    ReleasedComment,
    ReleasedCount,
    RespondentGroup,
    SurveyRelease,
)
from surveys.selectors import released as rule_module
from surveys.services import DisclosureAuditFailed, release_create
from tests.factories.roster import coordinator_of
from tests.factories.surveys import (
    close_campaign,
    issue_codes,
    release_results,
    submit_many,
)

pytestmark = pytest.mark.django_db

STUDENT, FAMILY, STAFF, PEER = RespondentGroup.values


def nothing_released() -> None:
    assert SurveyRelease.objects.count() == 0
    assert ReleasedCount.objects.count() == 0
    assert ReleasedComment.objects.count() == 0
    assert not AuditEvent.objects.filter(action="surveys.results_released").exists()


def test_a_release_while_the_campaign_is_open_is_refused_and_stores_nothing(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    with pytest.raises(ApplicationError, match="is open until"):
        release_create(campaign=survey.campaign, actor=survey.world.users[Role.COORDINATOR])
    nothing_released()


def test_a_second_release_has_nothing_new_and_changes_nothing(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    first = release_results(survey.campaign)
    counts = ReleasedCount.objects.count()
    with pytest.raises(ApplicationError, match="Nothing new to release"):
        release_create(campaign=survey.campaign, actor=survey.world.users[Role.COORDINATOR])
    assert list(SurveyRelease.objects.all()) == [first]
    assert ReleasedCount.objects.count() == counts


def test_a_release_with_no_responses_is_refused(survey) -> None:
    close_campaign(survey.campaign)
    with pytest.raises(ApplicationError, match="nobody answered"):
        release_create(campaign=survey.campaign, actor=survey.world.users[Role.COORDINATOR])
    nothing_released()


def test_only_a_coordinator_of_the_district_releases(survey, api_for) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    close_campaign(survey.campaign)
    url = f"/api/v1/surveys/campaigns/{survey.campaign.pk}/release/"
    for role in (Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        assert api_for(survey.world.users[role]).post(url).status_code in (403, 404), role
    assert api_for(coordinator_of(survey.world.other_district)).post(url).status_code == 404
    nothing_released()
    answer = api_for(survey.world.users[Role.COORDINATOR]).post(url)
    assert answer.status_code == 201
    again = api_for(survey.world.users[Role.COORDINATOR]).post(url)
    assert again.status_code == 400
    assert "Nothing new to release" in again.json()["detail"]
    assert SurveyRelease.objects.count() == 1


def test_the_release_page_says_why_it_refused(survey, client_for) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    client = client_for(survey.world.users[Role.COORDINATOR])
    url = f"/surveys/campaigns/{survey.campaign.pk}/release/"
    page = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Results are released once it has closed" in page.content.decode()
    nothing_released()
    close_campaign(survey.campaign)
    page = client.post(url, follow=True)
    assert "Tick the box to confirm" in page.content.decode(), (
        "a release is made once: it asks first"
    )
    nothing_released()
    page = client.post(url, {"confirm": "yes"}, follow=True)
    assert "are released" in page.content.decode()
    assert "Released on" in page.content.decode()


def test_a_release_the_audit_fails_is_refused_and_stores_nothing(survey, monkeypatch) -> None:
    """Break the rule on purpose (late codes counted toward k): the audit catches it."""
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 2, values=[1])
    Campaign.objects.filter(pk=survey.campaign.pk).update(
        opens_on=today() - datetime.timedelta(days=1)
    )
    survey.campaign.refresh_from_db()
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 3, values=[5])  # late codes
    monkeypatch.setattr(
        rule_module,
        "cell_shown",
        lambda released, cell: released.cells[cell].respondents.total >= released.k,
    )
    close_campaign(survey.campaign)
    with pytest.raises(DisclosureAuditFailed, match="Nothing was stored") as refused:
        release_create(campaign=survey.campaign, actor=survey.world.users[Role.COORDINATOR])
    assert "published rule" in refused.value.message
    nothing_released()


def test_issuing_codes_after_release_is_refused(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    release_results(survey.campaign)
    Campaign.objects.filter(pk=survey.campaign.pk).update(
        closes_on=today() + datetime.timedelta(days=3)
    )
    survey.campaign.refresh_from_db()
    with pytest.raises(ApplicationError, match="released"):
        issue_codes(survey.campaign, STUDENT, survey.school, 2)
