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
PUBLIC_PAGES: dict[str, str] = {}
# Routes the walk does not fill, each with the reason.
UNWALKED: dict[str, str] = {}
