"""Staff pages: recording an incident, the activity page, publishing the report."""

from __future__ import annotations

import io
import zipfile

import pytest

from activity.models import Incident, PublishedReport
from core.models import AuditEvent
from tests.activity.public_figures import publish_on_the_staff_page
from tests.factories.activity import ComplaintFactory, incident_with

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_an_incident_by_form(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    assert client.get("/activity/incidents/new/").status_code == 200

    response = client.post(
        "/activity/incidents/new/",
        {
            "officer": world.officer.pk,
            "school": world.school.pk,
            "incident_number": "F-1",
            "date": "2026-10-01",
            "offense_category": "threat",
            "actions": ["restorative_conference", "family_conference"],
            "race_ethnicity": "asian",
            "sex": "male",
            "disability": "none",
            "english_learner": "el",
            "grade": "07",
        },
    )

    assert response.status_code == 302
    incident = Incident.objects.get()
    assert sorted(incident.actions.values_list("action_type", flat=True)) == [
        "family_conference",
        "restorative_conference",
    ]


def test_the_form_shows_a_domain_error(world, client_for) -> None:
    response = client_for(world.users["coordinator"]).post(
        "/activity/incidents/new/",
        {
            "officer": world.officer.pk,
            "school": world.school.pk,
            "incident_number": "F-1",
            "date": "2026-10-01",
            "offense_category": "threat",
            "actions": ["use_of_force"],
            "race_ethnicity": "asian",
            "sex": "male",
            "disability": "none",
            "english_learner": "el",
            "grade": "07",
        },
    )

    assert response.status_code == 400
    assert "Use of force needs its level" in response.content.decode()


def test_principals_and_officers_cannot_record(world, client_for) -> None:
    assert client_for(world.users["principal"]).get("/activity/incidents/new/").status_code == 404
    assert client_for(world.users["officer"]).get("/activity/imports/").status_code == 404


def test_the_activity_page_lists_incidents_and_officer_metrics_in_scope(world, client_for) -> None:
    incident_with("arrest", officer=world.officer, school=world.school, incident_number="MINE-1")
    incident_with(
        "arrest", officer=world.other_officer, school=world.other_school, incident_number="THEIRS-1"
    )

    page = (
        client_for(world.users["principal"])
        .get(f"/activity/?period={world.period.pk}")
        .content.decode()
    )

    assert "MINE-1" in page
    assert "THEIRS-1" not in page
    assert "By officer, 2026-27" in page


def test_only_a_coordinator_publishes_and_the_page_then_opens_to_everyone(
    world, client_for, client
) -> None:
    assert client_for(world.users["principal"]).get("/activity/reports/").status_code == 404
    assert (
        'href="/activity/reports/"'
        in client_for(world.users["coordinator"]).get("/activity/").content.decode()
    )
    assert (
        'href="/activity/reports/"'
        not in client_for(world.users["principal"]).get("/activity/").content.decode()
    )
    assert client.get("/public/activity/HOME/2026-27/").status_code == 404

    # Issue 20: publishing is a preview, then a confirmation with its box ticked.
    response = publish_on_the_staff_page(
        client_for(world.users["coordinator"]), world.period.pk, follow=False
    )

    assert response.status_code == 302
    assert PublishedReport.objects.filter(district=world.district, period=world.period).exists()
    assert client.get("/public/activity/HOME/2026-27/").status_code == 200
    assert "HOME School District" in client.get("/public/activity/").content.decode()
    refused = client_for(world.users["coordinator"]).post(
        "/activity/reports/",
        {
            "period": world.other_period.pk,
            "publish": "1",
            "confirm": "on",
            "after_release": "0",
            "previewed": "x",
        },
    )
    assert refused.status_code == 200
    assert not PublishedReport.objects.filter(period=world.other_period).exists()


def test_a_coordinator_takes_a_published_report_down_and_only_their_own(
    world, client_for, client
) -> None:
    coordinator = client_for(world.users["coordinator"])
    publish_on_the_staff_page(coordinator, world.period.pk)
    report = PublishedReport.objects.get(period=world.period)
    theirs = PublishedReport.objects.create(
        district=world.other_period.district, period=world.other_period
    )
    url = f"/activity/reports/{report.pk}/unpublish/"

    assert coordinator.get(url).status_code == 405
    assert client_for(world.users["principal"]).post(url).status_code == 404
    assert coordinator.post(f"/activity/reports/{theirs.pk}/unpublish/").status_code == 404
    assert PublishedReport.objects.count() == 2

    response = coordinator.post(url, follow=True)

    assert "The 2026-27 report is no longer public." in response.content.decode()
    assert client.get("/public/activity/HOME/2026-27/").status_code == 404
    assert list(PublishedReport.objects.all()) == [theirs]
    assert (
        AuditEvent.objects.filter(
            action="activity.report_unpublished", district=world.district
        ).count()
        == 1
    )
    again = coordinator.post(url)
    assert again.status_code == 404, "a second click finds nothing to take down"
    publish_on_the_staff_page(coordinator, world.period.pk)
    assert client.get("/public/activity/HOME/2026-27/").status_code == 200, (
        "and it can be published again"
    )


def test_the_home_page_lists_open_complaints_for_investigators(world, client_for) -> None:
    ComplaintFactory(school=world.school, officer=world.officer)

    page = client_for(world.users["supervisor"]).get("/").content.decode()

    assert "Complaints to investigate" in page
    assert "1 open complaint" in page


def test_the_district_export_carries_activity_without_tracking_hashes(world, client_for) -> None:
    incident_with("arrest", officer=world.officer, school=world.school, incident_number="EXP-1")
    complaint = ComplaintFactory(
        school=world.school, officer=world.officer, account="=HYPERLINK(1)"
    )

    response = client_for(world.users["coordinator"]).get(
        f"/districts/{world.district.pk}/export.zip"
    )

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "EXP-1" in archive.read("csv/activity_incidents.csv").decode()
    complaints = archive.read("csv/activity_complaints.csv").decode()
    assert complaint.tracking_code_hash not in complaints
    assert "'=HYPERLINK(1)" in complaints


def test_a_coordinator_corrects_an_incident_and_the_audit_keeps_what_it_was(
    world, client_for
) -> None:
    incident = incident_with(
        "citation", officer=world.officer, school=world.school, incident_number="C-1"
    )
    client = client_for(world.users["coordinator"])
    form = client.get(f"/activity/incidents/{incident.pk}/").content.decode()
    assert 'value="C-1"' in form

    response = client.post(
        f"/activity/incidents/{incident.pk}/",
        {
            "officer": world.officer.pk,
            "school": world.school.pk,
            "incident_number": "C-1",
            "date": "2026-10-01",
            "offense_category": "disorderly",
            "actions": ["warning"],
            "race_ethnicity": "white",
            "sex": "male",
            "disability": "none",
            "english_learner": "not_el",
            "grade": "10",
        },
    )

    assert response.status_code == 302
    assert list(incident.actions.values_list("action_type", flat=True)) == ["warning"]
    event = AuditEvent.objects.get(action="activity.incident_corrected")
    assert event.changes["actions"] == [["citation"], ["warning"]]
    assert (
        client_for(world.users["principal"]).get(f"/activity/incidents/{incident.pk}/").status_code
        == 404
    )
    theirs = incident_with("arrest", officer=world.other_officer, school=world.other_school)
    assert client.get(f"/activity/incidents/{theirs.pk}/").status_code == 404
