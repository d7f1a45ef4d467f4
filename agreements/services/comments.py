"""The community's comments on an MOU review, taken on the public site.

Held like survey responses (ARCHITECTURE.md, Anonymity 1): a comment row is the
review, the language and the text; no account, address or time, and no arrival
order (a random key; WITHOUT ROWID on SQLite, migration 0010; on PostgreSQL
``comments_unlink`` rewrites the rows nightly). So, deliberately, no audit row and
no log line here: either would date the comment. The public form's throttle keeps
addresses in the cache for a minute, never in the database.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from agreements.models import MOUReview, PublicComment, ReviewStatus
from core.dates import today
from core.errors import ApplicationError

MAX_LENGTH = 4000  # PublicComment.text's max_length
# Reviews whose comment window is open or closed within the last week: their
# comments may still lie in the order they came (``comments_unlink``).
RECENT_DAYS = 7


def comment_window_open(*, review: MOUReview, on: datetime.date) -> bool:
    """Whether ``review`` takes comments on ``on`` (both ends of the window included)."""
    return (
        review.status != ReviewStatus.CLOSED
        and review.comments_open_on is not None
        and review.comments_close_on is not None
        and review.comments_open_on <= on <= review.comments_close_on
    )


def _refuse_outside_window(review: MOUReview, on: datetime.date) -> None:
    if review.comments_open_on is None or review.comments_close_on is None:
        raise ApplicationError(gettext("This review does not take public comments."))
    if review.status == ReviewStatus.CLOSED or on > review.comments_close_on:
        raise ApplicationError(
            gettext("Comments closed on %(date)s. Your comment was not stored.")
            % {"date": date_format(review.comments_close_on, "DATE_FORMAT")}
        )
    if on < review.comments_open_on:
        raise ApplicationError(
            gettext("Comments open on %(date)s. Your comment was not stored.")
            % {"date": date_format(review.comments_open_on, "DATE_FORMAT")}
        )


def _checked_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ApplicationError(gettext("Write your comment before sending it."))
    if len(text) > MAX_LENGTH:
        raise ApplicationError(
            gettext(
                "A comment can be at most %(max)d characters long; this one has %(length)d. "
                "Please shorten it."
            )
            % {"max": MAX_LENGTH, "length": len(text)}
        )
    return text


def comment_submit(*, review: MOUReview, text: str, language: str) -> None:
    """Store one comment on ``review`` while its window is open; returns nothing, so
    no caller can hold on to the new row's key."""
    text = _checked_text(text)
    if language not in {code for code, _ in settings.LANGUAGES}:
        raise ApplicationError(gettext("Unknown language: %(language)s.") % {"language": language})
    with transaction.atomic():
        # The review row locked: closing it (which stores the comments' count) waits
        # for a comment sent in the window's last second, and the other way round.
        current = MOUReview.objects.select_for_update().get(pk=review.pk)
        _refuse_outside_window(current, today())
        comment = PublicComment(review=current, language=language, text=text)
        try:
            comment.full_clean()
        except ValidationError as exc:
            raise ApplicationError(gettext("The comment could not be stored.")) from exc
        comment.save(force_insert=True)


def comments_unlink(*, on: datetime.date | None = None) -> int:
    """Rewrite recent reviews' comments so that PostgreSQL keeps no trace of their order;
    returns how many comments.

    New rows go where the table ends and carry the id of the transaction that wrote
    them (``xmin``), both in the order people commented. One UPDATE gives the recent
    comments one transaction id; CLUSTER then rewrites the table in the order of the
    random keys. It runs nightly (``agreements.tasks.public_comments_unlink_task``);
    on SQLite (WITHOUT ROWID) there is nothing to do.
    """
    if connection.vendor != "postgresql":
        return 0
    day = on or today()
    review_ids = list(
        MOUReview.objects.filter(
            comments_close_on__gte=day - datetime.timedelta(days=RECENT_DAYS)
        ).values_list("pk", flat=True)
    )
    if not review_ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE agreements_publiccomment SET language = language WHERE review_id = ANY(%s)",
            [review_ids],
        )
        rewritten = cursor.rowcount
    with connection.cursor() as cursor:
        cursor.execute("CLUSTER agreements_publiccomment USING agreements_publiccomment_pkey")
    return rewritten
