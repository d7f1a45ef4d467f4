"""Issue 20: the public report in Spanish — the page (no English left), and the CSV, XLSX
and PDF in the language the page's download links carry."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader

from activity.report_exports.text import long_date
from tests.activity.report_world import ReportWorld
from tests.translation_checks import assert_translated

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
# Data and words that read the same in both languages.
SAME = {
    "Riverside USD",
    "Alpha High School",
    "Beta High School",
    "Total",
    "2026-27",
    "2025-26",
    "IDEA",
}


@pytest.fixture
def world() -> ReportWorld:
    return ReportWorld()


def _today_es() -> str:
    with translation.override("es"):
        return long_date(timezone.localdate())


def test_the_report_page_and_list_leave_no_english_on_the_spanish_page(world) -> None:
    client = Client()
    assert_translated(client, world.url(), allowed=SAME)
    assert_translated(client, world.url("2025-26"), allowed=SAME)
    assert_translated(
        client, "/public/activity/", allowed={"Riverside USD, 2025-26", "Riverside USD, 2026-27"}
    )


def test_the_spanish_page_dates_the_report_in_spanish_and_links_spanish_files(world) -> None:
    page = Client().get(world.url(), **ES).content.decode()

    assert '<html lang="es">' in page
    assert f"<dt>Publicado</dt><dd>{_today_es()}</dd>" in page
    assert "Del 1 de agosto de 2026 al " in page
    assert "(lo que va del año escolar; el año termina el " in page
    assert "Por qué algunas cifras están ocultas" in page
    assert "Arrestos según si aprenden inglés" in page
    assert "report.pdf?lang=es" in page


def test_the_spanish_csv_keeps_its_column_names_and_reads_in_spanish(world) -> None:
    response = Client().get(world.url(fmt="csv") + "?lang=es")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="RIV-actividad-2026-27.csv"'
    assert rows[0] == ["table_id", "table", "row", "measure", "value"]
    about = {r[3]: r[4] for r in rows if r[0] == "about"}
    assert about["Publicado"] == _today_es()
    assert about["Datos hasta el"] == _today_es()
    assert about["Método"].startswith("Una cifra también se puede ocultar")
    assert [
        "enforcement",
        "Medidas policiales por tipo",
        "Beta High School",
        "Arresto",
        "20",
    ] in rows
    assert [
        "trend",
        "Tendencias en los años escolares publicados",
        "2025-26",
        "Arrestos",
        "oculto",
    ] in rows


def test_the_spanish_workbook_names_its_sheets_and_about_rows_in_spanish(world) -> None:
    content = Client().get(world.url(fmt="xlsx") + "?lang=es").content

    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[:4] == [
        "Acerca de",
        "Tendencias",
        "Incidentes y alternativas",
        "Medidas policiales",
    ]
    assert "Arrestos, aprenden inglés" in workbook.sheetnames
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    about = {row[0]: row[1] for row in workbook["Acerca de"].iter_rows(values_only=True)}
    assert about["Publicado"] == _today_es()
    assert about["Leyenda: oculto"].startswith("Una cifra que no se muestra")
    assert about["Hoja Tendencias"] == "Tendencias en los años escolares publicados"


def test_the_spanish_pdf_is_numbered_and_dated_in_spanish(world) -> None:
    content = Client().get(world.url(fmt="pdf") + "?lang=es").content

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
    for number, text in enumerate(pages, start=1):
        assert f"Página {number} de {len(pages)}" in text
        assert f"Publicado: {_today_es()} · Datos hasta el: {_today_es()}" in text
    assert "Cómo leer este informe" in pages[0]
    assert "Qué se cuenta" in pages[0]


def test_the_link_s_language_wins_over_the_browser_s(world) -> None:
    """A Spanish link shared with an English browser still downloads the Spanish file."""
    content = Client().get(world.url(fmt="csv") + "?lang=es", HTTP_ACCEPT_LANGUAGE="en").content

    assert "Sobre este informe" in content.decode("utf-8-sig")
    unknown = Client().get(world.url(fmt="csv") + "?lang=xx", **ES).content.decode("utf-8-sig")
    assert "Sobre este informe" in unknown  # an unknown code falls back to the page's language


def test_libreoffice_opens_the_real_spanish_workbook(world, tmp_path) -> None:
    """The report's own workbook (every sheet, the trend, the Spanish names), not only the
    synthetic case of tests/core/test_xlsx_libreoffice.py."""
    import os
    import subprocess

    from tests.core.test_xlsx_libreoffice import CONVERT_TIMEOUT_SECONDS, _soffice

    soffice = _soffice()
    path = tmp_path / "informe.xlsx"
    path.write_bytes(Client().get(world.url(fmt="xlsx") + "?lang=es").content)
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT_SECONDS,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(tmp_path / "informe.pdf").pages).split()
    )
    assert "Qué es" in text
    assert "Datos hasta el" in text
    assert "Cifras principales" in text or "Tendencias" in text
    assert "Arresto" in text
