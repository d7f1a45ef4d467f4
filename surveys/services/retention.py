"""Deleting old free-text comments (ARCHITECTURE.md; a district privacy promise).

Responses carry no time (anonymity invariant 1), so a comment's age is its
campaign's: comments from campaigns that closed more than ``years`` years ago are
emptied. Numbers stay, so past results keep their figures.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from core.dates import today
from surveys.models import Answer, Campaign, QuestionKind, ReleasedComment


def comments_purge(*, years: int, on: datetime.date | None = None) -> int:
    """Empty the comments of campaigns closed more than ``years`` years before ``on``; returns how many."""
    if years < 1:
        raise ValueError("keep comments at least one year")
    day = on or today()
    try:
        cutoff = day.replace(year=day.year - years)
    except ValueError:  # 29 February
        cutoff = day.replace(year=day.year - years, day=28)
    old = Campaign.objects.filter(closes_on__lt=cutoff).values("pk")
    with transaction.atomic():
        # Released copies go too; a release keeps showing its numbers.
        ReleasedComment.objects.filter(release__campaign__in=old).delete()
        return (
            Answer.objects.filter(question__kind=QuestionKind.TEXT, response__campaign__in=old)
            .exclude(text="")
            .update(text="")
        )
