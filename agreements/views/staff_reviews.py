"""Staff pages of MOU reviews: the review, and scheduling, opening, proposing and closing it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from agreements.forms import ReviewCloseForm, ReviewOpenForm, ReviewScheduleForm, VersionForm
from agreements.models import ReviewStatus
from agreements.notifications import REVIEW_REMINDER_DAYS
from agreements.permissions import can_manage_mou_record
from agreements.selectors import records as selectors
from agreements.selectors.comments import review_comments
from agreements.services.reviews import review_close, review_open, review_schedule
from agreements.services.versions import version_create
from agreements.views.staff_versions import require_manager
from core.dates import today
from core.errors import ApplicationError

if TYPE_CHECKING:
    from agreements.models import MOUReview
    from core.http import AuthenticatedHttpRequest


def _refused(form: forms.Form, error: ApplicationError | ValidationError) -> None:
    form.add_error(None, error if isinstance(error, ValidationError) else error.message)


def _managed_review(request: AuthenticatedHttpRequest, pk: int) -> MOUReview:
    review = get_object_or_404(selectors.reviews_visible(user=request.user), pk=pk)
    require_manager(can_manage_mou_record(user=request.user, mou=review.mou))
    return review


def _not_now(request: AuthenticatedHttpRequest, review: MOUReview, what: str) -> HttpResponse:
    messages.error(
        request, f"The review is {review.get_status_display().lower()}: it can't be {what} now."
    )
    return redirect("agreements:review", pk=review.pk)


@login_required
@require_http_methods(["GET"])
def review_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(selectors.reviews_visible(user=request.user), pk=pk)
    return render(
        request,
        "agreements/review_detail.html",
        {
            "review": review,
            "participants": review.participants.all(),
            "comments": review_comments(review=review, user=request.user),
            "can_manage": can_manage_mou_record(user=request.user, mou=review.mou),
            "window_open": bool(review.comments_close_on and review.comments_close_on >= today()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Schedule a review of the MOU ``pk`` by hand."""
    mou = get_object_or_404(selectors.mous_visible(user=request.user), pk=pk)
    require_manager(can_manage_mou_record(user=request.user, mou=mou))
    form = ReviewScheduleForm(
        request.POST or None, initial={"due_date": mou.next_review_date or today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = review_schedule(
                mou=mou,
                due_date=form.cleaned_data["due_date"],
                actor=request.user,
                reason="Scheduled by hand.",
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "The review was scheduled.")
            return redirect("agreements:review", pk=review.pk)
    return render(
        request,
        "agreements/review_schedule.html",
        {"form": form, "mou": mou, "reminder_days": REVIEW_REMINDER_DAYS},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_open_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _managed_review(request, pk)
    if review.status != ReviewStatus.SCHEDULED:
        return _not_now(request, review, "opened")
    form = ReviewOpenForm(request.POST or None, district_id=review.mou.district_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_open(
                review=review,
                participants=data["participants"],
                comments_open_on=data["comments_open_on"],
                comments_close_on=data["comments_close_on"],
                actor=request.user,
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "The review is open.")
            return redirect("agreements:review", pk=review.pk)
    return render(
        request,
        "agreements/review_open.html",
        {"form": form, "review": review},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Write the revision an open review proposes (then edit it as a draft)."""
    review = _managed_review(request, pk)
    if review.status != ReviewStatus.OPEN:
        return _not_now(request, review, "given a proposed version")
    if review.proposed_version_id is not None:
        return redirect("agreements:version-edit", pk=review.proposed_version_id)
    base = review.base_version
    form = VersionForm(request.POST or None, request.FILES or None, version=base)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_create(
                mou=review.mou,
                terms=form.terms(),
                actor=request.user,
                document=form.cleaned_data["document"],
                review=review,
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"Version {version.number} is proposed.")
            return redirect("agreements:review", pk=review.pk)
    return render(
        request,
        "agreements/version_form.html",
        {"form": form, "mou": review.mou, "version": None, "first": False, "review": review},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_close_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _managed_review(request, pk)
    if review.status != ReviewStatus.OPEN:
        return _not_now(request, review, "closed")
    form = ReviewCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_close(
                review=review,
                decision=data["decision"],
                reason=data["reason"],
                comment_summary=data["comment_summary"],
                actor=request.user,
            )
        except (ApplicationError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(request, "The review is closed.")
            return redirect("agreements:review", pk=review.pk)
    return render(
        request,
        "agreements/review_close.html",
        {
            "form": form,
            "review": review,
            "comments": review_comments(review=review, user=request.user),
        },
        status=400 if form.errors else 200,
    )
