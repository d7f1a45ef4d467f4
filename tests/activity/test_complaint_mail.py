"""The confirmation email: once per complaint with an address, after commit, in the
form's language, with the code in the body only; never without an address, never
for an anonymous complaint, never twice for a double click."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from activity.models import Complaint
from activity.services.complaint_mail import complaint_confirmation_send
from activity.services.complaints import complaint_submit
from core.audit import audit_history
from tests.activity.complaint_pages import (
    CODE,
    RECEIVED_URL,
    TRACK_URL,
    file_complaint,
    form_key,
    post_complaint,
)

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}


def test_a_complaint_with_an_address_gets_one_mail_with_its_code_after_commit(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = post_complaint(client, world, source="family", contact_email="rosa@example.org")
    code = CODE.search(client.get(RECEIVED_URL).content.decode()).group(1)

    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["rosa@example.org"]
    assert code in mail.body
    assert code not in mail.subject
    assert code not in sent["Location"]
    assert f"http://testserver{TRACK_URL}" in mail.body or TRACK_URL in mail.body
    assert "What happens next" in mail.body
    assert mail.subject == "HOME School District: your complaint was received"
    complaint = Complaint.objects.get()
    assert complaint.confirmation_sent_at is not None
    assert "activity.complaint_confirmation_sent" in [e.action for e in audit_history(complaint)]


def test_the_mail_is_in_the_language_the_form_was_filled_in(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        file_complaint(client, world, headers=ES, source="family", contact_email="rosa@example.org")

    mail = mailoutbox[0]
    assert Complaint.objects.get().language == "es"
    assert mail.subject == "HOME School District: recibimos su queja"
    assert "Su código de seguimiento es:" in mail.body
    assert "Lo que sigue" in mail.body
    assert "What happens next" not in mail.body


def test_no_mail_without_an_address(world, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        file_complaint(Client(), world, source="student", contact_name="Sam")

    assert callbacks == []
    assert mailoutbox == []
    assert Complaint.objects.get().confirmation_sent_at is None


def test_no_mail_for_an_anonymous_complaint_even_when_asked_directly(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        file_complaint(Client(), world, source="anonymous")
    complaint = Complaint.objects.get()

    assert callbacks == []
    assert not complaint_confirmation_send(complaint_id=complaint.pk, code="X", language="en")
    assert mailoutbox == []


def test_a_double_clicked_submit_sends_one_mail(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    key = form_key(client)
    with django_capture_on_commit_callbacks(execute=True):
        first = post_complaint(client, world, key=key, source="family", contact_email="r@x.org")
        second = post_complaint(client, world, key=key, source="family", contact_email="r@x.org")

    assert (first.status_code, second.status_code) == (303, 303)
    assert Complaint.objects.count() == 1
    assert len(mailoutbox) == 1


def test_the_mail_goes_once_even_if_asked_twice(world, mailoutbox) -> None:
    complaint, code = complaint_submit(
        district=world.district,
        source="family",
        allegations=["other"],
        account="x",
        contact_email="rosa@example.org",
    )

    assert complaint_confirmation_send(complaint_id=complaint.pk, code=code, language="en")
    assert not complaint_confirmation_send(complaint_id=complaint.pk, code=code, language="en")
    assert len(mailoutbox) == 1


def test_a_relay_that_is_down_keeps_the_complaint_and_logs_no_code_or_address(
    world, settings, caplog, client_for, django_capture_on_commit_callbacks
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    client = Client()

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        sent = post_complaint(client, world, source="family", contact_email="rosa@example.org")
    code = CODE.search(client.get(RECEIVED_URL).content.decode()).group(1)

    assert sent.status_code == 303
    complaint = Complaint.objects.get()
    assert complaint.confirmation_sent_at is None
    assert "could not be mailed" in caplog.text
    assert code not in caplog.text
    assert code.replace("-", "") not in caplog.text
    assert "rosa@example.org" not in caplog.text
    staff = client_for(world.users["coordinator"]).get(f"/activity/complaints/{complaint.pk}/")
    assert "not sent" in staff.content.decode()
