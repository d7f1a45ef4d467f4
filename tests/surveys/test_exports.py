from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from roster.models import Role
from surveys.models import RespondentGroup, Response
from surveys.services import RespondentError, response_submit
from tests.factories.surveys import agree_answers

pytestmark = pytest.mark.django_db
STUDENT, FAMILY, STAFF, PEER = RespondentGroup.values


def test_the_code_slips_pdf_prints_each_code_once(survey, client_for) -> None:
    client = client_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": STUDENT, "school": survey.school.pk, "count": 12, "format": "pdf"},
    )
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(answer.content))
    assert len(reader.pages) == 2, "ten slips to a page"
    text = "".join(page.extract_text() for page in reader.pages)
    import re

    printed = re.findall(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}\b", text)
    assert len(set(printed)) == 12
    response_submit(code=printed[0], language="en", answers=agree_answers(survey.officer, 4))


def test_the_code_slips_print_school_names_outside_latin_1(survey, client_for) -> None:
    survey.school.name = "Trường Łódź"
    survey.school.save()
    client = client_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": STUDENT, "school": survey.school.pk, "count": 2, "format": "pdf"},
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert text.count("Trường Łódź") == 2
    assert "Su código sirve una sola vez" in text


def test_the_mail_merge_csv_has_one_row_per_code_with_both_languages(survey, client_for) -> None:
    client = client_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": FAMILY, "school": survey.school.pk, "count": 4, "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert all(r["group"] == "Families" and r["code"] in r["instructions_es"] for r in rows)
    assert rows[0]["survey_url"].endswith("/s/")


@pytest.mark.parametrize("group", [STAFF, PEER])
def test_staff_and_peer_codes_sent_by_mail_merge_each_store_one_response(
    survey, client_for, group
) -> None:
    client = client_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": group, "school": survey.school.pk, "count": 3, "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len({r["code"] for r in rows}) == 3, "one personal code per person"
    assert all(
        "It works once" in r["instructions_en"] and r["code"] in r["instructions_en"] for r in rows
    )
    for row in rows:
        response_submit(code=row["code"], language="en", answers=agree_answers(survey.officer, 4))
    with pytest.raises(RespondentError):
        response_submit(
            code=rows[0]["code"], language="en", answers=agree_answers(survey.officer, 1)
        )
    assert Response.objects.filter(group=group).count() == 3


def test_only_a_coordinator_of_the_district_prints_codes(survey, client_for) -> None:
    for role in (Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        answer = client_for(survey.world.users[role]).post(
            f"/surveys/campaigns/{survey.campaign.pk}/codes/",
            {"group": STUDENT, "school": survey.school.pk, "count": 2, "format": "csv"},
        )
        assert answer.status_code == 404, role
