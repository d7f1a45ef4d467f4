"""The hiring pages in the route-by-role walk (tests/page_scoping.py)."""

from __future__ import annotations

from hiring.models import HiringGuideline, SelectionRecord
from tests.page_scoping_types import Fill

# The model each route's ``pk`` names.
PAGE_KWARGS: dict[str, Fill] = {
    "hiring:guideline": (HiringGuideline, "pk"),
    "hiring:guideline-edit": (HiringGuideline, "pk"),
    "hiring:guideline-publish": (HiringGuideline, "pk"),
    "hiring:guideline-revise": (HiringGuideline, "pk"),
    "hiring:selection": (SelectionRecord, "pk"),
    "hiring:selection-scores": (SelectionRecord, "pk"),
    "hiring:selection-decide": (SelectionRecord, "pk"),
}
# Pages anyone may open without logging in (their content is still checked).
PUBLIC_PAGES: dict[str, str] = {}
# Routes the walk does not fill, each with the reason.
UNWALKED: dict[str, str] = {}
