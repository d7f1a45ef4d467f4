"""A member of the public on a phone, in Spanish (es-MX), reads the proposed changes to
the police agreement and comments on them: the comment is stored (its text, language
and review only), the thanks page follows, axe finds no moderate violation and every
control is at least 44 px tall. Then the published record, after the review closed."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SRO360_SCREENSHOTS", "")


def _screenshot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _open_review():
    from agreements.models import Clause, MOUClause
    from tests.agreements.test_comments_service import review_with_window
    from tests.scoping import ScopeWorld

    review = review_with_window(ScopeWorld.build())
    MOUClause.objects.filter(
        version=review.proposed_version, clause=Clause.SCHOOL_DISCIPLINE
    ).update(
        text_en="Officers never take part in school discipline.",
        text_es="Los oficiales nunca participan en la disciplina escolar.",
    )
    return review


def test_a_member_of_the_public_comments_in_spanish_on_a_phone(live_server, phone_page_es) -> None:
    from agreements.models import PublicComment

    review = _open_review()
    page = phone_page_es
    page.goto(f"{live_server.url}/public/mou/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("heading", name="Revisiones de los acuerdos con la policía (MOU)").wait_for()
    assert_accessible(page, MODERATE)
    _screenshot(page, "mou-index-es")
    page.get_by_role("link", name="HOME School District y HOMEPD Police Department").click()

    page.get_by_role("heading", name="Revisión del acuerdo con la policía (MOU)").wait_for()
    assert page.get_by_text("Los oficiales ya no participan en la disciplina escolar.").is_visible()
    assert page.get_by_text("Los oficiales nunca participan en la disciplina escolar.").is_visible()
    assert page.locator(".clause.changed").count() == 1
    assert page.locator(".changed-mark").first.inner_text() == "Cambia"
    # On a phone the two wordings come one after the other, not squeezed side by side.
    widths = page.eval_on_selector_all(
        ".clause.changed .version-text", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert min(widths) > 300, widths
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "mou-review-es")

    # Nothing written: refused in Spanish, nothing stored.
    page.get_by_role("button", name="Enviar mi comentario").click()
    page.get_by_text("Escriba su comentario antes de enviarlo.").first.wait_for()
    assert_accessible(page, MODERATE)
    assert not PublicComment.objects.exists()

    comment = "Me parece bien que los oficiales no participen en la disciplina."
    page.get_by_label("Su comentario").fill(comment)
    page.get_by_role("button", name="Enviar mi comentario").click()
    page.get_by_role("heading", name="Recibimos su comentario").wait_for()
    assert comment not in page.url
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "mou-thanks-es")
    stored = PublicComment.objects.values().get()
    assert (stored["review_id"], stored["language"], stored["text"]) == (review.pk, "es", comment)

    # Reloading the thanks page posts nothing again (Post/Redirect/Get).
    page.reload()
    page.get_by_role("heading", name="Recibimos su comentario").wait_for()
    page.get_by_role("link", name="Volver a la revisión").click()
    page.get_by_role("heading", name="Revisión del acuerdo con la policía (MOU)").wait_for()
    assert PublicComment.objects.count() == 1
