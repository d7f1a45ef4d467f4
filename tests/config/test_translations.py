"""The Spanish catalogues are complete and compiled as committed, and the language
machinery picks the reader's language on public pages only."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.translation_checks import untranslated

CATALOGUES = sorted(
    p
    for p in Path(settings.BASE_DIR).glob("**/locale/es/LC_MESSAGES/django.po")
    if ".venv" not in p.parts
)


def test_there_are_catalogues() -> None:
    assert CATALOGUES, "no Spanish catalogue found"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent))
def test_catalogue_is_complete_and_compiled(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    written = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    assert compiled == written, f"{po_path.with_suffix('.mo')} is stale: run `make messages`"


def test_public_pages_follow_accept_language_with_region(client, db) -> None:
    response = client.get(reverse("activity:public-reports"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.content.decode()
    assert "Saltar al contenido principal" in response.content.decode()


def test_staff_pages_stay_english_for_a_spanish_browser(client, db) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_language_switch_keeps_the_page(client, db) -> None:
    page = reverse("activity:public-reports")
    response = client.post(reverse("set_language"), {"language": "es", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert client.get(page)["Content-Language"] == "es"
    # The switch offers the other language and posts back to the page it sits on.
    html = client.get(page).content.decode()
    assert f'name="next" value="{page}"' in html
    assert 'value="en" lang="en"' in html


def test_language_switch_never_redirects_off_site(client, db) -> None:
    response = client.post(
        reverse("set_language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response.status_code in (204, 302)
    assert "evil.example" not in response.get("Location", "")


def test_public_brand_leads_to_public_pages_not_login(client, db) -> None:
    html = client.get(reverse("activity:public-reports")).content.decode()
    assert f'class="brand" href="{reverse("activity:public-reports")}"' in html


def test_favicon_is_served(client, db) -> None:
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200


def test_untranslated_finds_english_left_and_spares_data() -> None:
    en = '<p>Hello there</p><p>Lincoln High</p><img alt="Chart of arrests">'
    es = '<p>Hola</p><p>Lincoln High</p><img alt="Chart of arrests">'
    assert untranslated(en, es) == ["Chart of arrests", "Lincoln High"]
    assert untranslated(en, es, allowed={"Lincoln High"}) == ["Chart of arrests"]
