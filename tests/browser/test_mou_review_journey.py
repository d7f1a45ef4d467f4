"""The coordinator opens an MOU review with a public comment window; a member of the
public reads the proposed changes in Spanish and comments on a phone; the review closes
with a revised version; the comparison page shows the changed clauses; axe finds no
serious or critical violation on the staff pages and no moderate one on the public pages."""

from __future__ import annotations

import datetime
import os

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets, log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SRO360_SCREENSHOTS", "")
DAY = datetime.timedelta(days=1)

OLD_DISCIPLINE = "Officers may help the school with discipline when asked."
NEW_DISCIPLINE_EN = "Officers never take part in ordinary school discipline."
NEW_DISCIPLINE_ES = "Los oficiales nunca participan en la disciplina escolar ordinaria."
CHANGES_EN = "Officers no longer take part in school discipline."
CHANGES_ES = "Los oficiales ya no participan en la disciplina escolar."
COMMENT = "Me parece bien que los oficiales no participen en la disciplina."


def _screenshot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _mou_with_version_in_force(world):
    """The home district's MOU with its version 1 in force, every clause worded."""
    from agreements.models import Clause, MOUClause
    from roster.models import MOU
    from tests.factories.agreements import worded_version

    mou = MOU.objects.get(district=world.district)
    base = worded_version(mou=mou, number=1, adopted_on=mou.effective_date)
    MOUClause.objects.filter(version=base, clause=Clause.SCHOOL_DISCIPLINE).update(
        text_en=OLD_DISCIPLINE, text_es="Los oficiales pueden ayudar con la disciplina."
    )
    return mou


def _coordinator_opens_the_review(page, live_server, mou) -> None:
    from core.dates import today

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/setup/mous/")
    page.get_by_role("link", name="Versions and reviews").first.click()
    page.get_by_role("heading", name="Versions", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a review").click()
    page.get_by_label("Due date").fill((today() + 30 * DAY).isoformat())
    page.get_by_role("button", name="Schedule").click()
    page.get_by_role("link", name="Open the review").click()
    page.get_by_role("heading", name="Open the review of the MOU").wait_for()
    assert_accessible(page)
    page.get_by_label("Participants").fill(
        "civil_rights | Ana Ruiz | Civil Liberties Union\n"
        "families | Marta Gómez | Parents' council\n"
        f"school | Pat Lee | {mou.district.name} | the-principal"
    )
    page.get_by_label("Public comments open on").fill(today().isoformat())
    page.get_by_label("Public comments close on (included)").fill((today() + 14 * DAY).isoformat())
    page.get_by_role("button", name="Open the review").click()
    page.get_by_text("(open)").wait_for()
    assert page.get_by_text("Ana Ruiz, Civil Liberties Union").is_visible()
    assert_accessible(page)
    _screenshot(page, "journey-1-review-open")

    # The proposed revision: the discipline clause changes, in both languages.
    page.get_by_role("link", name="Propose a revision").click()
    page.get_by_label("Ordinary school discipline stays with the school (English)").fill(
        NEW_DISCIPLINE_EN
    )
    page.get_by_label("Ordinary school discipline stays with the school (Spanish)").fill(
        NEW_DISCIPLINE_ES
    )
    page.get_by_label("What changed (English, shown to the public)").fill(CHANGES_EN)
    page.get_by_label("What changed (Spanish, shown to the public)").fill(CHANGES_ES)
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Edit the proposed version").wait_for()
    page.get_by_role("button", name="Log out").click()


def _the_public_comments_in_spanish_on_a_phone(page, live_server, review) -> None:
    from agreements.models import PublicComment

    page.goto(f"{live_server.url}/public/mou/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, MODERATE)
    page.get_by_role("link", name="HOME School District y HOMEPD Police Department").click()
    page.get_by_role("heading", name="Revisión del acuerdo con la policía (MOU)").wait_for()
    assert page.get_by_text(CHANGES_ES).is_visible()
    assert page.get_by_text(NEW_DISCIPLINE_ES).is_visible()
    assert page.locator(".clause.changed").count() == 1
    assert page.locator(".changed-mark").first.inner_text() == "Cambia"
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _screenshot(page, "journey-2-public-review-es")

    page.get_by_label("Su comentario").fill(COMMENT)
    page.get_by_role("button", name="Enviar mi comentario").click()
    page.get_by_role("heading", name="Recibimos su comentario").wait_for()
    assert_accessible(page, MODERATE)
    stored = PublicComment.objects.values("review_id", "language", "text").get()
    assert stored == {"review_id": review.pk, "language": "es", "text": COMMENT}


def test_an_mou_review_from_opening_to_the_published_record(
    live_server, page, phone_page_es
) -> None:
    from agreements.models import MOUReview, MOUVersion, ReviewDecision, ReviewStatus
    from core.dates import today
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    mou = _mou_with_version_in_force(world)

    _coordinator_opens_the_review(page, live_server, mou)
    review = MOUReview.objects.get(mou=mou)
    assert review.status == ReviewStatus.OPEN
    assert review.participants.count() == 3

    _the_public_comments_in_spanish_on_a_phone(phone_page_es, live_server, review)

    # Two weeks pass. The product offers no page to move an open window (its dates are
    # fixed when the review opens, so the public knows how long it has), so the window's
    # days move back in time through the ORM, as they would have passed.
    MOUReview.objects.filter(pk=review.pk).update(
        comments_open_on=today() - 15 * DAY, comments_close_on=today() - DAY
    )

    log_in(page, live_server, "the-coordinator")
    page.goto(f"{live_server.url}/agreements/reviews/{review.pk}/")
    # One comment is below the district's minimum: counted, its text withheld.
    page.get_by_text("1 comment received").wait_for()
    assert not page.get_by_text(COMMENT).count(), "a lone comment could name its writer"
    page.get_by_role("link", name="Close the review").click()
    page.get_by_role("heading", name="Close the review of the MOU").wait_for()
    assert_accessible(page)
    page.get_by_label("Revised").check()
    page.get_by_label("Reason").fill("The community asked to keep officers out of discipline.")
    page.get_by_label("Summary of the community's comments").fill(
        "One comment, in favour of keeping officers out of school discipline."
    )
    page.get_by_role("button", name="Close the review").click()
    page.get_by_role("heading", name="Decision").wait_for()
    assert_accessible(page)
    _screenshot(page, "journey-3-review-closed")
    review.refresh_from_db()
    assert (review.status, review.decision, review.comment_count) == (
        ReviewStatus.CLOSED,
        ReviewDecision.REVISED,
        1,
    )
    assert MOUVersion.objects.get(pk=review.proposed_version_id).adopted_on == today()

    # The comparison marks the changed clause, word by word.
    page.get_by_role("link", name="compare with version 1").click()
    page.get_by_role("heading", name="compare versions").wait_for()
    changed = page.locator(".compare-table tr.changed")
    assert changed.count() >= 2, "English and Spanish wording of the discipline clause"
    row = page.get_by_role("row", name="Ordinary school discipline stays with the school")
    assert row.first.locator("del").count() >= 1
    assert row.first.locator("ins").count() >= 1
    assert "Changed" in row.first.inner_text()
    assert_accessible(page)
    _screenshot(page, "journey-4-compare")

    # The published record, in Spanish on the phone: participants, count, what changed.
    public = phone_page_es
    public.goto(f"{live_server.url}/public/mou/reviews/{review.pk}/")
    public.get_by_role("heading", name="El informe publicado de la revisión").wait_for()
    text = public.locator("main").inner_text()
    for expected in ("Ana Ruiz", "Marta Gómez", "Pat Lee", CHANGES_ES, NEW_DISCIPLINE_ES):
        assert expected in text, expected
    assert "1 comentario" in text
    # The review is over: the changed clause is marked in the past tense.
    assert public.locator(".changed-mark").first.inner_text() == "Cambió"
    assert COMMENT not in text, "individual comments are never published"
    assert_accessible(public, MODERATE)
    assert_touch_targets(public)
    _screenshot(public, "journey-5-public-record-es")
