"""Signing an evaluation on its pages: submit, review, return, acknowledge, and the history of every change."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from evaluations.forms_evaluations import (
    AcknowledgeForm,
    ReturnForm,
    ReviewForm,
    SubmitForm,
)
from evaluations.models import Evaluation
from evaluations.selectors import evaluations as selectors
from evaluations.services import signatures
from evaluations.views.evaluations import detail_url, evaluation_or_404

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from core.http import AuthenticatedHttpRequest

ACTION_LABELS = {
    "evaluation.started": "Started",
    "evaluation.updated": "Draft saved",
    "evaluation.note_added": "Observation note added",
    "evaluation.attachment_added": "File attached",
    "evaluation.submitted": "Submitted and signed by the evaluator",
    "evaluation.returned": "Returned for changes",
    "evaluation.reviewed": "Reviewed and signed by the supervisor",
    "evaluation.acknowledged": "Acknowledged by the officer",
}


FIELD_LABELS = {
    "status": "Status",
    "rubric": "Rubric",
    "commendations": "Commendations",
    "overall_level": "Overall rating",
    "overall_score": "Weighted mean",
    "submitted_at": "Signed by the evaluator at",
    "submitted_by": "Signed by the evaluator",
    "return_reason": "Reason for return",
    "reviewed_at": "Reviewed at",
    "reviewed_by": "Reviewed by",
    "review_comment": "Review comment",
    "acknowledged_at": "Acknowledged at",
    "acknowledged_by": "Acknowledged by",
    "officer_agrees": "Officer agrees",
    "officer_response": "Officer's response",
}


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@login_required
def evaluation_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The summary the principal reads before signing, and the signature itself."""
    evaluation = evaluation_or_404(request, pk)
    fresh_form = SubmitForm(initial={"version": evaluation.version})
    form, status = fresh_form, 200
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Tick the box to sign the evaluation.")
            status = 400
        else:
            try:
                signatures.evaluation_submit(
                    evaluation=evaluation,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except ApplicationError as exc:
                # The summary below is what is saved now; signing it needs a fresh form.
                messages.error(request, exc.message)
                form, status = fresh_form, exc.status
            else:
                messages.success(request, "Evaluation submitted and signed. It is now locked.")
                return redirect(detail_url(evaluation))
    context = {
        "evaluation": evaluation,
        "ratings": list(evaluation.ratings.all()),
        "form": form,
        "missing": [r for r in evaluation.ratings.all() if not r.level],
    }
    return render(request, "evaluations/evaluations/submit.html", context, status=status)


def _action(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    service: Callable[..., Evaluation],
    success: str,
) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(detail_url(evaluation))
    try:
        service(evaluation=evaluation, actor=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(detail_url(evaluation))


@login_required
@require_POST
def evaluation_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, ReviewForm, signatures.evaluation_review, "Evaluation reviewed and signed."
    )


@login_required
@require_POST
def evaluation_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        ReturnForm,
        signatures.evaluation_return,
        "Evaluation returned to the evaluator.",
    )


@login_required
@require_POST
def evaluation_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        AcknowledgeForm,
        signatures.evaluation_acknowledge,
        "You have acknowledged this evaluation.",
    )


@dataclass(frozen=True)
class HistoryRow:
    """One audit event as the history page shows it."""

    created_at: datetime.datetime
    actor: User | None
    label: str
    reason: str
    change_rows: list[tuple[str, str, str]]


@login_required
def evaluation_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    events = [
        HistoryRow(
            created_at=event.created_at,
            actor=event.actor,
            label=ACTION_LABELS.get(event.action, event.action),
            reason=event.reason,
            change_rows=[
                (FIELD_LABELS.get(field, field), _shown(before), _shown(after))
                for field, (before, after) in event.changes.items()
            ],
        )
        for event in selectors.evaluation_history(evaluation=evaluation)
    ]
    return render(
        request,
        "evaluations/evaluations/history.html",
        {"evaluation": evaluation, "events": events},
    )
