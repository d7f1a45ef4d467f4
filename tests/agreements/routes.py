"""The agreements pages in the route-by-role walk (tests/page_scoping.py)."""

from __future__ import annotations

from agreements.models import MOUReview, MOUVersion
from roster.models import MOU
from tests.page_scoping_types import Fill

# The model each route's ``pk`` names.
PAGE_KWARGS: dict[str, Fill] = {
    "agreements:mou": (MOU, "pk"),
    "agreements:version-new": (MOU, "pk"),
    "agreements:review-new": (MOU, "pk"),
    "agreements:version": (MOUVersion, "pk"),
    "agreements:version-edit": (MOUVersion, "pk"),
    "agreements:version-document": (MOUVersion, "pk"),
    "agreements:version-compare": (MOUVersion, "pk"),
    "agreements:review": (MOUReview, "pk"),
    "agreements:review-open": (MOUReview, "pk"),
    "agreements:review-propose": (MOUReview, "pk"),
    "agreements:review-close": (MOUReview, "pk"),
}
# Pages anyone may open without logging in (their content is still checked).
PUBLIC_PAGES: dict[str, str] = {
    "agreements:public-index": "the index of open comment windows and published review records",
}
# Routes the walk does not fill, each with the reason.
UNWALKED: dict[str, str] = {}

# The public review pages (H2) are one set for everyone, not a scope: a review is public
# from its comment window's first day or once closed, and 404 for every caller before.
# The walk's review next door is never public, so even its own coordinator would get a
# 404; tests/agreements/test_public_pages.py checks both sides instead.
for _name in ("public-review", "public-comment", "public-comment-thanks"):
    UNWALKED[f"agreements:{_name}"] = (
        "public to anyone once the review's comment window opened or it closed, 404 to"
        " everyone before (tests/agreements/test_public_pages.py)"
    )
