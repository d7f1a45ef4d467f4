"""What the staff side may read of a review's public comments (never a public page).

The count is shown to whoever may open the review, once the comment window is over:
a reader who refreshed the page during the window would see it rise and learn when
each comment came. The texts only to the review's
participants who have an account and to the district's coordinators, only once at
least the district's comment minimum arrived (``comment_min_responses``, the
minimum survey comments need), and only after the comment window closed: a reader
who could watch texts appear while the window is open would learn when each one
came, which the comment table itself never records (ARCHITECTURE.md, Anonymity 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agreements.models import MOUReview, ReviewStatus
from core.dates import today
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class ReviewComments:
    # None while the comment window is open (module docstring).
    count: int | None
    minimum: int
    shown: bool
    # Empty unless ``shown``; in the order of the comments' random keys.
    texts: tuple[str, ...]
    # Whether the review has had a comment window, and whether it is over.
    had_window: bool
    window_over: bool


def _window_over(review: MOUReview) -> bool:
    if review.status == ReviewStatus.CLOSED:
        return True
    return review.comments_close_on is not None and review.comments_close_on < today()


def _reads_texts(review: MOUReview, user: User | AnonymousUser) -> bool:
    scope = scope_for(user)
    if scope.user_id is None:
        return False
    if review.mou.district_id in scope.coordinator_district_ids:
        return True
    return review.participants.filter(user_id=scope.user_id).exists()


def review_comments(*, review: MOUReview, user: User | AnonymousUser) -> ReviewComments:
    """The comments' count, and their texts when ``user`` may read them (module docstring).
    ``review`` comes from the caller's scoped read (``MOUReview.objects.visible_to``)."""
    minimum = review.mou.district.comment_min_responses
    window_over = _window_over(review)
    count = review.comments.count() if window_over else None
    shown = count is not None and count >= minimum and _reads_texts(review, user)
    texts = tuple(review.comments.order_by("id").values_list("text", flat=True)) if shown else ()
    return ReviewComments(
        count=count,
        minimum=minimum,
        shown=shown,
        texts=texts,
        had_window=review.comments_open_on is not None,
        window_over=window_over,
    )
