"""The coordinator's self-assessment pages: the district's years, one assessment
grouped by step, answers (post, redirect, get), completion, the year-over-year
comparison and the printable summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError
from selfassessment.charts import svg_step_chart
from selfassessment.forms import AnswerForm, StartForm
from selfassessment.models import Answer, SelfAssessment
from selfassessment.pdf import render_summary_pdf
from selfassessment.permissions import can_assess
from selfassessment.selectors import assessments as selectors
from selfassessment.services.assessments import (
    selfassessment_answer,
    selfassessment_complete,
    selfassessment_start,
)
from selfassessment.sheet import sheet_compare, sheet_for, sheet_grouped

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    # Out of role is "not found", like an out-of-scope object.
    if not can_assess(user=request.user):
        raise Http404("Nothing here for your role.")


def _assessment(request: AuthenticatedHttpRequest, pk: int) -> SelfAssessment:
    _require_coordinator(request)
    return get_object_or_404(selectors.assessment_with_answers(user=request.user), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    periods = selectors.periods_to_assess(user=request.user)
    form = StartForm(request.POST or None, periods=periods)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = selfassessment_start(
                period=form.cleaned_data["period"],
                actor=request.user,
                checklist=form.cleaned_data["checklist"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"The {assessment.period.name} self-assessment is started.")
            return redirect("selfassessment:detail", pk=assessment.pk)
    assessments = selectors.assessments_visible(user=request.user).order_by(
        "district__name", "-period__start_date"
    )
    return render(request, "selfassessment/list.html", {"assessments": assessments, "form": form})


@login_required
def assessment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    sheet = sheet_for(assessment)
    earlier = selectors.assessment_earlier(assessment=assessment)
    return render(
        request,
        "selfassessment/detail.html",
        {
            "assessment": assessment,
            "sheet": sheet,
            "steps": sheet_grouped(sheet),
            "chart": svg_step_chart(sheet, title=f"Share met per step, {sheet['period']}"),
            "answers": Answer.choices,
            "editable": assessment.completed_on is None,
            "earlier": earlier,
        },
    )


@login_required
@require_POST
def assessment_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(map(str, errs))}" for field, errs in form.errors.items()
        )
        messages.error(request, f"The answer was not saved ({problems}).")
        return redirect("selfassessment:detail", pk=assessment.pk)
    item = form.cleaned_data["item"]
    try:
        selfassessment_answer(
            assessment=assessment,
            item=item,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Item {item} is answered.")
    return redirect(f"{assessment_url(assessment)}#item-{item}")


def assessment_url(assessment: SelfAssessment) -> str:
    return reverse("selfassessment:detail", kwargs={"pk": assessment.pk})


@login_required
@require_POST
def assessment_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        selfassessment_complete(assessment=assessment, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The self-assessment is completed; its answers are frozen.")
    return redirect("selfassessment:detail", pk=assessment.pk)


@login_required
def assessment_compare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """This year beside an earlier one (``?with=<id>``, default the latest earlier year)."""
    assessment = _assessment(request, pk)
    chosen = request.GET.get("with", "")
    earlier: SelfAssessment | None
    if chosen:
        if not chosen.isdigit():
            raise Http404("Choose an assessment to compare with.")
        earlier = get_object_or_404(
            selectors.assessment_with_answers(user=request.user).filter(
                district_id=assessment.district_id
            ),
            pk=int(chosen),
        )
    else:
        earlier = selectors.assessment_earlier(assessment=assessment)
    others = (
        selectors.assessments_visible(user=request.user)
        .filter(district_id=assessment.district_id)
        .exclude(pk=assessment.pk)
    )
    comparison = (
        sheet_compare(sheet_for(assessment), sheet_for(earlier)) if earlier is not None else None
    )
    return render(
        request,
        "selfassessment/compare.html",
        {
            "assessment": assessment,
            "earlier": earlier,
            "others": others,
            "comparison": comparison,
        },
    )


@login_required
def assessment_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    sheet = sheet_for(assessment)
    response = HttpResponse(render_summary_pdf(sheet), content_type="application/pdf")
    filename = slugify(f"secure self-assessment {sheet['district']} {sheet['period']}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
