"""Playwright driving Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium these tests skip with a message saying how to install
it, unless REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
# The smallest touch target on a public or respondent form (WCAG 2.5.5's 44 CSS px).
MIN_TOUCH_PX = 44


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = (
            f"Chromium is not installed at {CHROMIUM}: run `make browser` as root "
            "(apt-get install chromium) to run the browser tests."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; Django
    # refuses ORM calls from such a thread unless told it is safe. It is set only
    # while a browser module runs (module scope), never for the rest of the suite.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page_es(browser):
    """A phone set to Mexican Spanish, as a family member's would be: es-MX first."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="es-MX",
        extra_http_headers={"Accept-Language": "es-MX,es;q=0.9"},
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


SERIOUS = ("serious", "critical")
# Public and respondent pages are held to more: moderate violations fail too (issue 20).
MODERATE = ("moderate", "serious", "critical")


def assert_accessible(page, impacts: tuple[str, ...] = SERIOUS) -> None:
    """Fail on axe-core violations of the given impacts (serious and critical by
    default; ``MODERATE`` for public and respondent pages), printing the report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in impacts]
    if bad:
        print(results.generate_report())
    assert not bad, [f"{v['id']} ({v['impact']}): {v['help']}" for v in bad]


def log_in(page, live_server, username: str, password: str = "correct horse battery") -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def assert_touch_targets(
    page, selector: str = "input, select, textarea, button, label, a.button"
) -> None:
    """Every visible control matching ``selector`` is at least MIN_TOUCH_PX tall."""
    small = page.eval_on_selector_all(
        selector,
        """(els, min) => els.filter(e => e.offsetParent !== null && e.type !== 'hidden')
              .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
              .filter(([_, h]) => h < min)""",
        MIN_TOUCH_PX,
    )
    assert not small, f"controls shorter than {MIN_TOUCH_PX}px: {small}"
