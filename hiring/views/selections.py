"""Selection record pages: the coordinator (or the agency's supervisor) opens a record
with its panel; each panelist scores and submits; the managers then see the panel and
decide. Officers never reach these pages (``visible_to`` gives them no record)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from hiring.forms import DecisionForm, SelectionCreateForm, score_form_class, score_initial
from hiring.models import Panelist, SelectionRecord, SelectionStatus
from hiring.selectors.selections import (
    SelectionView,
    representative_scores,
    selection_view,
    selections_visible,
)
from hiring.services.selections import (
    PanelSeat,
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_create,
    selection_record_decide,
)
from roster.models import Officer, Role, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from core.http import AuthenticatedHttpRequest


def _view_or_404(request: AuthenticatedHttpRequest, pk: int) -> SelectionView:
    try:
        return selection_view(user=request.user, pk=pk)
    except SelectionRecord.DoesNotExist as error:
        raise Http404("No such selection record.") from error


def _creator_districts(user: User) -> set[int]:
    scope = scope_for(user)
    return set(scope.coordinator_district_ids) | set(scope.supervisor_district_ids)


def _create_choices(user: User) -> dict[str, QuerySet[Any]]:
    scope = scope_for(user)
    districts = _creator_districts(user)
    officers = Officer.objects.visible_to(user).select_related("agency")
    if not scope.is_superuser and not scope.coordinator_district_ids:
        officers = officers.filter(agency_id__in=scope.agency_ids)
    # Panelists with an account: the staff of the districts the creator works in; the
    # service checks each against the chosen school and agency.
    users = (
        get_user_model()
        .objects.filter(
            memberships__is_active=True,
            memberships__district_id__in=districts,
            memberships__role__in=[Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR],
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    return {
        "schools": School.objects.filter(district_id__in=districts).order_by("name"),
        "officers": officers.order_by("last_name", "first_name"),
        "users": users,
    }


@login_required
def selection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "hiring/selection_list.html",
        {
            "records": selections_visible(user=request.user),
            "can_create": bool(_creator_districts(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def selection_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not _creator_districts(request.user):
        raise Http404("Selection records are opened by coordinators and supervisors.")
    form = SelectionCreateForm(request.POST or None, **_create_choices(request.user))
    if request.method == "POST" and form.is_valid():
        panel = [PanelSeat(user=user) for user in form.cleaned_data["panel"]]
        panel += [PanelSeat(name=name, kind=kind) for name, kind in form.representatives()]
        try:
            record = selection_record_create(
                school=form.cleaned_data["school"],
                candidate=form.cleaned_data["candidate"],
                panel=panel,
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Selection record opened: the panel can score now.")
            return redirect("hiring:selection", pk=record.pk)
    return render(
        request,
        "hiring/selection_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def selection_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    view = _view_or_404(request, pk)
    score_form = score_form_class(view.criteria)
    is_open = view.record.status == SelectionStatus.OPEN
    context: dict[str, Any] = {
        "view": view,
        "record": view.record,
        "is_open": is_open,
        "my_rows": [(c, view.my_scores.get(c.pk)) for c in view.criteria],
        "panel_table": [
            (row.panelist, [row.scores.get(c.pk) for c in view.criteria], row.weighted)
            for row in view.panel
        ],
    }
    if view.me is not None and view.me.submitted_at is None and is_open:
        context["my_form"] = score_form(initial=score_initial(view.my_scores))
    if is_open:
        context["representative_forms"] = [
            (
                p,
                score_form(
                    initial=score_initial(representative_scores(view=view, panelist_id=p.pk)),
                    prefix=f"p{p.pk}",
                ),
            )
            for p in view.representatives
            if p.submitted_at is None
        ]
        if view.can_manage:
            context["decision_form"] = DecisionForm()
    return render(request, "hiring/selection_detail.html", context)


def _entries(form: Any, view: SelectionView) -> list[ScoreEntry]:
    entries = []
    for c in view.criteria:
        score = form.cleaned_data.get(f"score_{c.pk}")
        if score not in (None, ""):
            entries.append(ScoreEntry(c.pk, int(score), form.cleaned_data.get(f"note_{c.pk}", "")))
    return entries


def _target_panelist(request: AuthenticatedHttpRequest, view: SelectionView) -> Panelist:
    """The caller's own seat, or the representative whose sheet they enter."""
    wanted = request.POST.get("panelist_id")
    if wanted:
        for panelist in view.representatives:
            if str(panelist.pk) == wanted:
                return panelist
        raise Http404("No such representative on this panel.")
    if view.me is None:
        # The record is in the caller's scope; scoring it is not their part.
        raise PermissionDenied("You don't sit on this panel.")
    return view.me


@login_required
@require_POST
def selection_scores(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    view = _view_or_404(request, pk)
    panelist = _target_panelist(request, view)
    prefix = f"p{panelist.pk}" if panelist.user_id is None else None
    form = score_form_class(view.criteria)(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, "Each score is a whole number from 1 to 4.")
        return redirect("hiring:selection", pk=pk)
    try:
        panel_scores_save(panelist=panelist, scores=_entries(form, view), actor=request.user)
        if "submit" in request.POST:
            panelist_submit(panelist=panelist, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        done = "submitted and sealed" if "submit" in request.POST else "saved as a draft"
        messages.success(request, f"{panelist.name}'s scores {done}.")
    return redirect("hiring:selection", pk=pk)


@login_required
@require_POST
def selection_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    view = _view_or_404(request, pk)
    if not view.can_manage:
        raise Http404("No such selection record.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose selected or not selected, and give the reason.")
        return redirect("hiring:selection", pk=pk)
    try:
        selection_record_decide(
            record=view.record,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            incomplete_panel_reason=form.cleaned_data["incomplete_panel_reason"],
            start_date=form.cleaned_data["start_date"],
            actor=request.user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Decision recorded.")
    return redirect("hiring:selection", pk=pk)
