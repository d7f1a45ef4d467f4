"""Code slips: ten to a page, each code once, a QR code that carries the address only."""

from __future__ import annotations

import datetime
import io
import random
import re
from typing import ClassVar

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget

from roster.models import Role
from surveys import code_slips, codes
from surveys.code_slips import CodeSlipsRenderer
from surveys.models import RespondentGroup
from surveys.services import response_submit
from tests.factories.surveys import agree_answers

STUDENT = RespondentGroup.STUDENT
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}\b")
URL = re.compile(r"https?://\S+")
SURVEY_URL = "https://sro360.example.org/s/"


def _codes(count: int, seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    return [codes.generate(rng) for _ in range(count)]


def _renderer(**overrides) -> CodeSlipsRenderer:
    arguments = {
        "campaign_name": "Spring check-in",
        "school_name": "Roosevelt High",
        "group": STUDENT,
        "survey_url": SURVEY_URL,
        "closes_on": datetime.date(2027, 5, 4),
    } | overrides
    return CodeSlipsRenderer(**arguments)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


class RecordedQr(QrCodeWidget):
    """The real widget, remembering every value it was given."""

    values: ClassVar[list[str]] = []

    def __init__(self, value: str = "", **kwargs) -> None:
        RecordedQr.values.append(value)
        super().__init__(value, **kwargs)


@pytest.fixture
def recorded_qr(monkeypatch) -> list[str]:
    RecordedQr.values = []
    monkeypatch.setattr(code_slips, "QrCodeWidget", RecordedQr)
    return RecordedQr.values


def test_twenty_three_codes_take_three_pages_of_ten_and_each_is_printed_once() -> None:
    issued = _codes(23)
    pages = _pages(_renderer().render(issued))
    assert len(pages) == 3
    assert [len(CODE.findall(text)) for text in pages] == [10, 10, 3]
    printed = CODE.findall("".join(pages))
    assert sorted(printed) == sorted(issued), "every code exactly once, and nothing else"


def test_every_slip_has_the_bilingual_title_the_address_and_the_last_day() -> None:
    (page,) = _pages(_renderer().render(_codes(10)))
    for words in (
        "School officer survey",
        "Encuesta sobre policía escolar",  # neutral: no "el oficial" (issue 20)
        "Last day to answer: May 4, 2027",
        "Último día para responder: 4 de mayo de 2027",
        SURVEY_URL,
    ):
        assert page.count(words) == 10, words


def test_the_qr_code_carries_the_survey_address_and_never_a_code(recorded_qr) -> None:
    issued = _codes(12)
    pdf = _renderer().render(issued)
    assert recorded_qr == [SURVEY_URL], "one QR code of the address, drawn on every slip"
    assert not any(
        code in value or code.replace("-", "") in value for code in issued for value in recorded_qr
    )
    reader = PdfReader(io.BytesIO(pdf))
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert links == [], "a paper slip has no link annotations that could carry a code"
    addresses = URL.findall("".join(_pages(pdf)))
    assert addresses
    assert set(addresses) == {SURVEY_URL}


@pytest.mark.django_db
def test_the_slips_downloaded_from_the_campaign_page_point_at_the_survey_page(
    survey, client_for, recorded_qr
) -> None:
    client = client_for(survey.world.users[Role.COORDINATOR])
    answer = client.post(
        f"/surveys/campaigns/{survey.campaign.pk}/codes/",
        {"group": STUDENT, "school": survey.school.pk, "count": 23, "format": "pdf"},
    )
    assert answer.status_code == 200
    pages = _pages(answer.content)
    assert len(pages) == 3
    printed = CODE.findall("".join(pages))
    assert len(printed) == len(set(printed)) == 23
    assert recorded_qr == ["http://testserver/s/"]
    day = survey.campaign.closes_on
    assert f"{day:%B} {day.day}, {day.year}" in pages[0]
    # What is printed is what the survey page takes.
    response_submit(code=printed[22], language="en", answers=agree_answers(survey.officer, 4))


def test_what_the_slip_says_about_typing_the_code_is_what_the_survey_page_accepts() -> None:
    """The slip says: capitals or not, dashes or not, 0 = O and 1 = I = l."""
    code = next(c for c in _codes(400) if "0" in c and "1" in c)
    normal = codes.normalise(code)
    assert normal is not None
    variants = [
        code.replace("-", ""),
        code.lower(),
        code.replace("0", "O"),
        code.replace("0", "o"),
        code.replace("1", "I"),
        code.replace("1", "l"),
        code.replace("-", " ").replace("0", "O").replace("1", "l").lower(),
    ]
    assert [codes.normalise(variant) for variant in variants] == [normal] * len(variants)


def test_a_long_campaign_name_stays_on_its_own_slip() -> None:
    issued = _codes(10)
    pages = _pages(_renderer(campaign_name="Spring district-wide check-in " * 7).render(issued))
    assert len(pages) == 1
    assert sorted(CODE.findall(pages[0])) == sorted(issued)
