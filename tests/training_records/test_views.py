"""The training pages, server-rendered, for each person."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roster.models import Role
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.training_records import RecordFactory
from training_records.models import (
    ColumnMapping,
    ImportStatus,
    StaffTrainingSession,
    TrainingImport,
    TrainingRecord,
)

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_overdue_officers_before_due_soon_and_met(trained, client_for) -> None:
    from training_records.models import Course

    soon = OfficerFactory(agency=trained.agency, last_name="Aaronson")
    fine = OfficerFactory(agency=trained.agency, last_name="Abbott")
    for officer in (soon, fine):
        AssignmentFactory(
            officer=officer, school=trained.school, start_date=datetime.date(2024, 8, 1)
        )
        RecordFactory(
            officer=officer,
            course=Course.objects.get(code="SRO-101"),
            completed_on=datetime.date(2024, 6, 1),
            hours=40,
        )
    RecordFactory(
        officer=soon,
        course=Course.objects.get(code="CR-4"),
        completed_on=datetime.date(2025, 12, 20),
    )
    RecordFactory(
        officer=fine, course=Course.objects.get(code="CR-4"), completed_on=datetime.date(2026, 9, 1)
    )

    page = client_for(trained.users[Role.SUPERVISOR]).get("/training/", {"on": "2026-11-27"})

    text = page.content.decode()
    assert page.status_code == 200
    assert text.index(trained.officer.last_name) < text.index("Aaronson") < text.index("Abbott")
    assert "1 overdue, 0 missing, 1 due soon, 1 met" in text


def test_the_principal_sees_the_officers_at_their_school_only(trained, client_for) -> None:
    page = client_for(trained.users[Role.PRINCIPAL]).get("/training/")

    assert trained.officer.last_name in page.content.decode()
    assert trained.other_officer.last_name not in page.content.decode()


def test_an_outsider_gets_404_on_every_officer_page(trained, client_for) -> None:
    pk = trained.other_officer.pk
    for role in (Role.SUPERVISOR, Role.PRINCIPAL, Role.OFFICER, Role.COORDINATOR):
        client = client_for(trained.users[role])
        for url in (
            f"/training/officers/{pk}/",
            f"/training/officers/{pk}/transcript.xlsx",
            f"/training/agencies/{trained.other_agency.pk}/compliance.csv",
        ):
            assert client.get(url).status_code == 404, (role, url)


def test_the_transcript_shows_records_and_a_supervisor_adds_one(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])
    from training_records.models import Course

    page = client.get(f"/training/officers/{trained.officer.pk}/")
    posted = client.post(
        f"/training/officers/{trained.officer.pk}/",
        {
            "course": Course.objects.get(code="CR-4").pk,
            "completed_on": "2026-10-02",
            "provider": "NASRO",
            "certificate": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 certificate"),
        },
    )

    assert "Basic School Resource Officer Course" in page.content.decode()
    assert posted.status_code == 302
    record = TrainingRecord.objects.get(
        officer=trained.officer, completed_on=datetime.date(2026, 10, 2)
    )
    assert (record.entered_by, record.certificate.read()) == (
        trained.users[Role.SUPERVISOR],
        b"%PDF-1.4 certificate",
    )


def test_an_officer_reads_their_transcript_but_cannot_add_to_it(trained, client_for) -> None:
    client = client_for(trained.users[Role.OFFICER])

    page = client.get(f"/training/officers/{trained.officer.pk}/")
    download = client.get(f"/training/officers/{trained.officer.pk}/transcript.csv")

    assert page.status_code == 200
    assert "Add a record" not in page.content.decode()
    assert download["Content-Disposition"].endswith('.csv"')
    assert "Civil Rights in Schools" in download.content.decode("utf-8-sig")


def test_upload_preview_and_a_double_clicked_confirm_import_once(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])
    data = f"Badge,Course Code,Date\n{trained.officer.badge_number},CR-4,2026-09-01\n".encode()

    uploaded = client.post(
        "/training/imports/",
        {"agency": trained.agency.pk, "file": SimpleUploadedFile("log.csv", data)},
    )
    training_import = TrainingImport.objects.get()
    preview = client.get(uploaded["Location"])
    first = client.post(f"/training/imports/{training_import.pk}/confirm/", follow=True)
    second = client.post(f"/training/imports/{training_import.pk}/confirm/", follow=True)

    assert uploaded["Location"] == f"/training/imports/{training_import.pk}/"
    assert "Import 1 new records" in preview.content.decode()
    assert "2026-09-01" in preview.content.decode()
    assert TrainingRecord.objects.filter(training_import=training_import).count() == 1
    assert "Imported 1 records" in first.content.decode()
    assert "it is imported" in second.content.decode()
    training_import.refresh_from_db()
    assert training_import.status == ImportStatus.IMPORTED


def test_the_preview_of_a_bad_file_lists_every_error_and_offers_no_confirm(
    trained, client_for, shared_data
) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])
    path = shared_data / "training_log_bad_rows.xlsx"

    uploaded = client.post(
        "/training/imports/",
        {"agency": trained.agency.pk, "file": SimpleUploadedFile(path.name, path.read_bytes())},
    )
    page = client.get(uploaded["Location"]).content.decode()

    assert "Refused" in page
    assert page.count("<tr><td>") >= 8
    assert "no officer of HOMEPD has badge 99999" in page
    assert "confirm" not in page


def test_a_principal_has_no_import_page(trained, client_for) -> None:
    assert client_for(trained.users[Role.PRINCIPAL]).get("/training/imports/").status_code == 404


def test_the_supervisor_edits_the_column_names(trained, client_for) -> None:
    client = client_for(trained.users[Role.SUPERVISOR])

    response = client.post(
        f"/training/agencies/{trained.agency.pk}/columns/", {"badge_number": "PERSNO"}
    )

    assert response.status_code == 302
    assert ColumnMapping.objects.get(agency=trained.agency).mapping == {"badge_number": "PERSNO"}
    assert client.get(f"/training/agencies/{trained.other_agency.pk}/columns/").status_code == 404


def test_a_principal_records_a_staff_session(trained, client_for) -> None:
    client = client_for(trained.users[Role.PRINCIPAL])

    response = client.post(
        "/training/staff-sessions/",
        {
            "school": trained.school.pk,
            "held_on": "2026-10-01",
            "topic": "When not to call the SRO",
            "attendee_count": "40",
        },
    )

    assert response.status_code == 302
    assert StaffTrainingSession.objects.get().attendee_count == 40
    assert "When not to call the SRO" in client.get("/training/staff-sessions/").content.decode()


def test_the_verify_button_records_who_verified(trained, client_for) -> None:
    record = TrainingRecord.objects.filter(officer=trained.officer).first()

    client_for(trained.users[Role.SUPERVISOR]).post(f"/training/records/{record.pk}/verify/")

    record.refresh_from_db()
    assert record.verified_by == trained.users[Role.SUPERVISOR]


def test_the_home_page_counts_overdue_officers(trained, client_for) -> None:
    page = client_for(trained.users[Role.SUPERVISOR]).get("/")

    assert "Training compliance" in page.content.decode()
    assert "1 officers overdue" in page.content.decode()


def test_the_coordinator_adds_and_removes_a_requirement_on_the_catalog_page(
    trained, client_for
) -> None:
    from roster.models import MOU
    from training_records.models import TrainingRequirement

    client = client_for(trained.users[Role.COORDINATOR])
    mou = MOU.objects.get(district=trained.district)

    added = client.post(
        "/training/catalog/",
        {
            "mou": mou.pk,
            "category": "de_escalation",
            "min_hours": "16",
            "refresh_months": "24",
            "initial": "on",
        },
    )
    neither = client.post("/training/catalog/", {"mou": mou.pk, "min_hours": "0"})

    assert added.status_code == 302
    requirement = TrainingRequirement.objects.get(category="de_escalation")
    assert (requirement.min_hours, requirement.initial, requirement.refresh_months) == (
        16,
        True,
        24,
    )
    assert "either a course or a category" in neither.content.decode()
    client.post(f"/training/requirements/{requirement.pk}/delete/")
    assert not TrainingRequirement.objects.filter(pk=requirement.pk).exists()


def test_a_supervisor_reads_the_catalog_but_cannot_change_requirements(trained, client_for) -> None:
    from training_records.models import TrainingRequirement

    client = client_for(trained.users[Role.SUPERVISOR])
    requirement = TrainingRequirement.objects.first()

    page = client.get("/training/catalog/").content.decode()

    assert "Civil Rights in Schools" in page
    assert "Add a requirement" not in page
    assert client.post(f"/training/requirements/{requirement.pk}/delete/").status_code == 404


def test_an_outsider_gets_404_on_another_agencys_import_pages(trained, client_for) -> None:
    from tests.factories.training_records import TrainingImportFactory

    foreign = TrainingImportFactory(agency=trained.other_agency)
    client = client_for(trained.users[Role.SUPERVISOR])

    assert client.get(f"/training/imports/{foreign.pk}/").status_code == 404
    assert client.post(f"/training/imports/{foreign.pk}/confirm/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == ImportStatus.PREVIEWED
