"""Flag pages: the district's board, one flag, an officer's flags, the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.forms import form_field
from flags.models import Flag, FlagRule, FlagSeverity
from flags.permissions import can_edit_flag_rules, can_edit_some_flag_rules
from flags.rules import registry
from flags.selectors.flags import (
    FLAG_STATUS_CHOICES,
    FlagBoardFilters,
    flag_history,
    flag_rules_visible,
    flag_severity_counts,
    flags_filtered,
    flags_visible,
)
from flags.services import flags as services
from flags.services import rules as rule_services
from roster.models import Agency, District
from roster.scoping import scope_for
from roster.selectors import officers_visible, schools_visible

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from core.http import AuthenticatedHttpRequest
    from roster.models import School


class FlagBoardForm(forms.Form):
    severity = forms.ChoiceField(
        choices=[("", "Any severity"), *FlagSeverity.choices], required=False
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *FLAG_STATUS_CHOICES], required=False, initial="active"
    )
    school: forms.ModelChoiceField[School] = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any school"
    )
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any agency"
    )

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "school", forms.ModelChoiceField).queryset = schools_visible(user=user)
        form_field(self, "agency", forms.ModelChoiceField).queryset = Agency.objects.visible_to(
            user
        )

    def filters(self) -> FlagBoardFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return FlagBoardFilters(
            severity=data.get("severity", ""),
            status=data.get("status", "active") if self.data else "active",
            school_id=data["school"].pk if data.get("school") else None,
            agency_id=data["agency"].pk if data.get("agency") else None,
        )


@login_required
def flag_board(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FlagBoardForm(request.GET or None, user=request.user)
    flags = flags_filtered(user=request.user, filters=form.filters())
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    counts = flag_severity_counts(
        flags=flags_filtered(user=request.user, filters=FlagBoardFilters())
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "flags/board.html",
        {"form": form, "page": page, "counts": counts, "query": query.urlencode()},
    )


class FlagNoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


@login_required
def flag_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(flags_visible(user=request.user), pk=pk)
    can_act = Flag.objects.actionable_by(request.user).filter(pk=flag.pk).exists()
    return render(
        request,
        "flags/detail.html",
        {
            "flag": flag,
            "history": flag_history(flag=flag),
            "can_act": can_act,
            "form": FlagNoteForm(),
        },
    )


TRANSITIONS: dict[str, tuple[services.FlagTransition, str]] = {
    "acknowledge": (services.flag_acknowledge, "The flag is acknowledged."),
    "resolve": (services.flag_resolve, "The flag is resolved."),
    "dismiss": (services.flag_dismiss, "The flag is dismissed."),
}


@login_required
@require_POST
def flag_transition(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in TRANSITIONS:
        raise Http404
    flag = get_object_or_404(flags_visible(user=request.user), pk=pk)
    form = FlagNoteForm(request.POST)
    form.is_valid()
    service, done = TRANSITIONS[action]
    try:
        service(flag=flag, actor=request.user, note=form.cleaned_data.get("note", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("flags:flag", pk=flag.pk)


@login_required
def officer_flags(request: AuthenticatedHttpRequest, officer_id: int) -> HttpResponse:
    officer = get_object_or_404(officers_visible(user=request.user), pk=officer_id)
    flags = flags_filtered(user=request.user, filters=FlagBoardFilters(officer_id=officer.pk))
    return render(request, "flags/officer.html", {"officer": officer, "flags": flags})


@login_required
def rule_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rules = flag_rules_visible(user=request.user)
    can_edit = can_edit_some_flag_rules(user=request.user)
    labels = {spec.code: spec.label for spec in registry.REGISTRY.values()}
    rows = [(rule, labels.get(rule.metric, f"{rule.metric} (not available)")) for rule in rules]
    return render(request, "flags/rules.html", {"rows": rows, "can_edit": can_edit})


class FlagRuleForm(forms.Form):
    """The rule's editable fields; the model's own checks run in the service."""

    def __init__(self, data: QueryDict | None = None, *, rule: FlagRule) -> None:
        # The rule's values are the initial ones: a caller can't pass its own.
        super().__init__(
            data, initial=forms.model_to_dict(rule, fields=rule_services.RULE_EDITABLE_FIELDS)
        )
        self.fields.update(
            forms.fields_for_model(
                FlagRule,
                fields=rule_services.RULE_EDITABLE_FIELDS,
                widgets={"description": forms.Textarea(attrs={"rows": 2})},
            )
        )


class FlagRuleNewForm(forms.Form):
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        queryset=None, empty_label=None
    )
    code = forms.CharField(
        max_length=40, help_text="Short and unique in the district, e.g. survey-fair-treatment."
    )
    metric = forms.ChoiceField(choices=())

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = District.objects.filter(
            pk__in=scope_for(user).coordinator_district_ids
        )
        form_field(self, "metric", forms.ChoiceField).choices = registry.metric_choices()
        editable = [name for name in rule_services.RULE_EDITABLE_FIELDS if name != "is_active"]
        self.fields.update(
            forms.fields_for_model(
                FlagRule,
                fields=editable,
                widgets={"description": forms.Textarea(attrs={"rows": 2})},
            )
        )


@login_required
def rule_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_edit_some_flag_rules(user=request.user):
        raise Http404
    form = FlagRuleNewForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            rule_services.flag_rule_create(
                district=data.pop("district"), actor=request.user, **data
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, "The rule is added; the district's flags are being re-evaluated."
            )
            return redirect("flags:rules")
    return render(request, "flags/rule_new.html", {"form": form})


@login_required
def rule_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(flag_rules_visible(user=request.user), pk=pk)
    if not can_edit_flag_rules(user=request.user, district=rule.district):
        raise Http404
    form = FlagRuleForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        try:
            rule_services.flag_rule_update(rule=rule, actor=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, "The rule is saved; the district's flags are being re-evaluated."
            )
            return redirect("flags:rules")
    spec = registry.metric_spec(rule.metric)
    return render(request, "flags/rule_edit.html", {"rule": rule, "form": form, "spec": spec})
