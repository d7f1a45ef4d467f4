"""Issue 20: axe-core in CI on every public and respondent page, in both languages.

One test per page and language, on a phone (390x844): no moderate, serious or critical
axe violation, every control at least 44 px tall, the page in the language asked for.
Pages reached by a form (a refused code, a sent complaint, an opt-out) are reached
through the form, as a visitor reaches them. The survey's inner steps (officers,
answers, review, thanks, Back) are walked in ``test_survey_phone_es.py`` in both
languages with the same checks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SRO360_SCREENSHOTS", "")

# Radio and checkbox inputs are tapped through their label rows; links inside running
# text are not controls.
CONTROLS = (
    "input:not([type=radio]):not([type=checkbox]):not([type=hidden]), select, textarea, "
    "button, a.button"
)


@dataclass(frozen=True)
class Visit:
    name: str
    # Builds what the page needs and returns the path to open.
    setup: Callable[[], str]
    # What a visitor does on the page before it is checked (a refused form...).
    act: Callable[[Any, str], None] | None = None
    status: int = 200


def _report() -> str:
    from tests.activity.report_world import ReportWorld

    ReportWorld()
    return "/public/activity/RIV/2026-27/"


def _reports() -> str:
    from tests.activity.report_world import ReportWorld

    ReportWorld()
    return "/public/activity/"


def _complaint_form() -> str:
    from tests.scoping import ScopeWorld

    ScopeWorld.build()
    return "/public/complaints/HOME/"


def _tracking() -> str:
    return "/public/complaints/track/"


def _survey() -> str:
    return "/s/"


def _survey_privacy() -> str:
    return "/s/privacy/"


def _notice() -> str:
    from roster.models import Role
    from tests.factories.surveys import make_campaign, make_notice, tag_student_questions
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        with_notice=False,
    )
    tag_student_questions(campaign, {"contact": ["illegal_behavior"]})
    notice = make_notice(campaign, actor=world.users[Role.COORDINATOR])
    return f"/public/surveys/notices/{notice.token}/"


def _submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def _refused_complaint(page, lang: str) -> None:
    _submit(page)  # nothing filled in


def _sent_complaint(page, lang: str) -> None:
    page.locator("input[name=source]").first.check()
    page.locator("textarea[name=account]").fill("The officer shouted at my son at the gate.")
    page.locator("input[name=allegations]").first.check()
    _submit(page)


def _mistyped_tracking(page, lang: str) -> None:
    page.locator("input[name=code]").fill("NOPE-NOPE-NOPE")
    _submit(page)


def _mistyped_survey_code(page, lang: str) -> None:
    page.locator("input[name=code]").fill("ABCD-EFGH-JKLM")
    _submit(page)


def _refused_opt_out(page, lang: str) -> None:
    _submit(page)


def _opted_out(page, lang: str) -> None:
    page.locator("input[name=child_name]").fill("Mateo Ruiz")
    page.locator("select[name=school]").select_option(index=1)
    page.locator("input[name=grade]").fill("7")
    _submit(page)


def _mou_index() -> str:
    from tests.agreements.test_comments_service import review_with_window
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    review_with_window(world)
    _mou_closed_review(world)
    return "/public/mou/"


def _mou_open_review() -> str:
    from tests.agreements.test_comments_service import review_with_window
    from tests.scoping import ScopeWorld

    review = review_with_window(ScopeWorld.build())
    return f"/public/mou/reviews/{review.pk}/"


def _mou_window_over() -> str:
    from tests.agreements.test_comments_service import review_with_window
    from tests.scoping import ScopeWorld

    review = review_with_window(ScopeWorld.build(), opens=-20, closes=-1)
    return f"/public/mou/reviews/{review.pk}/"


def _mou_closed_review(world=None) -> str:
    from agreements.models import ParticipantKind, ReviewDecision, ReviewStatus
    from core.dates import today
    from tests.agreements.test_comments_service import DAY, review_with_window
    from tests.factories.agreements import ReviewParticipantFactory
    from tests.scoping import ScopeWorld

    review = review_with_window(
        world or ScopeWorld.build(),
        opens=-40,
        closes=-10,
        status=ReviewStatus.CLOSED,
        decision=ReviewDecision.REVISED,
        decision_reason="Families asked for it.",
        closed_on=today() - DAY,
        comment_count=12,
        comment_summary="Most comments asked that officers stay out of discipline.",
    )
    for kind in (ParticipantKind.FAMILIES, ParticipantKind.CIVIL_RIGHTS, ParticipantKind.SCHOOL):
        ReviewParticipantFactory(review=review, kind=kind, organisation="Riverside")
    return f"/public/mou/reviews/{review.pk}/"


def _refused_comment(page, lang: str) -> None:
    _submit(page)  # nothing written


def _sent_comment(page, lang: str) -> None:
    page.locator("textarea[name=text]").fill("Please keep officers out of school discipline.")
    _submit(page)


VISITS = [
    Visit("report-list", _reports),
    Visit("report", _report),
    Visit("complaint-form", _complaint_form),
    Visit("complaint-refused", _complaint_form, _refused_complaint),
    Visit("complaint-received", _complaint_form, _sent_complaint),
    Visit("tracking", _tracking),
    Visit("tracking-mistyped", _tracking, _mistyped_tracking),
    Visit("survey-start", _survey),
    Visit("survey-mistyped-code", _survey, _mistyped_survey_code),
    Visit("survey-privacy", _survey_privacy),
    Visit("notice", _notice),
    Visit("notice-refused", _notice, _refused_opt_out),
    Visit("notice-received", _notice, _opted_out),
    Visit("mou-index", _mou_index),
    Visit("mou-review", _mou_open_review),
    Visit("mou-comment-refused", _mou_open_review, _refused_comment),
    Visit("mou-comment-thanks", _mou_open_review, _sent_comment),
    Visit("mou-window-over", _mou_window_over),
    Visit("mou-record", lambda: _mou_closed_review()),
    Visit("not-found", lambda: "/public/surveys/notices/nosuchnotice/", status=404),
]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("visit", VISITS, ids=[v.name for v in VISITS])
def test_a_public_page_passes_axe_on_a_phone(
    visit: Visit, lang: str, live_server, phone_page, phone_page_es
) -> None:
    page = phone_page_es if lang == "es" else phone_page
    path = visit.setup()
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None
    assert response.status == visit.status, path
    if visit.act is not None:
        visit.act(page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page, MODERATE)
    assert_touch_targets(page, CONTROLS)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/axe-{visit.name}-{lang}.png", full_page=True)


# Chart labels are drawn at 13 px in an SVG scaled to the page: on a phone the SVG
# must not shrink so far that they can't be read (at most 15% smaller).
SMALLEST_LABEL_PX = 11


@pytest.mark.parametrize("lang", ["es", "en"])
def test_chart_labels_stay_readable_on_a_phone(lang: str, live_server, phone_page, phone_page_es):
    page = phone_page_es if lang == "es" else phone_page
    page.goto(f"{live_server.url}{_report()}")
    heights = page.eval_on_selector_all(
        "figure.chart svg text",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert heights
    assert min(heights) >= SMALLEST_LABEL_PX, min(heights)
    assert_accessible(page, MODERATE)


def _gap(page, above: str, below: str) -> float:
    return page.evaluate(
        "([a, b]) => document.querySelector(b).getBoundingClientRect().top"
        " - document.querySelector(a).getBoundingClientRect().bottom",
        [above, below],
    )


def test_a_button_never_touches_the_field_or_text_beside_it(live_server, phone_page_es) -> None:
    """On a phone a button glued to a field or to the note under it reads as one block."""
    page = phone_page_es
    page.goto(f"{live_server.url}{_notice()}")
    assert _gap(page, ".opt-out-form .form-row:last-of-type input", ".opt-out-form button") >= 12
    page.goto(f"{live_server.url}{_tracking()}")
    assert _gap(page, ".complaint-page form button", ".complaint-page form + .helptext") >= 12
