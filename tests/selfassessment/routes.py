"""The selfassessment pages in the route-by-role walk (tests/page_scoping.py)."""

from __future__ import annotations

from selfassessment.models import SelfAssessment
from tests.page_scoping_types import Fill

# The model each route's ``pk`` names.
PAGE_KWARGS: dict[str, Fill] = {
    "selfassessment:detail": (SelfAssessment, "pk"),
    "selfassessment:answer": (SelfAssessment, "pk"),
    "selfassessment:complete": (SelfAssessment, "pk"),
    "selfassessment:compare": (SelfAssessment, "pk"),
    "selfassessment:pdf": (SelfAssessment, "pk"),
}
# Pages anyone may open without logging in (their content is still checked).
PUBLIC_PAGES: dict[str, str] = {}
# Routes the walk does not fill, each with the reason.
UNWALKED: dict[str, str] = {}
