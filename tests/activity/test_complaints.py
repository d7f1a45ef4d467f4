"""Complaints: the public form, the tracking code, and the audited investigation."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from activity.models import Complaint, ComplaintStatus
from activity.services.complaints import complaint_submit, complaint_update, hash_tracking_code
from core.audit import audit_history
from core.errors import ApplicationError, ConflictError
from tests.activity.complaint_pages import TRACK_URL, file_complaint, look_up, post_complaint
from tests.factories.activity import ComplaintFactory
from tests.factories.roster import AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_complaint_gets_a_tracking_code_that_shows_only_its_status(world) -> None:
    # Before issue 20 a name sent with "Anonymous" was dropped silently; now it is
    # refused (tests/activity/test_complaint_pages.py), so this complaint sends none.
    client = Client(enforce_csrf_checks=False)

    code = file_complaint(client, world)

    complaint = Complaint.objects.get()
    assert complaint.source == "anonymous"
    assert complaint.contact_name == ""
    assert complaint.tracking_code_hash == hash_tracking_code(code)
    assert code not in str(Complaint.objects.values().get())  # only the hash is stored

    tracked = look_up(client, code.lower().replace("-", " "))

    assert tracked.status_code == 200
    html = tracked.content.decode()
    assert "Received" in html
    for secret in (
        "pushed a student",
        world.officer.last_name,
        world.school.name,
        "force",
        "Use of force",
    ):
        assert secret not in html


def test_the_tracking_page_follows_the_investigation(world) -> None:
    client = Client()
    code = file_complaint(client, world)
    complaint_update(
        complaint=Complaint.objects.get(), actor=world.users["coordinator"], status="investigating"
    )

    assert "Under investigation" in look_up(client, code).content.decode()


def test_an_unknown_code_says_so_and_codes_never_go_in_the_url(world) -> None:
    response = Client().post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"}, follow=True)

    assert response.redirect_chain == [(TRACK_URL, 303)]  # refused through a GET, too
    assert response.status_code == 400
    assert "No complaint has that tracking code" in response.content.decode()
    assert Client().get(f"{TRACK_URL}?code=AAAA-BBBB-CCCC").content.decode().count("Status:") == 0


def test_the_public_forms_check_csrf(world) -> None:
    client = Client(enforce_csrf_checks=True)

    assert post_complaint(client, world).status_code == 403
    assert client.post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"}).status_code == 403


def test_the_public_forms_are_throttled(world, settings) -> None:
    client = Client()
    for _ in range(20):
        client.post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"})

    assert client.post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"}).status_code == 429
    assert post_complaint(client, world).status_code == 429
    assert Complaint.objects.count() == 0


def test_a_complaint_without_allegations_is_refused_with_the_reason(world) -> None:
    response = post_complaint(Client(), world, allegations=[], follow=True)

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_complaint_names_a_family_contact_when_given(world) -> None:
    complaint, code = complaint_submit(
        district=world.district,
        source="family",
        allegations=["other"],
        account="x",
        contact_email="parent@example.org",
    )

    assert complaint.contact_email == "parent@example.org"
    assert len(code) == 14


def test_an_investigation_moves_forward_with_dates_findings_and_audit(world) -> None:
    coordinator = world.users["coordinator"]
    complaint = ComplaintFactory(school=world.school, received_date=datetime.date(2026, 10, 5))

    complaint_update(
        complaint=complaint,
        actor=coordinator,
        status="investigating",
        on=datetime.date(2026, 10, 6),
    )
    with pytest.raises(ApplicationError, match="Name the officer"):
        complaint_update(
            complaint=complaint,
            actor=coordinator,
            status="sustained",
            findings="Video confirms it.",
        )
    complaint_update(
        complaint=complaint,
        actor=coordinator,
        officer=world.officer,
        findings="Video confirms it.",
        status="sustained",
        on=datetime.date(2026, 11, 20),
        reason="Board decision",
    )

    complaint.refresh_from_db()
    assert (complaint.status, complaint.investigation_started_on, complaint.closed_on) == (
        ComplaintStatus.SUSTAINED,
        datetime.date(2026, 10, 6),
        datetime.date(2026, 11, 20),
    )
    events = list(audit_history(complaint))
    assert [e.action for e in events] == [
        "activity.complaint_updated",
        "activity.complaint_updated",
    ]
    assert events[-1].changes["status"] == ["investigating", "sustained"]
    assert events[-1].actor == coordinator
    assert events[-1].reason == "Board decision"
    with pytest.raises(ConflictError, match="closed as sustained"):
        complaint_update(complaint=complaint, actor=coordinator, status="withdrawn")


def test_a_finding_needs_an_investigation_and_written_findings(world) -> None:
    complaint = ComplaintFactory(school=world.school, officer=world.officer)

    with pytest.raises(ApplicationError, match="can go only to"):
        complaint_update(complaint=complaint, actor=None, status="unfounded", findings="No.")
    complaint_update(complaint=complaint, actor=None, status="investigating")
    with pytest.raises(ApplicationError, match="Write the findings"):
        complaint_update(complaint=complaint, actor=None, status="exonerated")


def test_a_named_officer_must_have_served_at_the_named_school(world) -> None:
    stranger = OfficerFactory(agency=world.agency)

    with pytest.raises(ApplicationError, match="has not served"):
        complaint_submit(
            district=world.district,
            source="student",
            allegations=["other"],
            account="x",
            school=world.school,
            officer=stranger,
        )
    AssignmentFactory(officer=stranger, school=world.school)
    complaint_submit(
        district=world.district,
        source="student",
        allegations=["other"],
        account="x",
        school=world.school,
        officer=stranger,
    )


def test_staff_pages_show_complaints_in_scope_and_outsiders_get_404(world, client_for) -> None:
    mine = ComplaintFactory(school=world.school, officer=world.officer)
    theirs = ComplaintFactory(school=world.other_school, officer=world.other_officer)
    coordinator = client_for(world.users["coordinator"])

    assert coordinator.get(f"/activity/complaints/{mine.pk}/").status_code == 200
    assert coordinator.get(f"/activity/complaints/{theirs.pk}/").status_code == 404
    assert (
        client_for(world.users["officer"]).get(f"/activity/complaints/{mine.pk}/").status_code
        == 404
    )
    listing = coordinator.get("/activity/complaints/").content.decode()
    assert f"/activity/complaints/{mine.pk}/" in listing
    assert f"/activity/complaints/{theirs.pk}/" not in listing

    response = coordinator.post(
        f"/activity/complaints/{mine.pk}/", {"status": "investigating", "officer": world.officer.pk}
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "investigating"
    assert (
        client_for(world.users["principal"])
        .post(f"/activity/complaints/{mine.pk}/", {"status": "withdrawn"})
        .status_code
        == 404
    )
