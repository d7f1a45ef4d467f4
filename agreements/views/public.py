"""The public MOU pages, open to anyone without logging in: the index of comment
windows and published review records, and one review's page (its proposed changes
and the comment form, or once closed its published record). No JavaScript.

In the reader's language (``/public/`` pages follow the language switch and the
browser's Accept-Language). Individual comments never appear here.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from agreements.models import ReviewStatus
from agreements.selectors.public import PublicReview, public_review, public_review_listings
from agreements.services.comments import MAX_LENGTH, comment_window_open
from agreements.views.public_forms import CommentForm
from agreements.views.public_labels import CLAUSES, DECISIONS, PARTICIPANT_KINDS
from core.dates import today


def reader_language() -> str:
    return "es" if (get_language() or "en").startswith("es") else "en"


def review_content(pk: int) -> PublicReview:
    content = public_review(pk=pk, language=reader_language(), on=today())
    if content is None:
        raise Http404("No public review with that number.")
    return content


@require_GET
def review_index(request: HttpRequest) -> HttpResponse:
    current, published = public_review_listings(on=today())
    return render(
        request,
        "agreements/public/index.html",
        {"current": current, "published": published, "today": today()},
    )


def review_page(
    request: HttpRequest, content: PublicReview, form: CommentForm, *, status: int = 200
) -> HttpResponse:
    review = content.review
    return render(
        request,
        "agreements/public/review.html",
        {
            "content": content,
            "review": review,
            "form": form,
            "max_length": MAX_LENGTH,
            "window_open": comment_window_open(review=review, on=today()),
            "closed": review.status == ReviewStatus.CLOSED,
            "clause_labels": CLAUSES,
            "decision_label": DECISIONS.get(review.decision, ""),
            "kind_labels": PARTICIPANT_KINDS,
            # After a refused post the switch must lead back to the page, not the post.
            "language_switch_next": reverse("agreements:public-review", args=[review.pk]),
        },
        status=status,
    )


@never_cache
@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, review_content(pk), CommentForm())
