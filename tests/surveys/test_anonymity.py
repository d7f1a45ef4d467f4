"""The anonymity invariants of ARCHITECTURE.md, one test each (invariant 3 also in test_results.py)."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import get_resolver
from openpyxl import load_workbook

from roster.models import Role
from surveys.models import AccessCode, Answer, RespondentGroup, Response
from tests.factories.roster import UserFactory
from tests.factories.surveys import agree_answers, issue_codes, release_results, submit_many
from tests.scoping import api_routes

pytestmark = pytest.mark.django_db
STUDENT, STAFF = RespondentGroup.STUDENT, RespondentGroup.STAFF
IDENTIFYING = (
    "user",
    "ip",
    "agent",
    "code",
    "time",
    "date",
    "created",
    "updated",
    "submitted",
    "session",
    "email",
)


def db_columns(model) -> set[str]:
    with connection.cursor() as cursor:
        return {
            c.name
            for c in connection.introspection.get_table_description(cursor, model._meta.db_table)
        }


def test_the_response_table_holds_campaign_group_school_language_and_nothing_identifying() -> None:
    # ``late``: one bit saying the paying code was issued after the first day
    # (anonymity invariant 5: such responses never count toward k).
    assert db_columns(Response) == {"id", "campaign_id", "group", "school_id", "language", "late"}
    assert db_columns(Answer) == {
        "id",
        "response_id",
        "officer_id",
        "question_id",
        "number",
        "choice",
        "text",
    }
    for column in db_columns(Response) | db_columns(Answer):
        assert not any(word in column for word in IDENTIFYING), column


def test_responses_and_answers_have_random_keys(survey) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 3)
    ids = [r.pk for r in Response.objects.order_by("id")]
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    assert all(a.pk.version == 4 for a in Answer.objects.all())


def test_a_spent_code_records_nothing_that_links_it_to_its_response(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    from surveys.services import response_submit

    response = response_submit(code=code, language="en", answers=agree_answers(survey.officer, 4))
    assert db_columns(AccessCode) == {
        "id",
        "campaign_group_id",
        "school_id",
        "batch_id",
        "code_hash",
        "spent",
        "late",
    }
    row = AccessCode.objects.values().get()
    assert str(response.pk) not in json.dumps(row, default=str)


def test_no_role_can_read_an_individual_response(survey, client_for) -> None:
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, comment="Kind words")
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    for user in [*survey.world.users.values(), superuser]:
        assert not Response.objects.visible_to(user).exists()
        assert not Answer.objects.visible_to(user).exists()
    assert not admin.site.is_registered(Response)
    assert not admin.site.is_registered(Answer)
    # No route takes a response id, and the only response route only accepts POST.
    patterns = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("uuid" in p for p in patterns)
    submit_routes = [r for r in api_routes() if "responses" in r.pattern]
    assert [r.pattern for r in submit_routes] == ["api/v1/surveys/responses/"]
    assert not hasattr(submit_routes[0].view, "get")
    response_id = str(Response.objects.first().pk)
    client = client_for(superuser)
    for url in (
        "/api/v1/surveys/responses/",
        f"/api/v1/surveys/responses/{response_id}/",
        f"/admin/surveys/response/{response_id}/change/",
        "/admin/surveys/answer/",
    ):
        answer = client.get(url)
        assert answer.status_code in (404, 405), url
        assert response_id not in answer.content.decode()


def small_group_world(survey) -> None:
    """Four students (below k=5) and nine staff about the officer, released."""
    submit_many(
        survey.campaign, STUDENT, survey.school, survey.officer, 4, values=[1, 2], comment="Strict"
    )
    submit_many(
        survey.campaign, STAFF, survey.school, survey.officer, 9, values=[5], comment="Staff note"
    )
    release_results(survey.campaign)


def test_no_page_shows_a_figure_from_fewer_than_k(survey, client_for) -> None:
    small_group_world(survey)
    for role in Role.values:
        client = client_for(survey.world.users[role])
        page = client.get(f"/surveys/results/officers/{survey.officer.pk}/")
        assert page.status_code == 200, role
        html = page.content.decode()
        # Answers show as favourable / neutral / unfavourable bars with their numbers.
        assert "0.0% favourable, 0.0% neutral, 100.0% unfavourable" not in html, (
            "the students' answers"
        )
        assert "69.2% favourable" not in html, (
            "a total with the students in it (9 of 13) would give them away"
        )
        assert "100.0% favourable, 0.0% neutral, 0.0% unfavourable" in html, (
            "the staff, and the total of shown groups only"
        )
        assert ">13<" not in html, "nor its n"
        assert "Strict" not in html, "comments need 8 respondents in the group"
        assert "Staff note" in html, "nine staff reach the comment minimum"
        assert "Respondents: suppressed" in html
        assert "Respondents: 9" in html
        assert "Respondents: 13" not in html
    listing = (
        client_for(survey.world.users[Role.COORDINATOR]).get("/surveys/results/").content.decode()
    )
    assert ">4<" not in listing
    assert ">13<" not in listing, "the officer's total leaves the hidden students out"
    assert ">9<" in listing


def test_no_api_endpoint_shows_a_figure_from_fewer_than_k(survey, api_for) -> None:
    small_group_world(survey)
    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        data = (
            api_for(survey.world.users[role])
            .get(f"/api/v1/surveys/results/officers/{survey.officer.pk}/")
            .json()
        )
        students = next(g for g in data["groups"] if g["group"] == STUDENT)
        assert students["suppressed"]
        assert students["respondents"] is None
        assert all(
            q["n"] is None and q["distribution"] is None and q["mean"] is None
            for q in students["questions"]
        )
        assert students["comments"] == []
        assert "Strict" not in json.dumps(data)
    school = (
        api_for(survey.world.users[Role.PRINCIPAL])
        .get(f"/api/v1/surveys/results/schools/{survey.school.pk}/")
        .json()
    )
    assert next(g for g in school["groups"] if g["group"] == STUDENT)["respondents"] is None


def test_no_export_shows_a_figure_from_fewer_than_k(survey, client_for) -> None:
    small_group_world(survey)
    body = (
        client_for(survey.world.users[Role.COORDINATOR]).get("/surveys/results/export.xlsx").content
    )
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    officers = list(workbook["Officers"].iter_rows(values_only=True))
    header = officers[0]
    student_rows = [
        dict(zip(header, r, strict=True))
        for r in officers[1:]
        if r[1] == "Students" and r[0] == survey.officer.full_name
    ]
    assert student_rows
    for row in student_rows:
        assert row["respondents"] == "suppressed"
        assert row["n"] in ("suppressed",)
    comments = list(workbook["Comments"].iter_rows(values_only=True))
    assert comments[0] == ("officer", "group", "comment")
    assert not [c for c in comments if "Strict" in str(c[2])], (
        "four students are below the comment minimum"
    )
    assert len([c for c in comments if "Staff note" in str(c[2])]) == 9, "nine staff reach it"


def test_the_district_export_carries_only_aggregates(survey, client_for) -> None:
    import csv
    import zipfile

    small_group_world(survey)
    archive = zipfile.ZipFile(
        io.BytesIO(
            client_for(survey.world.users[Role.COORDINATOR])
            .get(f"/districts/{survey.period.district.pk}/export.zip")
            .content
        )
    )
    names = [n for n in archive.namelist() if n.startswith("csv/surveys_")]
    assert sorted(names) == [
        "csv/surveys_campaigns.csv",
        "csv/surveys_code_batches.csv",
        "csv/surveys_questions.csv",
        "csv/surveys_response_rates.csv",
        "csv/surveys_results.csv",
    ]
    everything = "".join(archive.read(n).decode() for n in names)
    assert "Strict" not in everything
    assert "Staff note" not in everything
    assert all(str(r.pk) not in everything for r in Response.objects.all())
    rows = list(
        csv.DictReader(io.StringIO(archive.read("csv/surveys_results.csv").decode("utf-8-sig")))
    )
    students = [
        r
        for r in rows
        if r["group"] == STUDENT and r["badge_number"] == survey.officer.badge_number
    ]
    assert students
    assert all(
        r["respondents"] == "" and r["n"] == "" and r["suppressed"] == "True" for r in students
    )
