"""Comments on an MOU review: taken in the window only, stored with nothing but the
review, the language and the text, and read by the review's participants only once
enough came and the window closed."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from agreements.models import MOUReview, MOUVersion, PublicComment, ReviewDecision, ReviewStatus
from agreements.selectors.comments import review_comments
from agreements.services.comments import MAX_LENGTH, comment_submit, comments_unlink
from core.dates import today
from core.errors import ApplicationError
from core.models import AuditEvent
from roster.models import MOU, Role
from tests.factories.agreements import (
    MOUReviewFactory,
    PublicCommentFactory,
    ReviewParticipantFactory,
    worded_version,
)
from tests.factories.roster import principal_of

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def review_with_window(world, *, opens: int = -3, closes: int = 10, **fields) -> MOUReview:
    """A review of the home district's MOU whose window opens and closes ``opens`` and
    ``closes`` days from today, with a proposed version worded in both languages."""
    mou = MOU.objects.get(district=world.district)
    number = MOUVersion.objects.filter(mou=mou).count() + 1
    base = worded_version(mou=mou, number=number)
    proposed = worded_version(
        mou=mou,
        number=number + 1,
        adopted_on=None,
        changes_en="Officers no longer take part in school discipline.",
        changes_es="Los oficiales ya no participan en la disciplina escolar.",
    )
    return MOUReviewFactory(
        mou=mou,
        status=fields.pop("status", ReviewStatus.OPEN),
        base_version=base,
        proposed_version=proposed,
        opened_on=today() - 5 * DAY,
        comments_open_on=today() + opens * DAY,
        comments_close_on=today() + closes * DAY,
        **fields,
    )


def test_a_comment_in_the_window_is_stored_with_its_review_language_and_text_only(world) -> None:
    review = review_with_window(world)

    assert (
        comment_submit(review=review, text="  Keep officers out of discipline.  ", language="es")
        is None
    )

    row = PublicComment.objects.values().get()
    assert set(row) == {"id", "review_id", "language", "text"}
    assert (row["review_id"], row["language"], row["text"]) == (
        review.pk,
        "es",
        "Keep officers out of discipline.",
    )
    assert not AuditEvent.objects.exists(), "an audit row would date the comment"


def test_both_ends_of_the_window_take_comments(world) -> None:
    comment_submit(
        review=review_with_window(world, opens=0, closes=5), text="First day.", language="en"
    )
    comment_submit(
        review=review_with_window(world, opens=-5, closes=0), text="Last day.", language="en"
    )
    assert PublicComment.objects.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "said"),
    [(1, 5, "Comments open on"), (-9, -1, "Comments closed on")],
    ids=["before the window", "after the window"],
)
def test_it_refuses_a_comment_outside_the_window_and_stores_nothing(
    world, opens: int, closes: int, said: str
) -> None:
    review = review_with_window(world, opens=opens, closes=closes)
    with pytest.raises(ApplicationError, match=said):
        comment_submit(review=review, text="Too early or too late.", language="en")
    assert not PublicComment.objects.exists()


def test_it_refuses_a_comment_on_a_closed_review_even_in_its_dates(world) -> None:
    review = review_with_window(
        world,
        status=ReviewStatus.CLOSED,
        decision=ReviewDecision.RENEWED,
        closed_on=today(),
    )
    with pytest.raises(ApplicationError, match="Comments closed on"):
        comment_submit(review=review, text="Late.", language="en")
    assert not PublicComment.objects.exists()


def test_it_refuses_a_comment_on_a_review_without_a_window(world) -> None:
    review = MOUReviewFactory(mou=MOU.objects.get(district=world.district))
    with pytest.raises(ApplicationError, match="does not take public comments"):
        comment_submit(review=review, text="Hello.", language="en")
    assert not PublicComment.objects.exists()


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        ("   \n ", "en", "Write your comment"),
        (
            "x" * (MAX_LENGTH + 1),
            "en",
            f"at most {MAX_LENGTH} characters long; this one has {MAX_LENGTH + 1}",
        ),
        ("Bonjour.", "fr", "Unknown language: fr"),
    ],
    ids=["empty", "too long", "unknown language"],
)
def test_it_refuses_bad_input_naming_what_is_wrong_and_stores_nothing(
    world, text: str, language: str, said: str
) -> None:
    review = review_with_window(world)
    with pytest.raises(ApplicationError, match=said):
        comment_submit(review=review, text=text, language=language)
    assert not PublicComment.objects.exists()


def test_a_comment_of_exactly_the_longest_length_is_taken(world) -> None:
    comment_submit(review=review_with_window(world), text="y" * MAX_LENGTH, language="en")
    assert len(PublicComment.objects.get().text) == MAX_LENGTH


# Reading the comments (staff side).


def _comments(review: MOUReview, n: int) -> None:
    for i in range(n):
        PublicCommentFactory(review=review, text=f"Comment number {i}.")


def test_the_coordinator_and_a_participant_with_an_account_read_the_texts_at_the_minimum(
    world,
) -> None:
    review = review_with_window(world, opens=-20, closes=-1)
    minimum = world.district.comment_min_responses
    the_principal = world.users[Role.PRINCIPAL]
    ReviewParticipantFactory(review=review, name="Ms. Rivera", user=the_principal)
    _comments(review, minimum)

    for reader in (world.users[Role.COORDINATOR], the_principal):
        comments = review_comments(review=review, user=reader)
        assert comments.shown, reader
        assert comments.count == minimum
        assert sorted(comments.texts) == sorted(f"Comment number {i}." for i in range(minimum))


def test_comments_are_withheld_below_the_district_minimum_even_from_the_coordinator(world) -> None:
    review = review_with_window(world, opens=-20, closes=-1)
    minimum = world.district.comment_min_responses
    _comments(review, minimum - 1)

    comments = review_comments(review=review, user=world.users[Role.COORDINATOR])

    assert (comments.count, comments.minimum, comments.shown, comments.texts) == (
        minimum - 1,
        minimum,
        False,
        (),
    )


def test_comments_are_withheld_while_the_window_is_open_so_no_one_watches_them_arrive(
    world,
) -> None:
    review = review_with_window(world)
    _comments(review, world.district.comment_min_responses + 2)

    comments = review_comments(review=review, user=world.users[Role.COORDINATOR])

    assert not comments.shown
    assert comments.texts == ()
    assert not comments.window_over


def test_a_principal_who_is_not_a_participant_and_the_supervisor_read_only_the_count(
    world,
) -> None:
    review = review_with_window(world, opens=-20, closes=-1)
    ReviewParticipantFactory(review=review, name="Community group without an account")
    other_principal = principal_of(world.school, username="another-principal")
    _comments(review, world.district.comment_min_responses)

    for reader in (other_principal, world.users[Role.SUPERVISOR], world.users[Role.OFFICER]):
        comments = review_comments(review=review, user=reader)
        assert not comments.shown, reader
        assert comments.texts == ()
        assert comments.count == world.district.comment_min_responses


def test_the_staff_template_shows_texts_only_when_shown(world) -> None:
    from django.template.loader import render_to_string

    review = review_with_window(world, opens=-20, closes=-1)
    _comments(review, world.district.comment_min_responses - 1)
    html = render_to_string(
        "agreements/_review_comments.html",
        {"comments": review_comments(review=review, user=world.users[Role.COORDINATOR])},
    )
    assert "Comment number 0." not in html
    assert f"fewer than the district's minimum of {world.district.comment_min_responses}" in html

    PublicCommentFactory(review=review, text="The last one.")
    html = render_to_string(
        "agreements/_review_comments.html",
        {"comments": review_comments(review=review, user=world.users[Role.COORDINATOR])},
    )
    assert "The last one." in html
    assert "Comment number 0." in html


# PostgreSQL's own traces: the nightly rewrite.


def _comments_in_physical_order() -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM agreements_publiccomment ORDER BY ctid")
        return [row[0] for row in cursor.fetchall()]


def _distinct_transaction_ids() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT xmin::text) FROM agreements_publiccomment")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_nightly_rewrite_leaves_no_arrival_order_on_postgresql(world) -> None:
    if connection.vendor != "postgresql":
        assert comments_unlink() == 0
        pytest.skip("transaction ids and physical row order are PostgreSQL's; CI runs this there")
    review = review_with_window(world)
    for i in range(12):
        comment_submit(review=review, text=f"Comment {i}.", language="en")
    arrived = _comments_in_physical_order()
    # What the nightly run is for: rows lie in arrival order, each with its own transaction.
    assert _distinct_transaction_ids() == 12
    texts_before = sorted(PublicComment.objects.values_list("text", flat=True))

    assert comments_unlink() == 12

    assert _distinct_transaction_ids() == 1
    assert _comments_in_physical_order() == sorted(arrived)
    assert _comments_in_physical_order() != arrived
    assert sorted(PublicComment.objects.values_list("text", flat=True)) == texts_before
