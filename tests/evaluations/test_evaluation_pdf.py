"""The printable evaluation: who may download it, and what it prints."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.pdf import CELL_PADDING, text_width
from evaluations.pdf import FOOTER
from evaluations.services.evaluation_evidence import evaluation_note_add
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_review,
    evaluation_submit,
)
from tests.factories.evaluations import rated
from tests.factories.roster import (
    AgencyFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
    user_of_officer,
)

pytestmark = pytest.mark.django_db

RESPONSE = "I disagree with the rating on community engagement; the logs show 40 visits."
LONG_EVIDENCE = (
    "Counterintuitively-hyphenated-observation "
    + "Led restorative circles with the ninth-grade cohort every fortnight. " * 25
)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def acknowledged(draft, principal, supervisor, officer_user, world):
    evaluation_note_add(
        evaluation=draft, actor=principal, observed_on=world.period.start_date, text="Hall duty."
    )
    rated(draft, principal, level=3)
    first = draft.ratings.select_related("competency").first()
    first.evidence = LONG_EVIDENCE
    first.save()
    evaluation_submit(evaluation=draft, actor=principal)
    evaluation_review(evaluation=draft, actor=supervisor, comment="Fair and well documented.")
    return evaluation_acknowledge(
        evaluation=draft, actor=officer_user, agrees=False, response=RESPONSE
    )


@pytest.mark.parametrize("role", ["principal", "officer_user", "supervisor", "coordinator"])
def test_everyone_who_reads_the_page_downloads_the_pdf_with_competencies_and_response(
    client_for, acknowledged, role, request
) -> None:
    user = request.getfixturevalue(role)

    response = client_for(user).get(reverse("evaluation-pdf", args=[acknowledged.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="evaluation-')
    # Lines joined: a long name or response wraps inside its cell.
    text = " ".join(_pdf_text(response.content).split())
    for rating in acknowledged.ratings.select_related("competency"):
        assert rating.competency.name in text
    assert "Proficient" in text
    assert "Hall duty." in text
    assert "Fair and well documented." in text
    assert "disagrees" in text
    assert "community engagement; the logs show 40 visits." in text
    assert f"{acknowledged.rubric.name}, version {acknowledged.rubric.version}" in text


def test_the_pdf_numbers_its_pages_and_says_it_is_confidential(
    client_for, acknowledged, principal
) -> None:
    pdf = client_for(principal).get(reverse("evaluation-pdf", args=[acknowledged.pk])).content

    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 2  # the long evidence runs over
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert FOOTER in text
        assert f"Page {number} of {len(pages)}" in text


def test_long_evidence_wraps_without_breaking_a_word(client_for, acknowledged, principal) -> None:
    """Each column is at least as wide as its longest word, so the long hyphenated word
    prints whole on one line while the evidence around it wraps over many."""
    word = "Counterintuitively-hyphenated-observation"
    # The word fits the page's width: a break would be the renderer's doing.
    assert text_width(word) + CELL_PADDING < 7 * 72

    pdf = client_for(principal).get(reverse("evaluation-pdf", args=[acknowledged.pk])).content

    lines = _pdf_text(pdf).splitlines()
    assert any(word in line for line in lines)
    assert sum("Led restorative circles" in line for line in lines) > 5


def test_the_officer_cannot_print_a_draft_they_cannot_open(client_for, draft, officer_user) -> None:
    client = client_for(officer_user)

    assert client.get(reverse("evaluation-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("evaluation-pdf", args=[draft.pk])).status_code == 404


def test_the_supervisor_cannot_print_a_draft_they_cannot_open(
    client_for, draft, supervisor
) -> None:
    assert client_for(supervisor).get(reverse("evaluation-pdf", args=[draft.pk])).status_code == 404


def test_outsiders_get_a_404(client_for, acknowledged, world) -> None:
    next_school = SchoolFactory(district=world.district)
    other_agency = AgencyFactory()
    outsiders = {
        "the principal of another school": principal_of(next_school),
        "the supervisor of another agency": supervisor_of(other_agency, world.district),
        "the principal of another district": principal_of(world.other_school),
        "another officer of the agency": user_of_officer(
            OfficerFactory(agency=world.agency), world.district
        ),
        "the coordinator of another district": coordinator_of(world.other_district),
    }
    for who, user in outsiders.items():
        response = client_for(user).get(reverse("evaluation-pdf", args=[acknowledged.pk]))
        assert response.status_code == 404, who


def test_anonymous_is_sent_to_log_in(client, acknowledged) -> None:
    response = client.get(reverse("evaluation-pdf", args=[acknowledged.pk]))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_detail_page_links_to_the_pdf(client_for, acknowledged, officer_user) -> None:
    page = client_for(officer_user).get(reverse("evaluation-detail", args=[acknowledged.pk]))

    assert reverse("evaluation-pdf", args=[acknowledged.pk]) in page.content.decode()
    assert "Print (PDF)" in page.content.decode()
