"""What the staff side may read of a review's public comments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agreements.models import MOUReview
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class ReviewComments:
    count: int
    minimum: int
    shown: bool
    texts: tuple[str, ...]


def review_comments(*, review: MOUReview, user: User | AnonymousUser) -> ReviewComments:
    """The comments' count; their texts only to the review's participants with an
    account and the district's coordinators, and only once the district's comment
    minimum arrived."""
    scope = scope_for(user)
    count = review.comments.count()
    minimum = review.mou.district.comment_min_responses
    reader = (
        scope.is_superuser
        or review.mou.district_id in scope.coordinator_district_ids
        or (
            scope.user_id is not None and review.participants.filter(user_id=scope.user_id).exists()
        )
    )
    shown = reader and count >= minimum
    texts = tuple(review.comments.values_list("text", flat=True)) if shown else ()
    return ReviewComments(count=count, minimum=minimum, shown=shown, texts=texts)
