"""The public report: suppression and complementary suppression in every format."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import openpyxl
import pytest
from django.test import Client
from pypdf import PdfReader

from activity.models import Incident
from activity.selectors.public_report import public_report
from activity.services.reports import report_publish
from roster.models import School
from tests.activity.public_figures import (
    csv_figures,
    hidden_sums,
    page_figures,
    small_changes,
    xlsx_figures,
    xlsx_sheet_of,
)
from tests.factories.activity import ComplaintFactory, enrollment_of, incident_with
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

EL_TABLE = "arrest-english_learner"


@pytest.fixture
def district_report():
    """Alpha: 15 arrests, 3 of English learners (below 10: hidden); Beta: 20 arrests, 10 and 10.

    Hiding Alpha's 3 forces Alpha's 12 (row total 15 is shown), then Beta's two
    cells (the district's column totals are shown). Everything else is 10 or more,
    or zero.
    """
    district = DistrictFactory(code="PUBD", name="Public District")
    period = EvaluationPeriodFactory(district=district)
    alpha = SchoolFactory(district=district, code="ALPHA", name="Alpha High School")
    beta = SchoolFactory(district=district, code="BETA", name="Beta High School")
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    for index in range(15):
        incident_with(
            "arrest", officer=officer, school=alpha, english_learner="el" if index < 3 else "not_el"
        )
    for index in range(20):
        incident_with(
            "arrest", officer=officer, school=beta, english_learner="el" if index < 10 else "not_el"
        )
    enrollment_of(
        alpha, period, {"all": 1500, "english_learner:el": 300, "english_learner:not_el": 1200}
    )
    enrollment_of(
        beta, period, {"all": 2000, "english_learner:el": 400, "english_learner:not_el": 1600}
    )
    for _ in range(2):
        ComplaintFactory(school=alpha, status="received")
    report_publish(district=district, period=period, actor=coordinator_of(district))
    return district, period


def _table(report, slug):
    return next(t for t in report.tables if t.slug == slug)


def _texts(table, label):
    return [c.text for c in next(r for r in table.rows if r.label == label).cells]


def test_small_counts_and_their_complements_are_hidden(district_report) -> None:
    district, period = district_report

    report = public_report(district=district, period=period)

    table = _table(report, EL_TABLE)
    assert table.columns == ("School", "English learner", "Not an English learner", "Total")
    assert _texts(table, "Alpha High School") == ["suppressed", "suppressed", "15"]
    assert _texts(table, "Beta High School") == ["suppressed", "suppressed", "20"]
    assert _texts(table, "All schools") == ["13", "22", "35"]
    # The relative rates built on hidden counts are hidden too.
    assert _texts(_table(report, "relative-english_learner"), "Alpha High School") == [
        "suppressed",
        "suppressed",
    ]
    # District: (13/35 arrests) / (700/3500 enrolled) = 1.857; (22/35) / (2800/3500) = 0.786.
    assert _texts(_table(report, "relative-english_learner"), "All schools") == ["1.86", "0.79"]
    # Two complaints at Alpha: hidden, and so is the school's total and the district's.
    assert _texts(_table(report, "complaints"), "Alpha High School")[0] == "suppressed"


def _hidden_per_line_ok(rows: list[list[str]]) -> bool:
    """In a table whose last column is the row total and last row the column total,
    no row or column hides exactly one cell."""
    lines = [*rows, *zip(*rows, strict=True)]
    return all(sum(1 for text in line if text == "suppressed") != 1 for line in lines)


def test_a_larger_count_hidden_beside_a_small_one_is_not_called_small(district_report) -> None:
    """Alpha's 12 non-English-learner arrests are hidden only to protect its 3; the report
    must not claim "<10" for them, nor label them apart from the 3."""
    response = Client().get("/public/activity/PUBD/2026-27/report.csv")
    text = response.content.decode("utf-8-sig")

    assert "<10" not in text
    assert (
        f"{EL_TABLE},Arrests by English learner,Alpha High School,Not an English learner,suppressed"
        in text
    )
    assert (
        f"{EL_TABLE},Arrests by English learner,Alpha High School,English learner,suppressed"
        in text
    )


def test_no_table_hides_exactly_one_cell_of_a_line(district_report) -> None:
    district, period = district_report
    report = public_report(district=district, period=period)

    for table in report.tables:
        if table.columns[-1] != "Total":
            continue
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert _hidden_per_line_ok(rows), table.title


def test_the_page_needs_no_login_and_shows_the_same_suppression(district_report) -> None:
    response = Client().get("/public/activity/PUBD/2026-27/")

    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index(f'id="caption-{EL_TABLE}"') :]
    section = section[: section.index("</table>")]
    assert (
        '<th scope="row">Alpha High School</th><td>suppressed</td><td>suppressed</td><td>15</td>'
        in section
    )
    assert (
        '<th scope="row">Beta High School</th><td>suppressed</td><td>suppressed</td><td>20</td>'
        in section
    )
    assert "<svg" in html
    assert "<script" not in html
    assert 'role="img"' in html
    assert "<desc" in html


def test_an_unpublished_period_is_not_public(district_report) -> None:
    district, _ = district_report
    EvaluationPeriodFactory(
        district=district, name="2025-26", start_date="2025-08-01", end_date="2026-07-31"
    )

    assert Client().get("/public/activity/PUBD/2025-26/").status_code == 404
    assert Client().get("/public/activity/PUBD/2025-26/report.csv").status_code == 404


def test_the_csv_shows_the_same_suppression(district_report) -> None:
    response = Client().get("/public/activity/PUBD/2026-27/report.csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["table_id", "table", "row", "measure", "value"]
    el = {(r[2], r[3]): r[4] for r in rows if r[1] == "Arrests by English learner"}
    assert el[("Alpha High School", "English learner")] == "suppressed"
    assert el[("Alpha High School", "Not an English learner")] == "suppressed"
    assert el[("Beta High School", "English learner")] == "suppressed"
    assert el[("Alpha High School", "Total")] == "15"
    assert "3" not in el.values()
    assert "12" not in el.values()


def test_the_xlsx_shows_the_same_suppression(district_report) -> None:
    response = Client().get("/public/activity/PUBD/2026-27/report.xlsx")

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = xlsx_sheet_of(workbook, "PUBD", "2026-27", EL_TABLE)
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["School", "English learner", "Not an English learner", "Total"]
    assert rows[1] == ["Alpha High School", "suppressed", "suppressed", 15]
    assert rows[2] == ["Beta High School", "suppressed", "suppressed", 20]
    assert rows[3] == ["All schools", 13, 22, 35]


def test_the_pdf_shows_the_same_suppression_and_renders_with_pdftoppm(
    district_report, tmp_path
) -> None:
    response = Client().get("/public/activity/PUBD/2026-27/report.pdf")

    assert response.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())
    assert "Arrests by English learner" in text
    assert "Alpha High School suppressed suppressed 15" in text
    assert "Beta High School suppressed suppressed 20" in text
    assert "All schools 13 22 35" in text
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed to check the PDF renders"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(path).pages) >= 2
    assert all(p.stat().st_size > 1000 for p in pages)


def test_the_pdf_prints_school_names_outside_latin_1(district_report) -> None:
    School.objects.filter(code="ALPHA").update(name="Szkoła Łódź")

    response = Client().get("/public/activity/PUBD/2026-27/report.pdf")

    text = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
        ).split()
    )
    assert "Szkoła Łódź suppressed suppressed 15" in text


def test_the_threshold_is_the_districts_setting(district_report) -> None:
    district, period = district_report
    district.public_suppression_threshold = 3
    district.save()

    table = _table(public_report(district=district, period=period), EL_TABLE)

    assert _texts(table, "Alpha High School") == ["3", "12", "15"]


FORMATS = {"page": page_figures, "csv": csv_figures, "xlsx": xlsx_figures}


@pytest.fixture
def two_small_cells():
    """Alpha: 12 arrests, of a Black student, a Hispanic student and 10 White students.

    The two small cells are hidden; the row's total (12) and the White cell (10) are
    shown, so a reader who subtracts learns that the two hidden cells add up to 2.
    """
    district = DistrictFactory(code="LEAK", name="Leaky District")
    period = EvaluationPeriodFactory(district=district)
    alpha = SchoolFactory(district=district, code="ALPHA", name="Alpha High School")
    beta = SchoolFactory(district=district, code="BETA", name="Beta High School")
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    for race, count in (("black", 1), ("hispanic", 1), ("white", 10)):
        for _ in range(count):
            incident_with("arrest", officer=officer, school=alpha, race_ethnicity=race)
    for race, count in (("black", 20), ("hispanic", 15), ("white", 15)):
        for _ in range(count):
            incident_with("arrest", officer=officer, school=beta, race_ethnicity=race)
    report_publish(district=district, period=period, actor=coordinator_of(district))
    return district, period


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_line_of_the_public_tables_hides_less_than_the_threshold(two_small_cells, fmt) -> None:
    figures = FORMATS[fmt]("LEAK", "2026-27")

    sums = hidden_sums(figures)

    assert ("arrest-race_ethnicity: Alpha High School", 2, 2) not in sums, (
        "two hidden cells adding to 2 are both 1"
    )
    assert [line for line in sums if line[1] < 2 or line[2] < 10] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_running_periods_report_is_frozen_when_published(district_report, fmt) -> None:
    """A day later one more student is arrested at Beta: the public figures must not move by one."""
    before = FORMATS[fmt]("PUBD", "2026-27")
    beta = School.objects.get(code="BETA")
    incident_with(
        "arrest", officer=Incident.objects.filter(school=beta).first().officer, school=beta
    )

    after = FORMATS[fmt]("PUBD", "2026-27")

    assert small_changes(before, after, 10) == []
    assert after == before


def _published_district(code: str, schools: list[str]):
    district = DistrictFactory(code=code, name=f"District {code}")
    period = EvaluationPeriodFactory(district=district)
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    made = {
        name: SchoolFactory(district=district, code=name.upper(), name=f"{name} School")
        for name in schools
    }
    return district, period, officer, made


def test_the_alternatives_share_is_suppressed_when_the_incidents_with_an_outcome_are() -> None:
    """Alpha's 5 warnings are hidden, so Beta's 55 incidents with an outcome are hidden to
    protect them in their column, while Beta's 40 handled with an alternative show (Gamma's
    11 protect Alpha there). A 73% share would give the 55 away: 40 / 0.727."""
    district, period, officer, s = _published_district("ALT", ["Alpha", "Beta", "Gamma"])
    for school, warnings, arrests in (
        (s["Alpha"], 5, 0),
        (s["Beta"], 40, 15),
        (s["Gamma"], 11, 49),
    ):
        for _ in range(warnings):
            incident_with("warning", officer=officer, school=school)
        for _ in range(arrests):
            incident_with("arrest", officer=officer, school=school)
    report_publish(district=district, period=period, actor=coordinator_of(district))

    figures = csv_figures("ALT", "2026-27")

    assert figures[("incidents", "Beta School", "With an outcome")] == "suppressed"
    assert figures[("incidents", "Beta School", "Handled with an alternative")] == "40"
    assert figures[("rates", "Beta School", "Handled with an alternative")] == "suppressed"


def test_a_relative_rate_is_suppressed_when_the_schools_arrest_total_is() -> None:
    """Alpha's 5 arrests are hidden, so Beta's 40 are too; Beta's 25 arrests of White
    students still show. Its relative rate, (25 / arrests) / (700 / 1000), would give
    the 40 away."""
    district, period, officer, s = _published_district("REL", ["Alpha", "Beta", "Gamma"])
    for school, black, white in ((s["Alpha"], 5, 0), (s["Beta"], 15, 25), (s["Gamma"], 20, 40)):
        for race, count in (("black", black), ("white", white)):
            for _ in range(count):
                incident_with("arrest", officer=officer, school=school, race_ethnicity=race)
    for school in s.values():
        enrollment_of(
            school, period, {"all": 1000, "race_ethnicity:black": 300, "race_ethnicity:white": 700}
        )
    report_publish(district=district, period=period, actor=coordinator_of(district))

    figures = csv_figures("REL", "2026-27")

    assert figures[("enforcement", "Beta School", "Arrest")] == "suppressed"
    assert figures[("arrest-race_ethnicity", "Beta School", "White")] == "25"
    assert figures[("relative-race_ethnicity", "Beta School", "White")] == "suppressed"
    assert figures[("relative-race_ethnicity", "Gamma School", "White")] == "0.95"


def test_complaints_naming_no_school_are_protected_in_their_row_and_in_every_column() -> None:
    """3 sustained complaints name no school, beside 12 received: the no-school row hides
    more than the 3, and the sustained column (Alpha's 20 and the 3 add up to the
    district's 23) hides more than the 3 too."""
    district, period, _officer, s = _published_district("CMP", ["Alpha", "Beta"])
    for school, status, count in (
        (None, "sustained", 3),
        (None, "received", 12),
        (s["Alpha"], "sustained", 20),
        (s["Beta"], "received", 30),
    ):
        for _ in range(count):
            ComplaintFactory(school=school, district=district, status=status)
    report_publish(district=district, period=period, actor=coordinator_of(district))

    figures = csv_figures("CMP", "2026-27")

    no_school = {
        column: text
        for (table, row, column), text in figures.items()
        if table == "complaints" and row == "No school named"
    }
    assert no_school["Sustained"] == no_school["Received"] == "suppressed"
    assert figures[("complaints", "Alpha School", "Sustained")] == "suppressed"
    assert figures[("complaints", "All schools", "Sustained")] == "23"
    assert [line for line in hidden_sums(figures) if line[1] < 2 or line[2] < 10] == []
