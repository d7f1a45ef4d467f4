"""Removal request pages: the list, the form a principal files, the status page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.dates import today
from core.errors import ApplicationError
from core.forms import form_field
from flags.models import Flag, RemovalRequest
from flags.permissions import (
    can_answer_removal_request,
    can_file_removal_requests,
    can_read_removal_reasons,
    can_withdraw_removal_request,
)
from flags.selectors.removals import (
    removal_candidates,
    removal_citable_flags,
    removal_request_detail,
    removal_request_history,
    removal_requests_visible,
)
from flags.services import removals as services

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from core.http import AuthenticatedHttpRequest
    from roster.models import Assignment, Officer


@login_required
def removal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(removal_requests_visible(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "flags/removal_list.html",
        {"page": page, "can_file": can_file_removal_requests(user=request.user), "today": today()},
    )


class RemovalOfficerForm(forms.Form):
    assignment: forms.ModelChoiceField[Assignment] = forms.ModelChoiceField(
        queryset=None, label="Officer", empty_label="Choose an officer"
    )

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "assignment", forms.ModelChoiceField)
        field.queryset = removal_candidates(user=user)
        # Django reads label_from_instance off the field instance, so a per-form label is an
        # instance attribute; mypy only knows it as a method.
        field.label_from_instance = lambda a: (  # type: ignore[method-assign,assignment]
            f"{a.officer.full_name} ({a.officer.agency.code} #{a.officer.badge_number}) at {a.school.name}"
        )


class RemovalRequestForm(forms.Form):
    reason = forms.CharField(
        label="Why should the officer be removed?",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="A written reason, the flags you cite, or both.",
    )
    cited_flags: forms.ModelMultipleChoiceField[Flag] = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Flags you cite"
    )

    def __init__(
        self, *args: Any, user: User | AnonymousUser, officer: Officer, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "cited_flags", forms.ModelMultipleChoiceField)
        field.queryset = removal_citable_flags(user=user, officer=officer)
        # As above: a per-form label is an instance attribute.
        field.label_from_instance = lambda f: (  # type: ignore[method-assign,assignment]
            f"{f.rule.name} — {f.get_severity_display()}, {f.get_status_display().lower()} ({f.period.name})"
        )


@login_required
def removal_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step one picks an officer at the principal's school (a GET form); step two files."""
    if not can_file_removal_requests(user=request.user):
        raise Http404
    chooser = RemovalOfficerForm(request.GET or None, user=request.user)
    if not chooser.is_valid():
        return render(request, "flags/removal_new.html", {"chooser": chooser, "form": None})
    assignment = chooser.cleaned_data["assignment"]
    form = RemovalRequestForm(request.POST or None, user=request.user, officer=assignment.officer)
    if request.method == "POST" and form.is_valid():
        try:
            removal = services.removal_request_file(
                officer=assignment.officer,
                school=assignment.school,
                filed_by=request.user,
                reason=form.cleaned_data["reason"],
                cited_flag_ids=[flag.pk for flag in form.cleaned_data["cited_flags"]],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"The request is filed; the agency answers by {removal.due_date:%Y-%m-%d}."
            )
            return redirect("flags:removal", pk=removal.pk)
    return render(
        request,
        "flags/removal_new.html",
        {"chooser": chooser, "form": form, "assignment": assignment},
    )


class RemovalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("granted", "Grant: remove the officer"), ("denied", "Deny")],
        widget=forms.RadioSelect,
    )
    assignment_end_date = forms.DateField(
        required=False,
        label="Assignment ends on (if granted)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reasons = forms.CharField(
        required=False, label="Reasons (required to deny)", widget=forms.Textarea(attrs={"rows": 4})
    )


class RemovalWithdrawForm(forms.Form):
    note = forms.CharField(
        required=False, label="Why withdraw? (optional)", widget=forms.Textarea(attrs={"rows": 2})
    )


def _detail(request: AuthenticatedHttpRequest, pk: int) -> RemovalRequest:
    try:
        return removal_request_detail(user=request.user, pk=pk)
    except RemovalRequest.DoesNotExist:
        raise Http404 from None


@login_required
def removal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    removal = _detail(request, pk)
    shows_details = can_read_removal_reasons(user=request.user, request=removal)
    return render(
        request,
        "flags/removal_detail.html",
        {
            "removal": removal,
            "shows_details": shows_details,
            "history": removal_request_history(request=removal) if shows_details else [],
            "can_decide": removal.is_pending
            and can_answer_removal_request(user=request.user, request=removal),
            "can_withdraw": removal.is_pending
            and can_withdraw_removal_request(user=request.user, request=removal),
            "decision_form": RemovalDecisionForm(),
            "withdraw_form": RemovalWithdrawForm(),
            "is_overdue": removal.is_pending and removal.due_date < today(),
        },
    )


@login_required
@require_POST
def removal_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    removal = _detail(request, pk)
    try:
        services.removal_request_start_review(request=removal, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The request is now under review.")
    return redirect("flags:removal", pk=removal.pk)


@login_required
@require_POST
def removal_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    removal = _detail(request, pk)
    form = RemovalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose grant or deny.")
        return redirect("flags:removal", pk=removal.pk)
    try:
        services.removal_request_decide(
            request=removal,
            actor=request.user,
            granted=form.cleaned_data["decision"] == "granted",
            reasons=form.cleaned_data["reasons"],
            assignment_end_date=form.cleaned_data["assignment_end_date"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The decision is recorded.")
    return redirect("flags:removal", pk=removal.pk)


@login_required
@require_POST
def removal_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    removal = _detail(request, pk)
    form = RemovalWithdrawForm(request.POST)
    form.is_valid()
    try:
        services.removal_request_withdraw(
            request=removal, actor=request.user, note=form.cleaned_data.get("note", "")
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The request is withdrawn.")
    return redirect("flags:removal", pk=removal.pk)
