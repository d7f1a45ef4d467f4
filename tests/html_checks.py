"""Markup checks a screen reader depends on, for pages rendered by the test client."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

REFERENCING = ("for", "aria-describedby", "aria-labelledby", "aria-controls")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.references: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
            elif name in REFERENCING and value:
                self.references.extend((tag, name, ref) for ref in value.split())


def assert_ids_consistent(html: str) -> None:
    """No id appears twice, and every label ``for`` and ``aria-*`` reference names an id on the page."""
    parser = _Ids()
    parser.feed(html)
    repeated = sorted(i for i, n in parser.ids.items() if n > 1)
    assert not repeated, f"ids used more than once: {repeated}"
    dangling = sorted(
        {(tag, name, ref) for tag, name, ref in parser.references if ref not in parser.ids}
    )
    assert not dangling, f"references to ids that aren't on the page: {dangling}"
