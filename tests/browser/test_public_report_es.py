"""Issue 20, done when: a phone set to Mexican Spanish opens the public report list and a
report, in Spanish, axe-clean at moderate, with touch-sized controls, and downloads the
PDF; the same in English; the coordinator previews before publishing."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets, log_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SRO360_SCREENSHOTS", "")


def _world():
    from tests.activity.report_world import ReportWorld

    return ReportWorld()


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_spanish_phone_reads_the_report_list_and_a_report_and_downloads_the_pdf(
    live_server, phone_page_es
) -> None:
    _world()
    page = phone_page_es

    page.goto(f"{live_server.url}/public/activity/")
    page.get_by_role("heading", name="Actividad policial en las escuelas").wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, MODERATE)
    assert_touch_targets(page, "button, .report-list a, a.button")
    _shot(page, "index-es")

    page.get_by_role("link", name="Riverside USD, 2026-27").click()
    page.get_by_role(
        "heading", name="Riverside USD: actividad policial en las escuelas, 2026-27"
    ).wait_for()
    assert page.get_by_text("lo que va del año escolar").is_visible()
    assert page.get_by_role("heading", name="Cómo leer este informe").is_visible()
    assert page.get_by_role("table", name="Cifras principales por año escolar").is_visible()
    assert_accessible(page, MODERATE)
    assert_touch_targets(page, "button, .downloads a")
    _shot(page, "report-es")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == "RIV-actividad-2026-27.pdf"
    if SHOTS:
        download.value.save_as(f"{SHOTS}/report-es.pdf")


def test_an_english_phone_reads_the_same_report_in_english(live_server, phone_page) -> None:
    _world()
    page = phone_page

    page.goto(f"{live_server.url}/public/activity/RIV/2026-27/")
    page.get_by_role(
        "heading", name="Riverside USD: law-enforcement activity in schools, 2026-27"
    ).wait_for()
    assert page.get_by_text("the school year so far").is_visible()
    assert_accessible(page, MODERATE)
    assert_touch_targets(page, "button, .downloads a")
    _shot(page, "report-en")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == "RIV-activity-2026-27.pdf"
    if SHOTS:
        download.value.save_as(f"{SHOTS}/report-en.pdf")
    for fmt in ("xlsx", "csv"):
        if SHOTS:
            with page.expect_download() as other:
                page.get_by_role(
                    "link", name={"xlsx": "Spreadsheet (XLSX)", "csv": "CSV"}[fmt]
                ).click()
            other.value.save_as(f"{SHOTS}/report-en.{fmt}")


def test_the_language_switch_keeps_the_report(live_server, phone_page) -> None:
    _world()
    page = phone_page

    page.goto(f"{live_server.url}/public/activity/RIV/2025-26/")
    page.get_by_role("button", name="Español").click()

    page.get_by_role(
        "heading", name="Riverside USD: actividad policial en las escuelas, 2025-26"
    ).wait_for()
    assert page.url.endswith("/public/activity/RIV/2025-26/")


def test_the_coordinator_previews_then_publishes(live_server, page) -> None:
    from tests.activity.report_world import ReportWorld

    ReportWorld(publish=False)
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("heading", name="What you have to do").wait_for()

    page.goto(f"{live_server.url}/activity/reports/")
    page.get_by_label("School year").select_option(label="2026-27")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role(
        "heading", name="Preview: Riverside USD: law-enforcement activity in schools, 2026-27"
    ).wait_for()
    assert page.get_by_text("Partial year.").is_visible()
    assert_accessible(page)
    _shot(page, "publish-preview")
    page.get_by_label("I have checked the preview: publish exactly this report").check()
    page.get_by_role("button", name="Publish this report").click()

    page.get_by_text("The 2026-27 report is now public (release 1").wait_for()
