"""Results pages and the XLSX export: aggregates only, read through the selector
that applies k, the comment minimum and complementary suppression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from roster.models import EvaluationPeriod
from surveys import exports, permissions, selectors

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def _period(request: HttpRequest) -> EvaluationPeriod:
    period = selectors.period_for_results(user=request.user, period_id=request.GET.get("period"))
    if period is None:
        raise Http404("No evaluation period.")
    return period


@login_required
def results_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    period = _period(request)
    officers = list(selectors.officers_with_results(user=request.user, period=period))
    results = selectors.survey_results_for_officers(
        officer_ids=[o.pk for o in officers], period=period
    )
    schools = (
        list(selectors.schools_with_results(user=request.user, period=period))
        if permissions.can_read_school_results(user=request.user)
        else []
    )
    return render(
        request,
        "surveys/results_index.html",
        {
            "period": period,
            "periods": selectors.periods_with_surveys(user=request.user),
            "rows": [(o, results[o.pk]) for o in officers],
            "schools": schools,
            "k": period.district.survey_min_responses,
        },
    )


@login_required
def officer_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = _period(request)
    officer = get_object_or_404(
        selectors.officers_with_results(user=request.user, period=period), pk=pk
    )
    result = selectors.survey_results_for_officers(officer_ids=[officer.pk], period=period)[
        officer.pk
    ]
    return render(
        request,
        "surveys/results_detail.html",
        {
            "period": period,
            "subject": officer.full_name,
            "result": result,
            "groups": list(result.groups.values())
            + ([result.all_groups] if result.all_groups else []),
        },
    )


@login_required
def school_results(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    period = _period(request)
    school = get_object_or_404(
        selectors.schools_with_results(user=request.user, period=period), pk=pk
    )
    result = selectors.survey_results_for_schools(school_ids=[school.pk], period=period)[school.pk]
    return render(
        request,
        "surveys/results_detail.html",
        {
            "period": period,
            "subject": school.name,
            "result": result,
            "groups": list(result.groups.values()),
        },
    )


@login_required
def results_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    period = _period(request)
    officers = list(selectors.officers_with_results(user=request.user, period=period))
    schools = (
        list(selectors.schools_with_results(user=request.user, period=period))
        if permissions.can_read_school_results(user=request.user)
        else []
    )
    officer_results = selectors.survey_results_for_officers(
        officer_ids=[o.pk for o in officers], period=period
    )
    school_results = selectors.survey_results_for_schools(
        school_ids=[s.pk for s in schools], period=period
    )
    body = exports.results_xlsx(
        officers=[(o.full_name, officer_results[o.pk]) for o in officers],
        schools=[(s.name, school_results[s.pk]) for s in schools],
        k=period.district.survey_min_responses,
        comment_min=max(
            period.district.comment_min_responses, period.district.survey_min_responses
        ),
        district=period.district.name,
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="survey-results-{period.name}.xlsx"'
    return response
