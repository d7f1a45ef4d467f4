"""Removal request pages: the form, the status page, what each person sees."""

from __future__ import annotations

import datetime

import pytest

from core.dates import today
from flags.models import RemovalRequest, RemovalStatus
from flags.services.removals import removal_request_decide, removal_request_file
from roster.models import Assignment
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def test_the_form_offers_only_officers_at_the_principals_school(s, client_for) -> None:
    page = client_for(s.principal).get("/removals/new/").content.decode()
    assert s.officer.last_name in page
    assert s.officer_elsewhere.last_name not in page
    other = Assignment.objects.get(officer=s.officer_elsewhere)
    response = client_for(s.principal).get("/removals/new/", {"assignment": other.pk})
    assert "Select a valid choice" in response.content.decode()


def test_a_principal_files_from_the_form_citing_a_flag(s, client_for) -> None:
    flag = FlagFactory(
        rule=FlagRuleFactory(district=s.district, name="Use of force"), officer=s.officer
    )
    assignment = Assignment.objects.get(officer=s.officer)
    client = client_for(s.principal)
    form = client.get("/removals/new/", {"assignment": assignment.pk}).content.decode()
    assert "Use of force" in form
    response = client.post(
        f"/removals/new/?assignment={assignment.pk}",
        {"reason": "Pepper spray in a classroom.", "cited_flags": [flag.pk]},
    )
    request = RemovalRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/removals/{request.pk}/"
    assert list(request.cited_flags.all()) == [flag]
    assert request.due_date == today() + datetime.timedelta(days=45)


def test_the_form_says_what_is_missing(s, client_for) -> None:
    assignment = Assignment.objects.get(officer=s.officer)
    response = client_for(s.principal).post(
        f"/removals/new/?assignment={assignment.pk}", {"reason": ""}
    )
    assert "Give a written reason or cite at least one flag." in response.content.decode()
    assert not RemovalRequest.objects.exists()


def test_only_principals_reach_the_form(s, client_for) -> None:
    for user in (s.supervisor, s.coordinator, s.officer_user):
        assert client_for(user).get("/removals/new/").status_code == 404


def test_the_status_page_shows_the_officer_the_decision_but_not_the_reasons(s, client_for) -> None:
    request = removal_request_file(
        officer=s.officer,
        school=s.school,
        filed_by=s.principal,
        reason="Confidential account from a teacher.",
    )
    removal_request_decide(
        request=request, actor=s.supervisor, granted=False, reasons="Inquiry found no fault."
    )
    officer_page = client_for(s.officer_user).get(f"/removals/{request.pk}/").content.decode()
    assert "Denied" in officer_page
    assert "Confidential account" not in officer_page
    assert "Inquiry found no fault" not in officer_page
    principal_page = client_for(s.principal).get(f"/removals/{request.pk}/").content.decode()
    assert "Confidential account" in principal_page
    assert "Inquiry found no fault" in principal_page
    assert "locked" in principal_page


def test_the_agency_decides_from_the_status_page(s, client_for) -> None:
    request = removal_request_file(
        officer=s.officer, school=s.school, filed_by=s.principal, reason="Arrests."
    )
    client = client_for(s.supervisor)
    assert "Record the decision" in client.get(f"/removals/{request.pk}/").content.decode()
    end = today() + datetime.timedelta(days=10)
    client.post(
        f"/removals/{request.pk}/decide/",
        {"decision": "granted", "assignment_end_date": end.isoformat()},
    )
    request.refresh_from_db()
    assert request.status == RemovalStatus.GRANTED
    assert Assignment.objects.get(pk=request.assignment_id).end_date == end
    client.post(
        f"/removals/{request.pk}/decide/", {"decision": "denied", "reasons": "Changed our mind."}
    )
    request.refresh_from_db()
    assert request.status == RemovalStatus.GRANTED


def test_outsiders_get_404_on_the_status_page(s, client_for) -> None:
    request = removal_request_file(
        officer=s.officer, school=s.school, filed_by=s.principal, reason="Arrests."
    )
    for outsider in (s.other_principal, s.other_supervisor):
        client = client_for(outsider)
        assert client.get(f"/removals/{request.pk}/").status_code == 404
        assert client.post(f"/removals/{request.pk}/withdraw/", {}).status_code == 404
