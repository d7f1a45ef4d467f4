"""What the public site shows of MOU reviews: open comment windows and published
review records. Never an individual comment.

A review is public from the day its comment window opens, and once it is closed
(its published record); before that, or with no window and still under way, it is
not found. Each read is a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from agreements.models import (
    Clause,
    MOUClause,
    MOUReview,
    MOUVersion,
    ReviewParticipant,
    ReviewStatus,
)


def public_reviews_on(day: datetime.date) -> QuerySet[MOUReview]:
    return MOUReview.objects.filter(
        Q(status=ReviewStatus.CLOSED) | Q(comments_open_on__lte=day)
    ).select_related("mou__district", "mou__agency", "proposed_version", "base_version")


@dataclass(frozen=True)
class ReviewListing:
    review: MOUReview
    district_name: str
    agency_name: str


def public_review_listings(*, on: datetime.date) -> tuple[list[ReviewListing], list[ReviewListing]]:
    """(reviews taking comments or waiting for their decision, published records), by district."""
    current: list[ReviewListing] = []
    published: list[ReviewListing] = []
    reviews = public_reviews_on(on).order_by(
        "mou__district__name", "mou__agency__name", "-comments_open_on", "-closed_on"
    )
    for review in reviews:
        item = ReviewListing(review, review.mou.district.name, review.mou.agency.name)
        (published if review.status == ReviewStatus.CLOSED else current).append(item)
    return current, published


@dataclass(frozen=True)
class ClauseWording:
    text: str
    # True when the reader asked for Spanish and the clause has no Spanish wording:
    # ``text`` is then the English one, and the page says so.
    english_only: bool


@dataclass(frozen=True)
class ClauseRow:
    clause: str  # a ``Clause`` value
    current: ClauseWording | None
    proposed: ClauseWording | None
    changed: bool


@dataclass(frozen=True)
class PublicReview:
    review: MOUReview
    district_name: str
    agency_name: str
    current_version: MOUVersion | None
    proposed_version: MOUVersion | None
    rows: list[ClauseRow]
    # "What would change" (or, once revised, what changed) in the reader's language.
    changes: str
    changes_english_only: bool
    participants: list[ReviewParticipant]
    comment_count: int


def _wording(clause: MOUClause | None, language: str) -> ClauseWording | None:
    if clause is None:
        return None
    if language == "es":
        if clause.text_es.strip():
            return ClauseWording(clause.text_es, english_only=False)
        return ClauseWording(clause.text_en, english_only=True)
    return ClauseWording(clause.text_en, english_only=False)


def _same(a: MOUClause | None, b: MOUClause | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.text_en.strip(), a.text_es.strip()) == (b.text_en.strip(), b.text_es.strip())


def _version_in_force(review: MOUReview, on: datetime.date) -> MOUVersion | None:
    """The version the review looks at: its base version, else the MOU's version in force."""
    if review.base_version is not None:
        return review.base_version
    return (
        MOUVersion.objects.filter(mou_id=review.mou_id, adopted_on__lte=on)
        .exclude(pk=review.proposed_version_id)
        .order_by("-adopted_on", "-number")
        .first()
    )


def clause_rows(
    current: MOUVersion | None, proposed: MOUVersion | None, language: str
) -> list[ClauseRow]:
    """Every clause either version words, in SECURe's order, the changed ones marked."""
    clauses = {
        (c.version_id, c.clause): c
        for c in MOUClause.objects.filter(
            version_id__in=[v.pk for v in (current, proposed) if v is not None]
        )
    }
    rows = []
    for value in Clause.values:
        now = clauses.get((current.pk, value)) if current else None
        then = clauses.get((proposed.pk, value)) if proposed else None
        if now is None and then is None:
            continue
        rows.append(
            ClauseRow(
                clause=value,
                current=_wording(now, language),
                proposed=_wording(then, language),
                changed=proposed is not None and not _same(now, then),
            )
        )
    return rows


def public_review(*, pk: int, language: str, on: datetime.date) -> PublicReview | None:
    """A public review's page content in ``language`` ("en" or "es"); None when the
    review is not public (not found, or neither open for comments yet nor closed)."""
    review = public_reviews_on(on).filter(pk=pk).first()
    if review is None:
        return None
    current = _version_in_force(review, on)
    proposed = review.proposed_version
    changes_en = proposed.changes_en.strip() if proposed else ""
    changes_es = proposed.changes_es.strip() if proposed else ""
    changes, english_only = changes_en, False
    if language == "es":
        changes, english_only = (
            (changes_es, False) if changes_es else (changes_en, bool(changes_en))
        )
    closed = review.status == ReviewStatus.CLOSED
    count = 0
    if closed:
        count = (
            review.comment_count if review.comment_count is not None else review.comments.count()
        )
    return PublicReview(
        review=review,
        district_name=review.mou.district.name,
        agency_name=review.mou.agency.name,
        current_version=current,
        proposed_version=proposed,
        rows=clause_rows(current, proposed, language),
        changes=changes,
        changes_english_only=english_only,
        # Who took part is part of the published record, not of a review under way.
        participants=list(review.participants.order_by("kind", "name")) if closed else [],
        comment_count=count,
    )
