"""The comment form's post and the thanks page after it (no login, no JavaScript).

Anonymity invariant 1 holds for comments as for survey responses: nothing here
writes a session, a log line or an audit row that would date a comment or say
where it came from; the request logs leave out these two paths
(``config.request_logs.RESPONDENT_PATHS``). A sent comment redirects (303) to a
thanks page that names nothing but the review, so Back never posts again and the
text never travels in an address. A refused comment comes back on the review page
as typed (a 400, no redirect: carrying it through the session would store it).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from agreements.services.comments import comment_submit
from agreements.views.public import reader_language, review_content, review_page
from agreements.views.public_forms import CommentForm
from core.errors import ApplicationError
from core.throttles import allow_public_post

ONCE_SECONDS = 24 * 60 * 60


@never_cache
@sensitive_post_parameters("text")
@require_POST
def comment_new(request: HttpRequest, pk: int) -> HttpResponse:
    content = review_content(pk)
    form = CommentForm(request.POST)
    if not allow_public_post(request, counter="mou_comment"):
        form.is_valid()
        form.add_error(
            None,
            gettext(
                "Too many comments were sent from here in the last minute. Nothing was "
                "stored: please wait a minute and send it again."
            ),
        )
        return review_page(request, content, form, status=429)
    if form.is_valid():
        # The form's token is claimed in the cache for a day: a second post of the same
        # form (a double click) gets the thanks page and stores nothing. The cache holds
        # the random token alone, nothing of the comment.
        once_key = f"mou-comment-once:{form.cleaned_data['once']}"
        if form.cleaned_data["once"] and not cache.add(once_key, True, timeout=ONCE_SECONDS):
            return _thanks_redirect(pk)
        try:
            comment_submit(
                review=content.review,
                text=form.cleaned_data["text"],
                language=reader_language(),
            )
        except ApplicationError as error:
            cache.delete(once_key)
            form.add_error(None, error.message)
        else:
            return _thanks_redirect(pk)
    return review_page(request, content, form, status=400)


def _thanks_redirect(pk: int) -> HttpResponseRedirect:
    response = HttpResponseRedirect(reverse("agreements:public-comment-thanks", args=[pk]))
    response.status_code = 303  # the browser follows with a GET: Back never re-posts
    return response


@never_cache
@require_GET
def comment_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    content = review_content(pk)
    return render(request, "agreements/public/thanks.html", {"content": content})
