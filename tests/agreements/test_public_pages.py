"""The public MOU pages: a member of the public reads the proposed changes in their
language and comments (Post/Redirect/Get, CSRF, throttled); after the window the form
is gone; after the review closes its published record shows who took part, how many
comments came, the decision and what changed, and never a comment."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from agreements.models import (
    Clause,
    MOUClause,
    MOUReview,
    ParticipantKind,
    PublicComment,
    ReviewDecision,
    ReviewStatus,
)
from agreements.views.public_labels import CLAUSES, DECISIONS, PARTICIPANT_KINDS
from core.dates import today
from roster.models import MOU
from tests.agreements.test_comments_service import DAY, review_with_window
from tests.factories.agreements import (
    MOUReviewFactory,
    PublicCommentFactory,
    ReviewParticipantFactory,
)
from tests.translation_checks import assert_translated

pytestmark = pytest.mark.django_db
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
INDEX = "/public/mou/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """The public-form throttle counts in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def _review_url(review: MOUReview) -> str:
    return reverse("agreements:public-review", args=[review.pk])


def _comment_url(review: MOUReview) -> str:
    return reverse("agreements:public-comment", args=[review.pk])


def _reword(review: MOUReview, clause: str, *, en: str, es: str = "") -> None:
    assert review.proposed_version is not None
    MOUClause.objects.filter(version=review.proposed_version, clause=clause).update(
        text_en=en, text_es=es
    )


def _closed(world, **fields) -> MOUReview:
    review = review_with_window(
        world,
        opens=-40,
        closes=-10,
        status=ReviewStatus.CLOSED,
        decision=fields.pop("decision", ReviewDecision.REVISED),
        decision_reason="The community asked for it.",
        closed_on=today() - 2 * DAY,
        comment_summary="Families asked that officers stay out of discipline.",
        **fields,
    )
    ReviewParticipantFactory(
        review=review, name="Ana Ruiz", organisation="Parents United", kind=ParticipantKind.FAMILIES
    )
    ReviewParticipantFactory(
        review=review,
        name="Luis Vega",
        organisation="Civil Rights League",
        kind=ParticipantKind.CIVIL_RIGHTS,
    )
    return review


def test_the_public_labels_cover_every_choice() -> None:
    assert set(CLAUSES) == set(Clause.values)
    assert set(DECISIONS) == set(ReviewDecision.values)
    assert set(PARTICIPANT_KINDS) == set(ParticipantKind.values)


def test_the_index_lists_open_windows_and_published_records_only(world) -> None:
    open_review = review_with_window(world)
    closed_review = _closed(world)
    not_yet = review_with_window(world, opens=3, closes=20)
    scheduled = MOUReviewFactory(mou=MOU.objects.get(district=world.district))

    html = Client().get(INDEX).content.decode()

    assert _review_url(open_review) in html
    assert _review_url(closed_review) in html
    assert _review_url(not_yet) not in html
    assert _review_url(scheduled) not in html


def test_the_index_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries) -> None:
    for _ in range(3):
        review_with_window(world)
        _closed(world)
    with django_assert_max_num_queries(3):
        response = Client().get(INDEX)
    assert response.status_code == 200


def test_a_review_not_yet_open_for_comments_is_not_found(world) -> None:
    for review in (
        review_with_window(world, opens=2, closes=9),
        MOUReviewFactory(mou=MOU.objects.get(district=world.district)),
    ):
        assert Client().get(_review_url(review)).status_code == 404
        assert Client().post(_comment_url(review), {"text": "Hello."}).status_code == 404
        thanks = reverse("agreements:public-comment-thanks", args=[review.pk])
        assert Client().get(thanks).status_code == 404
    assert not PublicComment.objects.exists()


def test_the_review_page_reads_in_spanish_with_the_changed_clauses_marked(world) -> None:
    review = review_with_window(world)
    _reword(
        review,
        Clause.SCHOOL_DISCIPLINE,
        en="Officers never take part in school discipline.",
        es="Los oficiales nunca participan en la disciplina escolar.",
    )
    _reword(review, Clause.DATA_SHARING, en="Student records are shared only by court order.")

    html = Client().get(_review_url(review), **SPANISH).content.decode()

    assert "Los oficiales ya no participan en la disciplina escolar." in html  # changes_es
    assert "Los oficiales nunca participan en la disciplina escolar." in html
    assert "Ordinary school discipline stays with the school: las partes acuerdan." in html
    assert html.count('class="changed-mark"') == 2
    # The clause with no Spanish wording is shown in English, and the page says so.
    assert "Student records are shared only by court order." in html
    assert html.count("no tiene redacción en español") == 1
    assert "Officers never take part" not in html


def test_the_review_page_is_translated(world) -> None:
    review = review_with_window(world)
    data = {f"{label}: the parties agree." for label in Clause.labels} | {
        world.district.name,
        world.agency.name,
    }
    assert_translated(Client(), _review_url(review), allowed=data)
    assert_translated(
        Client(), INDEX, allowed={world.district.name, world.agency.name, "MOU", "MOUs"}
    )


def test_a_comment_is_posted_then_redirected_to_the_thanks_page_without_its_text(world) -> None:
    review = review_with_window(world)
    text = "Por favor, mantengan a los oficiales fuera de la disciplina."

    response = Client().post(_comment_url(review), {"text": text}, **SPANISH)

    assert response.status_code == 303
    thanks = reverse("agreements:public-comment-thanks", args=[review.pk])
    assert response["Location"] == thanks
    assert "disciplina" not in response["Location"]
    comment = PublicComment.objects.get()
    assert (comment.text, comment.language) == (text, "es")
    page = Client().get(thanks, **SPANISH)
    assert "Recibimos su comentario" in page.content.decode()
    assert text not in page.content.decode()
    assert_translated(Client(), thanks)


def _form_token(page: str) -> str:
    match = re.search(r'name="once" value="([^"]+)"', page)
    assert match, "the comment form carries no token"
    return match.group(1)


def test_a_double_click_stores_one_comment_and_both_posts_get_the_thanks_page(world) -> None:
    review = review_with_window(world)
    client = Client()
    token = _form_token(client.get(_review_url(review)).content.decode())

    first = client.post(_comment_url(review), {"text": "Keep it.", "once": token})
    second = client.post(_comment_url(review), {"text": "Keep it.", "once": token})

    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert PublicComment.objects.count() == 1
    # Each page shown carries a new token: a second comment from the same page is a new form.
    assert _form_token(client.get(_review_url(review)).content.decode()) != token


def test_a_refused_post_keeps_its_token_usable(world) -> None:
    review = review_with_window(world)
    client = Client()
    token = _form_token(client.get(_review_url(review)).content.decode())

    refused = client.post(_comment_url(review), {"text": "", "once": token})
    review.comments_open_on, review.comments_close_on = today() - 2 * DAY, today() - DAY
    review.save()
    closed = client.post(_comment_url(review), {"text": "Too late.", "once": token})
    review.comments_open_on = review.comments_close_on = today()
    review.save()
    sent = client.post(_comment_url(review), {"text": "Now.", "once": token})

    assert (refused.status_code, closed.status_code, sent.status_code) == (400, 400, 303)
    assert list(PublicComment.objects.values_list("text", flat=True)) == ["Now."]


def test_the_comment_form_checks_csrf(world) -> None:
    review = review_with_window(world)
    response = Client(enforce_csrf_checks=True).post(_comment_url(review), {"text": "Hello."})
    assert response.status_code == 403
    assert not PublicComment.objects.exists()
    assert Client().get(_comment_url(review)).status_code == 405


def test_an_empty_comment_comes_back_with_the_reason_in_spanish_and_nothing_stored(world) -> None:
    review = review_with_window(world)
    response = Client().post(_comment_url(review), {"text": "   "}, **SPANISH)
    assert response.status_code == 400
    assert "Escriba su comentario antes de enviarlo." in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_too_long_comment_comes_back_as_typed_and_nothing_stored(world) -> None:
    review = review_with_window(world)
    text = "Demasiado largo. " * 300
    response = Client().post(_comment_url(review), {"text": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 4000 characters" in html
    assert "Demasiado largo. Demasiado largo." in html  # the text is not lost
    assert not PublicComment.objects.exists()


def test_the_comment_form_is_throttled(world) -> None:
    review = review_with_window(world)
    client = Client()
    for _ in range(20):
        client.post(_comment_url(review), {"text": "Again."})
    response = client.post(_comment_url(review), {"text": "Once more."})
    assert response.status_code == 429
    assert PublicComment.objects.count() == 20


def test_after_the_window_the_form_gives_way_to_the_closing_date(world) -> None:
    review = review_with_window(world, opens=-20, closes=-1)
    html = Client().get(_review_url(review)).content.decode()
    assert "<textarea" not in html
    assert "Comments closed on" in html
    response = Client().post(_comment_url(review), {"text": "Too late."})
    assert response.status_code == 400
    assert "Comments closed on" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_the_published_record_says_who_took_part_how_many_commented_and_what_changed(
    world,
) -> None:
    review = _closed(world, comment_count=9)
    for _ in range(9):
        PublicCommentFactory(review=review, text="A private comment that stays private.")

    html = Client().get(_review_url(review), **SPANISH).content.decode()

    assert "Ana Ruiz, Parents United" in html
    assert "Familias" in html
    assert "Luis Vega, Civil Rights League" in html
    assert "Llegaron 9 comentarios" in html
    assert "Revisado" in html
    assert "Families asked that officers stay out of discipline." in html
    assert "Los oficiales ya no participan en la disciplina escolar." in html
    assert "A private comment" not in html
    assert "<textarea" not in html


def test_no_public_page_ever_shows_a_comment(world) -> None:
    open_review = review_with_window(world)
    closed_review = _closed(world, comment_count=20)
    for review in (open_review, closed_review):
        for _ in range(20):
            PublicCommentFactory(review=review, text="Secret words from a neighbour.")
    urls = [
        INDEX,
        _review_url(open_review),
        _review_url(closed_review),
        reverse("agreements:public-comment-thanks", args=[open_review.pk]),
    ]
    for url in urls:
        for language in ("en", "es"):
            html = Client().get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            assert "Secret words" not in html, url


def test_the_published_record_is_translated(world) -> None:
    review = _closed(world, comment_count=3)
    data = {f"{label}: the parties agree." for label in Clause.labels} | {
        world.district.name,
        world.agency.name,
        "Ana Ruiz, Parents United",
        "Luis Vega, Civil Rights League",
        "The community asked for it.",
        "Families asked that officers stay out of discipline.",
    }
    assert_translated(Client(), _review_url(review), allowed=data)
