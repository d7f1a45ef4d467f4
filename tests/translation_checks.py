"""Finding English left on a page rendered in Spanish.

A page is rendered twice, in English and in Spanish; any visible text (a text node,
or an ``alt``, ``title``, ``aria-label`` or ``placeholder``) that reads the same in
both and holds a word is untranslated, unless it is data (a name, a code, a number)
that the test names in ``allowed``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PERCEIVED_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
# The same in both languages by design.
ALWAYS_ALLOWED = frozenset({"SRO360", "English", "Español", "PDF", "CSV", "XLSX", "No", "k"})
_WORD = re.compile(r"[^\W\d_]{2,}")


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self._skip += 1
        for name, value in attrs:
            if name in PERCEIVED_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            text = " ".join(data.split())
            if text:
                self.texts.append(text)


def visible_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def untranslated(
    html_en: str, html_es: str, allowed: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """Texts of the Spanish page that read exactly as on the English page."""
    english = set(visible_texts(html_en))
    permitted = ALWAYS_ALLOWED | set(allowed)
    return sorted(
        {
            text
            for text in visible_texts(html_es)
            if text in english and text not in permitted and _WORD.search(text)
        }
    )


def assert_translated(
    client, url: str, allowed: set[str] | frozenset[str] = frozenset(), **get
) -> None:
    """GET ``url`` in English and in Spanish (Accept-Language) and fail on English left in the Spanish page."""
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **get)
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9", **get)
    assert english.status_code == spanish.status_code, (english.status_code, spanish.status_code)
    left = untranslated(english.content.decode(), spanish.content.decode(), allowed)
    assert not left, f"English left on the Spanish page {url}: {left}"
