from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_principal_logs_in_and_sees_their_home_page(live_server, page) -> None:
    from tests.scoping import ScopeWorld

    ScopeWorld.build()

    log_in(page, live_server, "the-principal")

    page.get_by_role("heading", name="What you have to do").wait_for()
    assert page.get_by_role("link", name="Officers you are responsible for").is_visible()
    assert_accessible(page)


def test_a_wrong_password_says_so(live_server, page) -> None:
    from tests.scoping import ScopeWorld

    ScopeWorld.build()

    log_in(page, live_server, "the-principal", password="not it")

    assert (
        page.get_by_role("alert").inner_text().startswith("Your username and password didn't match")
    )
