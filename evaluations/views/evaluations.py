"""Evaluation pages: thin views over the selectors and services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from core.attachments import attachment_download_name
from core.errors import ApplicationError, ConflictError
from evaluations import permissions
from evaluations.forms_evaluations import (
    AcknowledgeForm,
    AttachmentForm,
    EvaluationEditForm,
    ObservationNoteForm,
    ReturnForm,
    ReviewForm,
)
from evaluations.models import Evaluation, EvaluationAttachment, EvaluationStatus, PerformanceLevel
from evaluations.pdf import render_evaluation_pdf
from evaluations.selectors import evaluations as selectors
from evaluations.selectors import printing
from evaluations.services import evaluation_evidence as evidence
from evaluations.services import evaluations as services
from roster.models import EvaluationPeriod, Officer, Role, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def detail_url(evaluation: Evaluation | int) -> str:
    pk = evaluation.pk if isinstance(evaluation, Evaluation) else evaluation
    return reverse("evaluation-detail", args=[pk])


def evaluation_or_404(request: AuthenticatedHttpRequest, pk: int) -> Evaluation:
    return get_object_or_404(selectors.evaluation_with_details(user=request.user), pk=pk)


@login_required
def evaluation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The principal's officers to evaluate; what awaits a supervisor or an officer."""
    scope = scope_for(request.user)
    period = selectors.period_chosen(user=request.user, period_id=request.GET.get("period"))
    context: dict[str, Any] = {
        "period": period,
        "periods": selectors.periods_for(user=request.user),
    }
    if period and scope.has_role(Role.PRINCIPAL, Role.COORDINATOR):
        context["to_evaluate"] = selectors.officers_to_evaluate(user=request.user, period=period)
    if scope.has_role(Role.SUPERVISOR, Role.COORDINATOR):
        context["awaiting_review"] = selectors.evaluations_awaiting_review(user=request.user)
    if scope.has_role(Role.OFFICER):
        context["awaiting_acknowledgement"] = selectors.evaluations_awaiting_acknowledgement(
            user=request.user
        )
    if period:
        context["visible"] = selectors.evaluations_visible(user=request.user).filter(period=period)
    return render(request, "evaluations/evaluations/list.html", context)


@login_required
@require_POST
def evaluation_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    officer = get_object_or_404(
        Officer.objects.visible_to(request.user), pk=request.POST.get("officer") or 0
    )
    school = get_object_or_404(
        School.objects.visible_to(request.user), pk=request.POST.get("school") or 0
    )
    period = get_object_or_404(
        EvaluationPeriod.objects.visible_to(request.user), pk=request.POST.get("period") or 0
    )
    try:
        evaluation = services.evaluation_start(
            officer=officer, school=school, period=period, evaluator=request.user
        )
    except ConflictError as exc:
        if "evaluation" in exc.extra:
            return redirect("evaluation-edit", pk=exc.extra["evaluation"])
        messages.error(request, exc.message)
        return redirect("evaluation-list")
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("evaluation-list")
    return redirect("evaluation-edit", pk=evaluation.pk)


@login_required
def evaluation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    user = request.user
    context = {
        "evaluation": evaluation,
        "ratings": list(evaluation.ratings.all()),
        "can_edit": evaluation.is_editable
        and permissions.can_evaluate(user=user, school=evaluation.school),
        "can_review": evaluation.status == EvaluationStatus.SUBMITTED
        and permissions.can_review(user=user, evaluation=evaluation),
        "can_acknowledge": evaluation.status == EvaluationStatus.REVIEWED
        and permissions.can_acknowledge(user=user, evaluation=evaluation),
        "review_form": ReviewForm(),
        "return_form": ReturnForm(),
        "acknowledge_form": AcknowledgeForm(),
    }
    return render(request, "evaluations/evaluations/detail.html", context)


def _edit_context(evaluation: Evaluation, form: EvaluationEditForm) -> dict[str, Any]:
    ratings = {r.competency.code: r for r in evaluation.ratings.all()}
    rows = []
    for competency in form.competencies:
        level_field = form[f"level_{competency.code}"]
        descriptors = {level: text for level, _label, text in competency.descriptors}
        rows.append(
            {
                "competency": competency,
                "level_field": level_field,
                "choices": [(radio, descriptors.get(radio.data["value"])) for radio in level_field],
                "evidence_field": form[f"evidence_{competency.code}"],
                "rating": ratings.get(competency.code),
            }
        )
    return {
        "evaluation": evaluation,
        "form": form,
        "rows": rows,
        "note_form": ObservationNoteForm(),
        "attachment_form": AttachmentForm(),
    }


def _unsaved_input(evaluation: Evaluation, form: EvaluationEditForm) -> list[tuple[str, str, str]]:
    """(competency, level, evidence) the stale form wanted where it differs from what is saved."""
    saved = {r.competency.code: r for r in evaluation.ratings.all()}
    rows = []
    for code, wanted in form.ratings().items():
        rating = saved[code]
        if (wanted["level"], wanted["evidence"].strip()) != (rating.level, rating.evidence):
            label = PerformanceLevel(wanted["level"]).label if wanted["level"] else "Not rated"
            rows.append((rating.competency.name, label, wanted["evidence"]))
    if form.cleaned_data["commendations"].strip() != evaluation.commendations:
        rows.append(("Commendations", "", form.cleaned_data["commendations"]))
    return rows


def _edit_form(evaluation: Evaluation, data: QueryDict | None = None) -> EvaluationEditForm:
    ratings = list(evaluation.ratings.all())
    initial = {"version": evaluation.version, "commendations": evaluation.commendations}
    for rating in ratings:
        initial[f"level_{rating.competency.code}"] = rating.level or ""
        initial[f"evidence_{rating.competency.code}"] = rating.evidence
    return EvaluationEditForm(data, initial=initial, competencies=[r.competency for r in ratings])


@login_required
def evaluation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The evaluation form: each competency with its four descriptors; saves drafts."""
    evaluation = evaluation_or_404(request, pk)
    if not permissions.can_evaluate(user=request.user, school=evaluation.school):
        return redirect(detail_url(evaluation))
    if request.method != "POST":
        if not evaluation.is_editable:
            messages.info(request, services.locked_message(evaluation))
            return redirect(detail_url(evaluation))
        return render(
            request,
            "evaluations/evaluations/edit.html",
            _edit_context(evaluation, _edit_form(evaluation)),
        )
    form = _edit_form(evaluation, request.POST)
    if not form.is_valid():
        messages.error(request, "Some answers need correcting; nothing was saved.")
        return render(
            request,
            "evaluations/evaluations/edit.html",
            _edit_context(evaluation, form),
            status=400,
        )
    try:
        services.evaluation_update(
            evaluation=evaluation,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            ratings=form.ratings(),
            commendations=form.cleaned_data["commendations"],
        )
    except ConflictError as exc:
        messages.error(request, exc.message)
        if "current_version" not in exc.extra:
            return redirect(detail_url(evaluation))
        # Someone saved first: show what is saved now, and list what this person typed
        # (not applied) so they can re-enter what still matters.
        fresh = evaluation_or_404(request, pk)
        context = _edit_context(fresh, _edit_form(fresh))
        context["unsaved"] = _unsaved_input(fresh, form)
        return render(request, "evaluations/evaluations/edit.html", context, status=409)
    except ApplicationError as exc:
        messages.error(request, f"{exc.message} Nothing was saved.")
        return render(
            request,
            "evaluations/evaluations/edit.html",
            _edit_context(evaluation, form),
            status=exc.status,
        )
    if "review" in request.POST:
        return redirect("evaluation-submit", pk=pk)
    messages.success(request, "Draft saved.")
    return redirect("evaluation-edit", pk=pk)


@login_required
@require_POST
def evaluation_note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    form = ObservationNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date and what you observed.")
    else:
        try:
            evidence.evaluation_note_add(
                evaluation=evaluation, actor=request.user, **form.cleaned_data
            )
            messages.success(request, "Observation note added.")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return _back_to_form(evaluation)


@login_required
@require_POST
def evaluation_attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file to attach.")
    else:
        try:
            evidence.evaluation_attachment_add(
                evaluation=evaluation, actor=request.user, upload=form.cleaned_data["file"]
            )
            messages.success(request, "File attached.")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return _back_to_form(evaluation)


@login_required
@require_POST
def evaluation_attachment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(EvaluationAttachment.objects.visible_to(request.user), pk=pk)
    try:
        evidence.evaluation_attachment_remove(attachment=attachment, actor=request.user)
        messages.success(request, f"{attachment.original_name} removed.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back_to_form(attachment.evaluation)


def _back_to_form(evaluation: Evaluation) -> HttpResponse:
    """After a note or file action: the form, or the evaluation itself once it is locked
    (the form would only redirect there again, repeating the "locked" message)."""
    evaluation.refresh_from_db(fields=["status"])
    return redirect(
        "evaluation-edit" if evaluation.is_editable else "evaluation-detail", pk=evaluation.pk
    )


@login_required
def evaluation_attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(EvaluationAttachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment_download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )


@login_required
def evaluation_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The evaluation as a PDF, for exactly those who may open its page."""
    evaluation = get_object_or_404(
        selectors.evaluations_visible(user=request.user).select_related(
            "district", "acknowledged_by"
        ),
        pk=pk,
    )
    pdf = render_evaluation_pdf(printing.evaluation_printout(evaluation=evaluation))
    response = HttpResponse(pdf, content_type="application/pdf")
    # Slugged: a period or officer name may hold quotes or characters a header can't carry.
    filename = slugify(f"evaluation {evaluation.officer.full_name} {evaluation.period.name}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
