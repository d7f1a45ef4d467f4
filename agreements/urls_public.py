"""The public MOU pages (issue 16), under /public/mou/. The comment's post and the
thanks page sit under /public/mou/comments/, a prefix the request logs leave out."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from agreements.views import public, public_comments

urlpatterns: list[URLPattern | URLResolver] = [
    path("public/mou/", public.review_index, name="public-index"),
    path("public/mou/reviews/<int:pk>/", public.review_detail, name="public-review"),
    path("public/mou/comments/<int:pk>/", public_comments.comment_new, name="public-comment"),
    path(
        "public/mou/comments/<int:pk>/thanks/",
        public_comments.comment_thanks,
        name="public-comment-thanks",
    ),
]
