"""Activity and enrollment imports: preview, all rows or none, errors by row and column."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activity.models import ActivityImport, EnforcementAction, Enrollment, Incident
from activity.services.imports import activity_import
from core.models import AuditEvent
from core.tabular import ImportRejected

pytestmark = pytest.mark.django_db

HEADER = (
    "Incident #,Date,Agency,Badge,School,Offense,Actions,Force level,Ordinary discipline,"
    "Race/Ethnicity,Sex,Disability,EL,Grade"
)


def _csv(world, *rows: str) -> bytes:
    return (
        "Metro PD — SRO activity log\nExported 2026-11-01\n\n"
        + HEADER
        + "\n"
        + "\n".join(rows)
        + "\n"
    ).encode()


def _good_rows(world) -> list[str]:
    badge, school = world.officer.badge_number, world.school.code
    return [
        f"26-0001,2026-09-10,HOMEPD,{badge},{school},Fight,arrest; search,,no,Black or African American,M,IDEA,N,10",
        f"26-0002,09/12/2026,HOMEPD,{badge},{school},Disruption,warning | family conference,,yes,White,F,None,Y,9",
        f"26-0003,2026-09-15,HOMEPD,{badge},{school},weapon,use of force; arrest,3,,Hispanic,male,504,no,12",
    ]


def test_a_good_file_with_title_rows_imports_every_row_once(world) -> None:
    data = _csv(world, *_good_rows(world))

    result = activity_import(
        district=world.district, actor=world.users["coordinator"], data=data, filename="log.csv"
    )

    assert (result.kind, result.rows, result.created) == ("activity", 3, 3)
    first = Incident.objects.get(incident_number="26-0001")
    assert (
        first.race_ethnicity,
        first.sex,
        first.disability,
        first.english_learner,
        first.grade,
    ) == ("black", "male", "idea", "not_el", "10")
    assert sorted(first.actions.values_list("action_type", flat=True)) == ["arrest", "search"]
    assert Incident.objects.get(incident_number="26-0002").ordinary_discipline is True
    assert EnforcementAction.objects.get(action_type="use_of_force").force_level == 3
    assert AuditEvent.objects.filter(action="activity.activity_imported").count() == 1

    again = activity_import(
        district=world.district, actor=world.users["coordinator"], data=data, filename="log.csv"
    )

    assert (again.created, again.unchanged) == (0, 3)
    assert Incident.objects.count() == 3


def test_a_bad_file_is_refused_whole_with_row_and_column_errors(world) -> None:
    badge, school = world.officer.badge_number, world.school.code
    data = _csv(
        world,
        *_good_rows(world),
        f"26-0004,2026-13-45,HOMEPD,{badge},{school},Fight,arrest,,no,White,M,None,N,10",
        f"26-0005,2026-09-20,HOMEPD,99999,{school},Fight,arrest,,no,White,M,None,N,10",
        f"26-0006,2026-09-20,HOMEPD,{badge},NOPE,Fight,arrest,,no,White,M,None,N,10",
        f"26-0007,2026-09-20,HOMEPD,{badge},{school},Fight,tasered,,no,White,M,None,N,10",
        f"26-0008,2026-09-20,HOMEPD,{badge},{school},Fight,use of force,,no,White,M,None,N,10",
        f"26-0001,2026-09-20,HOMEPD,{badge},{school},Fight,arrest,,no,Purple,M,None,N,10",
    )

    with pytest.raises(ImportRejected) as caught:
        activity_import(
            district=world.district, actor=world.users["coordinator"], data=data, filename="log.csv"
        )

    errors = {(e.row, e.column): e.message for e in caught.value.errors}
    assert "is not a date" in errors[(8, "Date")]
    assert "no officer with badge 99999" in errors[(9, "Badge")]
    assert "no school NOPE" in errors[(10, "School")]
    assert "'tasered' is not an action" in errors[(11, "Actions")]
    assert "needs its level" in errors[(12, "Force level")]
    assert "already on row 5" in errors[(13, "Incident #")]
    assert "'Purple' is not one of" in errors[(13, "Race/Ethnicity")]
    assert Incident.objects.count() == 0  # the three good rows were not stored either
    assert caught.value.extra["errors"][0] == {
        "row": 8,
        "column": "Date",
        "message": errors[(8, "Date")],
    }


def test_an_incident_already_recorded_differently_is_refused(world) -> None:
    coordinator = world.users["coordinator"]
    activity_import(
        district=world.district,
        actor=coordinator,
        data=_csv(world, *_good_rows(world)),
        filename="a.csv",
    )
    changed = _good_rows(world)[0].replace("arrest; search", "citation")

    with pytest.raises(ImportRejected) as caught:
        activity_import(
            district=world.district, actor=coordinator, data=_csv(world, changed), filename="b.csv"
        )

    assert "already recorded with other details" in str(caught.value)
    assert list(
        Incident.objects.get(incident_number="26-0001").actions.values_list(
            "action_type", flat=True
        )
    ) == ["arrest", "search"]


def test_a_supervisor_imports_only_for_officers_of_their_agency(world) -> None:
    other = f"26-0009,2026-09-10,AWAYPD,{world.other_officer.badge_number},{world.school.code},Fight,arrest,,no,White,M,None,N,10"

    with pytest.raises(ImportRejected, match="that you may record for"):
        activity_import(
            district=world.district,
            actor=world.users["supervisor"],
            data=_csv(world, other),
            filename="a.csv",
        )


def test_an_xlsx_with_a_formula_is_refused(world) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "26-0001",
            "2026-09-10",
            "HOMEPD",
            world.officer.badge_number,
            world.school.code,
            "Fight",
            '=HYPERLINK("x")',
            None,
            "no",
            "White",
            "M",
            "None",
            "N",
            "10",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportRejected) as caught:
        activity_import(
            district=world.district,
            actor=world.users["coordinator"],
            data=buffer.getvalue(),
            filename="a.xlsx",
        )

    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "Actions")]
    assert "formula" in caught.value.errors[0].message


def test_an_enrollment_file_sets_enrollment_by_group(world) -> None:
    data = (
        "School code,School year,Total,Black or African American,White,Hispanic or Latino of any race,Male,Female,"
        "English learner,Not an English learner\n"
        f"{world.school.code},{world.period.name},1000,200,500,300,520,480,100,900\n"
    ).encode()

    result = activity_import(
        district=world.district, actor=world.users["coordinator"], data=data, filename="enr.csv"
    )

    assert (result.kind, result.created) == ("enrollment", 8)  # the total and 7 groups
    assert (
        Enrollment.objects.get(
            school=world.school, dimension="race_ethnicity", group="black"
        ).students
        == 200
    )
    bad = data.replace(b",1000,", b",900,")
    with pytest.raises(ImportRejected, match="add up to 1000, more than the total 900"):
        activity_import(
            district=world.district, actor=world.users["coordinator"], data=bad, filename="enr.csv"
        )


def test_the_preview_page_stores_nothing_until_confirmed(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    upload = SimpleUploadedFile("log.csv", _csv(world, *_good_rows(world)), content_type="text/csv")

    response = client.post("/activity/imports/", {"file": upload})

    record = ActivityImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/activity/imports/{record.pk}/"
    page = client.get(f"/activity/imports/{record.pk}/").content.decode()
    assert "3 rows: 3 new" in page
    assert "26-0003" in page
    assert Incident.objects.count() == 0

    assert client.post(f"/activity/imports/{record.pk}/").status_code == 302
    assert Incident.objects.count() == 3
    assert (
        client.post(f"/activity/imports/{record.pk}/").status_code == 200
    )  # second confirm refused
    assert Incident.objects.count() == 3
    assert (
        client_for(world.users["supervisor"]).get(f"/activity/imports/{record.pk}/").status_code
        == 404
    )


def test_the_preview_page_lists_each_problem(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    bad = f"26-0001,tomorrow,HOMEPD,{world.officer.badge_number},{world.school.code},Fight,arrest,,no,White,M,None,N,10"
    client.post("/activity/imports/", {"file": SimpleUploadedFile("log.csv", _csv(world, bad))})

    page = client.get(f"/activity/imports/{ActivityImport.objects.get().pk}/").content.decode()

    assert "<td>5</td><td>Date</td>" in page
    assert "is not a date" in page
    assert "Import these rows" not in page


def test_the_import_api_answers_400_with_every_error(world, api_for) -> None:
    bad = f"26-0001,2026-09-10,HOMEPD,{world.officer.badge_number},NOPE,Fight,arrest,,no,White,M,None,N,10"
    upload = SimpleUploadedFile("log.csv", _csv(world, bad))

    response = api_for(world.users["coordinator"]).post(
        "/api/v1/activity/imports/", {"file": upload}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 5, "column": "School", "message": "there is no school NOPE in HOME"}
    ]
    assert (
        api_for(world.users["officer"])
        .post("/api/v1/activity/imports/", {}, format="multipart")
        .status_code
        == 403
    )
