"""The coordinator's pages: the years, one assessment by step with its evidence links,
answering (post, redirect, get), completing, comparing two years and the PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selfassessment.home import nav_items
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer
from selfassessment.services.assessments import (
    selfassessment_answer,
    selfassessment_complete,
    selfassessment_start,
)
from tests.factories.activity import ComplaintFactory
from tests.factories.roster import (
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    OfficerFactory,
)
from tests.factories.selfassessment import SelfAssessmentFactory

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _completed_prior_year(home) -> SelfAssessment:
    prior = selfassessment_start(period=home.prior, actor=home.coordinator)
    selfassessment_answer(
        assessment=prior,
        item="s5-recognition",
        answer="no",
        note="No recognition yet.",
        actor=home.coordinator,
    )
    return selfassessment_complete(assessment=prior, actor=home.coordinator)


def test_the_coordinator_starts_a_year_from_the_list_and_lands_on_it(home, client_for) -> None:
    client = client_for(home.coordinator)

    page = client.get("/self-assessment/")
    response = client.post(
        "/self-assessment/", {"period": home.period.pk, "checklist": "secure-2016.csv"}
    )

    assert page.status_code == 200
    assert "Start a self-assessment" in page.content.decode()
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{assessment.pk}/"


def test_the_assessment_page_groups_items_by_step_with_evidence_links(home, client_for) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)

    page = client_for(home.coordinator).get(f"/self-assessment/{assessment.pk}/").content.decode()

    assert "Step 1. Create sustainable partnerships and formalize MOUs" in page
    assert "Checklist to start" in page
    assert "Checklist to improve" in page
    assert f'href="/agreements/mous/{home.mou.pk}/"' in page
    assert 'href="/activity/reports/"' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'name="item" value="s2-legal-review"' in page
    # Evidence items get no answer form.
    assert 'name="item" value="s1-mou-in-force"' not in page


def test_an_answer_is_posted_then_redirected_and_shown(home, client_for) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    client = client_for(home.coordinator)

    response = client.post(
        f"/self-assessment/{assessment.pk}/answer/",
        {"item": "s3-school-input", "answer": "partly", "note": "Two of four principals."},
    )
    page = client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{assessment.pk}/#item-s3-school-input"
    assert "Item s3-school-input is answered." in page
    assert "Two of four principals." in page


def test_an_answer_without_a_note_is_refused_with_a_message_and_stores_nothing(
    home, client_for
) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    client = client_for(home.coordinator)

    response = client.post(
        f"/self-assessment/{assessment.pk}/answer/",
        {"item": "s3-school-input", "answer": "yes", "note": ""},
        follow=True,
    )

    assert "The answer was not saved (note: This field is required.)" in response.content.decode()
    assert SelfAssessmentAnswer.objects.count() == 0


@pytest.mark.parametrize("who", ["principal", "supervisor"])
def test_other_roles_get_404_and_their_answers_store_nothing(home, client_for, who) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    client = client_for(getattr(home, who))

    assert client.get("/self-assessment/").status_code == 404
    assert client.get(f"/self-assessment/{assessment.pk}/").status_code == 404
    response = client.post(
        f"/self-assessment/{assessment.pk}/answer/",
        {"item": "s3-school-input", "answer": "yes", "note": "Fine."},
    )

    assert response.status_code == 404
    assert SelfAssessmentAnswer.objects.count() == 0


def test_another_districts_assessment_is_404_for_the_coordinator(home, client_for) -> None:
    away = SelfAssessmentFactory(
        period=EvaluationPeriodFactory(district=DistrictFactory(code="AWAY"))
    )
    client = client_for(home.coordinator)

    for path in ("", "compare/", "summary.pdf"):
        assert client.get(f"/self-assessment/{away.pk}/{path}").status_code == 404
    assert client.post(f"/self-assessment/{away.pk}/complete/").status_code == 404
    assert SelfAssessment.objects.get(pk=away.pk).completed_on is None


def test_completing_from_the_page_freezes_it(home, client_for) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    client = client_for(home.coordinator)

    client.post(f"/self-assessment/{assessment.pk}/complete/")
    page = client.get(f"/self-assessment/{assessment.pk}/").content.decode()

    assert "Completed on" in page
    assert 'name="item"' not in page
    assert "Complete the self-assessment" not in page


def test_the_comparison_shows_both_years_per_step_and_marks_changed_items(home, client_for) -> None:
    _completed_prior_year(home)
    current = selfassessment_start(period=home.period, actor=home.coordinator)
    selfassessment_answer(
        assessment=current,
        item="s5-recognition",
        answer="yes",
        note="Commendations at the spring board meeting.",
        actor=home.coordinator,
    )

    page = client_for(home.coordinator).get(f"/self-assessment/{current.pk}/compare/")
    text = page.content.decode()

    assert page.status_code == 200
    assert "Year over year: 2026-27 and 2025-26" in text
    assert "2026-27 met" in text
    assert "2025-26 met" in text
    rows = re.findall(
        r"<tr( class=\"changed\")?>\s*<td>5</td>\s*<td>Good performance[^<]*</td>"
        r"\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>",
        text,
    )
    assert rows == [(' class="changed"', "Yes", "No")]


def test_the_pdf_summary_names_the_steps_and_their_scores(home, client_for) -> None:
    assessment = _completed_prior_year(home)

    response = client_for(home.coordinator).get(f"/self-assessment/{assessment.pk}/summary.pdf")
    text = _pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert "SECURe self-assessment — Riverside Unified" in text
    assert f"Completed on {assessment.completed_on.isoformat()}" in text
    assert "SECURe 2016 checklist (version " in text
    assert "secure-2016.csv@" not in text
    for step in (
        "1. Create sustainable partnerships and formalize MOUs",
        "5. Continually evaluate SROs and school personnel, and recognize good performance",
    ):
        assert step in text
    step5 = next(s for s in assessment.snapshot["steps"] if s["step"] == 5)
    assert f"{step5['answered']} of {step5['items']}" in text
    assert f"{round(100 * step5['met_share'])}% met" in text
    assert "Page 1 of" in text
    assert "Coordinator: No recognition yet." in text


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_assessment_page_runs_a_fixed_number_of_queries(
    home, client_for, django_assert_max_num_queries
) -> None:
    assessment = selfassessment_start(period=home.period, actor=home.coordinator)
    client = client_for(home.coordinator)
    url = f"/self-assessment/{assessment.pk}/"
    small = _queries_for(client, url)

    for number in range(3):
        officer = OfficerFactory(agency=home.agency, badge_number=f"9{number}")
        AssignmentFactory(officer=officer, school=home.school)
        ComplaintFactory(school=home.school, officer=officer)
    for item in ("s1-partners-named", "s2-legal-review", "s5-recognition"):
        selfassessment_answer(
            assessment=assessment, item=item, answer="yes", note="Done.", actor=home.coordinator
        )

    assert _queries_for(client, url) == small
    with django_assert_max_num_queries(35):
        client.get(url)


def test_the_navigation_link_is_for_coordinators_only(home) -> None:
    assert nav_items(user=home.coordinator) == [
        {"title": "Self-assessment", "url": "/self-assessment/"}
    ]
    assert nav_items(user=home.principal) == []
