"""Survey metric: percent favourable on one question (by its stable code).

The figure comes from ``surveys.selectors`` with suppression already applied, so a
group below k has no figure and raises nothing (ARCHITECTURE.md, anonymity 3); the
rule's ``min_sample`` can ask for more respondents than k.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from flags.rules.registry import EvaluationContext, MetricResult, MetricSpec, register
from surveys.contracts import survey_results_for_officers

if TYPE_CHECKING:
    from flags.models import FlagRule


def _results(context: EvaluationContext) -> dict:
    return context.cached(
        "surveys.officers",
        lambda: survey_results_for_officers(officer_ids=context.officer_ids, period=context.period),
    )


def survey_favourability(rule: FlagRule, context: EvaluationContext) -> dict[int, MetricResult]:
    results = {}
    for officer_id, survey in _results(context).items():
        group = (
            survey.groups.get(rule.respondent_group) if rule.respondent_group else survey.all_groups
        )
        question = (
            next((q for q in group.questions if q.code == rule.question_code), None)
            if group
            else None
        )
        if question is None or question.suppressed or question.percent_favourable is None:
            results[officer_id] = MetricResult(value=None, sample=None)
            continue
        enough = question.n is not None and question.n >= (rule.min_sample or 0)
        results[officer_id] = MetricResult(
            value=Decimal(str(question.percent_favourable)) if enough else None,
            figures={
                "question": question.text_in("en"),
                "respondent group": group.label,
                "respondents": question.n,
                "percent favourable": question.percent_favourable,
                "district percent favourable": question.district.percent_favourable
                if question.district
                else None,
            },
            sample=question.n,
        )
    return results


register(
    MetricSpec(
        code="survey_favourability",
        label="Survey favourability on a question",
        description="Percent of respondents answering favourably to one question (by its stable code), "
        "only where the group meets the district's k.",
        unit="%",
        compute=survey_favourability,
        needs_question=True,
        uses_min_sample=True,
    )
)
