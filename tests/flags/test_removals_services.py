"""Removal requests: filing, the MOU's response window, decisions, locking, notices."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from core.audit import audit_history
from core.dates import today
from core.errors import ApplicationError, ConflictError
from flags.models import RemovalRequest, RemovalStatus
from flags.services.removals import (
    removal_request_decide,
    removal_request_file,
    removal_request_start_review,
    removal_request_withdraw,
    removal_requests_notify_overdue,
)
from roster.models import Assignment
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalSetting, removal_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def file(s: RemovalSetting, **kwargs) -> RemovalRequest:
    return removal_request_file(
        officer=s.officer,
        school=s.school,
        filed_by=s.principal,
        **({"reason": "Arrested a student for a dress-code violation."} | kwargs),
    )


def test_a_request_is_due_after_the_mous_response_window(
    s, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        request = file(s)
    assert request.status == RemovalStatus.SUBMITTED
    assert request.due_date == today() + datetime.timedelta(days=45)
    assert request.mou == s.mou
    assert request.assignment.school == s.school


def test_a_shorter_mou_window_gives_an_earlier_due_date(s) -> None:
    s.mou.removal_response_days = 10
    s.mou.save()
    assert file(s).due_date == today() + datetime.timedelta(days=10)


def test_filing_notifies_the_supervisor_and_the_coordinator_after_commit(
    s, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        file(s)
    assert mail.outbox == [], "mail must wait for the commit"
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["coordinator@example.org", "sergeant@example.org"]
    assert "Luis Lee" in message.subject
    assert (today() + datetime.timedelta(days=45)).isoformat() in message.body


def test_a_principal_can_file_only_for_officers_at_their_school(s) -> None:
    with pytest.raises(ApplicationError, match="not assigned"):
        removal_request_file(
            officer=s.officer_elsewhere, school=s.school, filed_by=s.principal, reason="x"
        )
    with pytest.raises(ApplicationError, match="Only a principal of the school"):
        removal_request_file(
            officer=s.officer_elsewhere, school=s.other_school, filed_by=s.principal, reason="x"
        )
    with pytest.raises(ApplicationError, match="Only a principal of the school"):
        removal_request_file(officer=s.officer, school=s.school, filed_by=s.supervisor, reason="x")
    assert not RemovalRequest.objects.exists()


def test_an_officer_whose_assignment_ended_cannot_be_the_subject(s) -> None:
    Assignment.objects.filter(officer=s.officer).update(
        end_date=today() - datetime.timedelta(days=1)
    )
    with pytest.raises(ApplicationError, match="not assigned"):
        file(s)


def test_a_request_needs_a_written_reason_or_a_cited_flag(s) -> None:
    with pytest.raises(ApplicationError, match="reason or cite"):
        file(s, reason="  ")
    rule = FlagRuleFactory(district=s.district)
    flag = FlagFactory(rule=rule, officer=s.officer)
    request = file(s, reason="", cited_flag_ids=[flag.pk])
    assert list(request.cited_flags.all()) == [flag]


def test_only_the_officers_own_flags_can_be_cited(s) -> None:
    rule = FlagRuleFactory(district=s.district)
    someone_elses = FlagFactory(rule=rule, officer=s.officer_elsewhere)
    with pytest.raises(ApplicationError, match="Cite only"):
        file(s, cited_flag_ids=[someone_elses.pk])


def test_a_second_pending_request_for_the_same_officer_is_refused(s) -> None:
    file(s)
    with pytest.raises(ConflictError, match="already pending"):
        file(s)
    assert RemovalRequest.objects.count() == 1


def test_the_database_allows_one_pending_request_per_officer_and_school(s) -> None:
    request = file(s)
    duplicate = RemovalRequest(
        district=s.district,
        school=s.school,
        officer=s.officer,
        assignment=request.assignment,
        mou=s.mou,
        reason="again",
        filed_by=s.principal,
        submitted_at=request.submitted_at,
        due_date=request.due_date,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_granting_ends_the_assignment_on_the_date_and_records_who(
    s, django_capture_on_commit_callbacks
) -> None:
    request = file(s)
    end = today() + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        decided = removal_request_decide(
            request=request, actor=s.supervisor, granted=True, assignment_end_date=end
        )
    assert decided.status == RemovalStatus.GRANTED
    assert decided.decided_by == s.supervisor
    assert decided.decided_at is not None
    assert Assignment.objects.get(pk=request.assignment_id).end_date == end
    assert sorted(mail.outbox[-1].to) == ["coordinator@example.org", "principal@example.org"]
    actions = [event.action for event in audit_history(decided)]
    assert actions == ["removal_request.submitted", "removal_request.granted"]
    assert [e.actor for e in audit_history(decided)] == [s.principal, s.supervisor]
    assert [e.action for e in audit_history(request.assignment)] == ["assignment.ended"]


def test_granting_needs_an_end_date_and_denying_needs_reasons(s) -> None:
    request = file(s)
    with pytest.raises(ApplicationError, match="date"):
        removal_request_decide(request=request, actor=s.supervisor, granted=True)
    with pytest.raises(ApplicationError, match="reasons"):
        removal_request_decide(request=request, actor=s.supervisor, granted=False, reasons=" ")
    request.refresh_from_db()
    assert request.status == RemovalStatus.SUBMITTED


def test_only_the_officers_agency_answers(s) -> None:
    request = file(s)
    for outsider in (s.other_supervisor, s.principal, s.coordinator, s.officer_user):
        with pytest.raises(ApplicationError, match="agency"):
            removal_request_decide(request=request, actor=outsider, granted=False, reasons="No.")
    with pytest.raises(ApplicationError, match="agency"):
        removal_request_start_review(request=request, actor=s.other_supervisor)


def test_a_decided_request_cannot_change(s) -> None:
    request = file(s)
    removal_request_start_review(request=request, actor=s.supervisor)
    removal_request_decide(
        request=request, actor=s.supervisor, granted=False, reasons="The arrest followed policy."
    )
    with pytest.raises(ConflictError, match="locked"):
        removal_request_decide(
            request=request, actor=s.supervisor, granted=True, assignment_end_date=today()
        )
    with pytest.raises(ConflictError, match="locked"):
        removal_request_withdraw(request=request, actor=s.principal)
    with pytest.raises(ConflictError, match="locked"):
        removal_request_start_review(request=request, actor=s.supervisor)
    request.refresh_from_db()
    assert request.status == RemovalStatus.DENIED
    assert request.decision_reasons == "The arrest followed policy."
    assert Assignment.objects.get(pk=request.assignment_id).end_date is None


def test_the_principal_may_withdraw_a_pending_request(
    s, django_capture_on_commit_callbacks
) -> None:
    request = file(s)
    with pytest.raises(ApplicationError, match="principal"):
        removal_request_withdraw(request=request, actor=s.other_principal)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = removal_request_withdraw(
            request=request, actor=s.principal, note="Resolved by a meeting."
        )
    assert withdrawn.status == RemovalStatus.WITHDRAWN
    assert withdrawn.withdrawal_note == "Resolved by a meeting."
    assert "sergeant@example.org" in mail.outbox[-1].to
    with pytest.raises(ConflictError):
        removal_request_decide(
            request=request, actor=s.supervisor, granted=False, reasons="Too late."
        )


def test_overdue_requests_notify_the_coordinator_daily_after_the_mou_window(
    s, django_capture_on_commit_callbacks
) -> None:
    request = file(s)
    due = request.due_date
    assert due == today() + datetime.timedelta(days=45)
    with django_capture_on_commit_callbacks(execute=True):
        assert removal_requests_notify_overdue(on=due) == 0, "due today is not overdue yet"
        assert removal_requests_notify_overdue(on=due + datetime.timedelta(days=1)) == 1
        assert removal_requests_notify_overdue(on=due + datetime.timedelta(days=1)) == 0, (
            "once a day"
        )
        assert removal_requests_notify_overdue(on=due + datetime.timedelta(days=2)) == 1
    assert len(mail.outbox) == 2
    assert all(message.to == ["coordinator@example.org"] for message in mail.outbox)
    assert "1 days overdue" in mail.outbox[0].body
    assert "Luis Lee" in mail.outbox[0].body
    assert "2 days overdue" in mail.outbox[1].body


def test_decided_requests_are_never_overdue(s, django_capture_on_commit_callbacks) -> None:
    request = file(s)
    removal_request_decide(request=request, actor=s.supervisor, granted=False, reasons="No basis.")
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            removal_requests_notify_overdue(on=request.due_date + datetime.timedelta(days=5)) == 0
        )
    assert mail.outbox == []


def test_a_mail_server_outage_after_commit_does_not_undo_or_fail_the_request(
    s, settings, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens on the discard port: the connection is refused
    with django_capture_on_commit_callbacks(execute=True):
        request = file(s)
    assert RemovalRequest.objects.filter(pk=request.pk, status=RemovalStatus.SUBMITTED).exists()
