"""The training API, as each person would use it."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roster.models import Role
from tests.factories.training_records import CourseFactory, RecordFactory, StaffSessionFactory
from training_records.models import (
    ColumnMapping,
    ImportStatus,
    TrainingImport,
    TrainingRecord,
    TrainingRequirement,
)

pytestmark = pytest.mark.django_db

ON = "2026-11-27"


def test_the_supervisor_sees_their_officer_overdue_and_not_the_outsider(trained, api_for) -> None:
    response = api_for(trained.users[Role.SUPERVISOR]).get(
        "/api/v1/training/compliance/", {"on": ON}
    )

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [trained.officer.pk]
    assert rows[0]["worst_status"] == "overdue"
    cr4 = next(r for r in rows[0]["requirements"] if r["course_code"] == "CR-4")
    assert (cr4["status"], cr4["overdue_since"], cr4["overdue_days"]) == (
        "overdue",
        "2025-09-02",
        452,
    )


def test_the_principal_sees_compliance_of_the_officers_at_their_school(trained, api_for) -> None:
    response = api_for(trained.users[Role.PRINCIPAL]).get(
        f"/api/v1/training/officers/{trained.officer.pk}/compliance/", {"on": ON}
    )

    assert response.status_code == 200
    assert response.json()["worst_status"] == "overdue"


def test_an_outsider_gets_404_for_another_districts_officer(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    pk = trained.other_officer.pk

    for url in (
        f"/api/v1/training/officers/{pk}/compliance/",
        f"/api/v1/training/officers/{pk}/hours/",
        f"/api/v1/training/officers/{pk}/transcript/",
    ):
        assert client.get(url).status_code == 404, url
    record = TrainingRecord.objects.get(officer=trained.other_officer)
    assert client.get(f"/api/v1/training/records/{record.pk}/").status_code == 404
    assert client.post(f"/api/v1/training/records/{record.pk}/verify/").status_code == 404


def test_the_compliance_list_takes_a_fixed_number_of_queries(
    trained, api_for, django_assert_max_num_queries
) -> None:
    from tests.factories.roster import AssignmentFactory, OfficerFactory

    for _ in range(15):
        AssignmentFactory(officer=OfficerFactory(agency=trained.agency), school=trained.school)
    client = api_for(trained.users[Role.COORDINATOR])

    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/training/compliance/", {"on": ON})

    assert response.json()["count"] == 16


def test_the_records_list_takes_a_fixed_number_of_queries(
    trained, api_for, django_assert_max_num_queries
) -> None:
    for day in range(1, 20):
        RecordFactory(officer=trained.officer, completed_on=datetime.date(2025, 1, day))
    client = api_for(trained.users[Role.SUPERVISOR])

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/training/records/", {"officer": trained.officer.pk})

    assert response.json()["count"] == 21


def test_hours_by_category_for_an_officer(trained, api_for) -> None:
    response = api_for(trained.users[Role.OFFICER]).get(
        f"/api/v1/training/officers/{trained.officer.pk}/hours/",
        {"start": "2024-01-01", "end": "2024-12-31"},
    )

    assert response.json()["hours"]["sro_foundations"] == "40.00"
    assert response.json()["hours"]["civil_rights"] == "4.00"


def test_the_supervisor_enters_and_verifies_a_record(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])

    created = client.post(
        "/api/v1/training/records/create/",
        {
            "officer": trained.officer.pk,
            "course": "cr-4",
            "completed_on": "2026-10-01",
            "provider": "NASRO",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["hours"] == "4.00"
    verified = client.post(f"/api/v1/training/records/{created.json()['id']}/verify/")

    assert verified.json()["verified_by"] == "the-supervisor"
    again = client.post(f"/api/v1/training/records/{created.json()['id']}/verify/")
    assert again.status_code == 409


def test_a_record_in_the_future_or_twice_is_refused(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    base = {"officer": trained.officer.pk, "course": "CR-4"}

    future = client.post(
        "/api/v1/training/records/create/", {**base, "completed_on": "2099-01-01"}, format="json"
    )
    twice = client.post(
        "/api/v1/training/records/create/", {**base, "completed_on": "2024-09-01"}, format="json"
    )

    assert (future.status_code, future.json()["detail"]) == (
        400,
        "The completion date is in the future.",
    )
    assert twice.status_code == 409


def test_a_principal_may_not_enter_records(trained, api_for) -> None:
    response = api_for(trained.users[Role.PRINCIPAL]).post(
        "/api/v1/training/records/create/",
        {"officer": trained.officer.pk, "course": "CR-4", "completed_on": "2026-10-01"},
        format="json",
    )

    assert response.status_code == 403


def test_the_coordinator_attaches_a_requirement_to_their_mou_only(trained, api_for) -> None:
    from roster.models import MOU

    client = api_for(trained.users[Role.COORDINATOR])
    home = MOU.objects.get(district=trained.district)
    away = MOU.objects.get(district=trained.other_district)

    created = client.post(
        "/api/v1/training/requirements/create/",
        {
            "mou": home.pk,
            "category": "de_escalation",
            "min_hours": "16",
            "initial": True,
            "refresh_months": 24,
        },
        format="json",
    )
    refused = client.post(
        "/api/v1/training/requirements/create/", {"mou": away.pk, "course": "CR-4"}, format="json"
    )
    both = client.post(
        "/api/v1/training/requirements/create/",
        {"mou": home.pk, "course": "CR-4", "category": "bias"},
        format="json",
    )

    assert created.status_code == 201, created.content
    assert created.json()["label"] == "De-escalation and crisis intervention"
    assert refused.status_code == 404
    assert both.status_code == 400
    deleted = client.delete(f"/api/v1/training/requirements/{created.json()['id']}/")
    assert deleted.status_code == 204
    assert not TrainingRequirement.objects.filter(pk=created.json()["id"]).exists()


def _xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_upload_previews_every_row_and_confirm_imports_once(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    badge = trained.officer.badge_number
    data = _xlsx(
        [
            ["Badge", "Course Code", "Date", "Hours"],
            [badge, "CR-4", "2026-09-01", 4],
            [badge, "CR-4", "2024-09-01", 4],
        ]
    )

    uploaded = client.post(
        "/api/v1/training/imports/upload/",
        {
            "agency": "homepd",
            "file": SimpleUploadedFile("log.xlsx", data),
        },
        format="multipart",
    )

    assert uploaded.status_code == 201, uploaded.content
    preview = uploaded.json()
    assert (preview["status"], preview["new_records"], preview["duplicates"]) == ("previewed", 1, 1)
    assert [r["action"] for r in preview["preview"]] == ["new", "already stored"]
    assert TrainingRecord.objects.filter(officer=trained.officer).count() == 2
    first = client.post(f"/api/v1/training/imports/{preview['id']}/confirm/")
    second = client.post(f"/api/v1/training/imports/{preview['id']}/confirm/")

    assert (first.status_code, first.json()["created_records"]) == (200, 1)
    assert second.status_code == 409
    assert TrainingRecord.objects.filter(officer=trained.officer).count() == 3


def test_a_bad_upload_lists_its_errors_and_cannot_be_confirmed(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    data = b"Badge,Course Code,Date\n99999,CR-4,2026-09-01\n"

    uploaded = client.post(
        "/api/v1/training/imports/upload/",
        {"agency": "HOMEPD", "file": SimpleUploadedFile("log.csv", data)},
        format="multipart",
    )

    assert uploaded.json()["status"] == "rejected"
    assert uploaded.json()["errors"] == [
        {"row": 2, "column": "Badge", "message": "no officer of HOMEPD has badge 99999"}
    ]
    assert (
        client.post(f"/api/v1/training/imports/{uploaded.json()['id']}/confirm/").status_code == 409
    )


def test_a_supervisor_cannot_upload_for_another_agency(trained, api_for) -> None:
    response = api_for(trained.users[Role.SUPERVISOR]).post(
        "/api/v1/training/imports/upload/",
        {"agency": "AWAYPD", "file": SimpleUploadedFile("log.csv", b"x")},
        format="multipart",
    )

    assert response.status_code == 404
    assert TrainingImport.objects.count() == 0


def test_the_supervisor_saves_a_column_mapping(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    url = f"/api/v1/training/agencies/{trained.agency.pk}/column-mapping/"

    saved = client.put(
        url + "update/", {"mapping": {"badge_number": "PERSNO", "hours": ""}}, format="json"
    )
    unknown = client.put(url + "update/", {"mapping": {"shoe_size": "X"}}, format="json")

    assert saved.json()["mapping"] == {"badge_number": "PERSNO"}
    assert client.get(url).json()["mapping"] == {"badge_number": "PERSNO"}
    assert unknown.status_code == 400
    assert ColumnMapping.objects.get().mapping == {"badge_number": "PERSNO"}


def test_exports_are_xlsx_or_csv_with_formulas_neutralised(trained, api_for) -> None:
    RecordFactory(
        officer=trained.officer,
        course=CourseFactory(code="RJ-8"),
        completed_on=datetime.date(2025, 2, 1),
        provider="=cmd|'/c calc'!A1",
    )
    client = api_for(trained.users[Role.SUPERVISOR])

    csv_response = client.get(
        f"/api/v1/training/officers/{trained.officer.pk}/transcript/", {"file_format": "csv"}
    )
    xlsx_response = client.get(
        f"/api/v1/training/agencies/{trained.agency.pk}/compliance-report/", {"on": ON}
    )

    assert csv_response["Content-Type"].startswith("text/csv")
    assert "'=cmd|'/c calc'!A1" in csv_response.content.decode("utf-8-sig")
    # worksheets[1]: the About sheet comes first in every workbook now (issue 17).
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content), read_only=True).worksheets[1]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Agency", "Badge")
    assert ("Civil Rights in Schools", "Overdue") in {(r[5], r[6]) for r in rows[1:]}


def test_staff_sessions_are_recorded_by_the_principal_for_their_school(trained, api_for) -> None:
    StaffSessionFactory(school=trained.other_school)
    client = api_for(trained.users[Role.PRINCIPAL])

    created = client.post(
        "/api/v1/training/staff-sessions/create/",
        {
            "school": trained.school.pk,
            "held_on": "2026-09-10",
            "topic": "When not to call the SRO",
            "attendee_count": 35,
        },
        format="json",
    )
    elsewhere = client.post(
        "/api/v1/training/staff-sessions/create/",
        {
            "school": trained.other_school.pk,
            "held_on": "2026-09-10",
            "topic": "x",
            "attendee_count": 3,
        },
        format="json",
    )

    assert created.status_code == 201
    assert elsewhere.status_code == 404
    assert [s["id"] for s in client.get("/api/v1/training/staff-sessions/").json()["results"]] == [
        created.json()["id"]
    ]


def test_the_catalog_lists_courses_for_anyone_with_a_role(trained, api_for) -> None:
    response = api_for(trained.users[Role.OFFICER]).get("/api/v1/training/courses/")

    assert {c["code"] for c in response.json()} == {"SRO-101", "CR-4"}


def test_an_import_row_keeps_its_file_for_the_confirm(trained, api_for) -> None:
    client = api_for(trained.users[Role.SUPERVISOR])
    data = f"Badge,Course Code,Date\n{trained.officer.badge_number},CR-4,2026-09-01\n".encode()

    uploaded = client.post(
        "/api/v1/training/imports/upload/",
        {"agency": "HOMEPD", "file": SimpleUploadedFile("log.csv", data)},
        format="multipart",
    )

    training_import = TrainingImport.objects.get(pk=uploaded.json()["id"])
    assert training_import.status == ImportStatus.PREVIEWED
    assert training_import.file.read() == data
