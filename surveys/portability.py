"""Survey data in the district export (roster/portability.py): aggregates only.

Campaigns, questions, code batches, participation counts and per-officer results
with the same suppression as every page; never a response or an answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from roster.models import District, EvaluationPeriod, Officer
from surveys.models import Campaign, CodeBatch, Question
from surveys.selectors import campaign_response_rates, survey_results_for_officers


def _results_rows(district: District) -> Iterator[list]:
    periods = EvaluationPeriod.objects.filter(
        district=district, survey_campaigns__isnull=False
    ).distinct()
    for period in periods:
        officers = (
            Officer.objects.filter(survey_campaigns__period=period)
            .select_related("agency")
            .distinct()
            .order_by("last_name", "first_name")
        )
        results = survey_results_for_officers(officer_ids=[o.pk for o in officers], period=period)
        for officer in officers:
            for group in results[officer.pk].groups.values():
                for q in group.questions:
                    yield [
                        period.name,
                        officer.agency.code,
                        officer.badge_number,
                        group.group,
                        None if group.suppressed else group.respondents,
                        q.code,
                        q.n,
                        q.mean,
                        q.percent_favourable,
                        q.suppressed,
                    ]


def _rate_rows(district: District) -> Iterator[list]:
    for campaign in Campaign.objects.filter(district=district).prefetch_related(
        "groups", "schools"
    ):
        for rate in campaign_response_rates(campaign=campaign):
            yield [
                campaign.name,
                rate.group,
                rate.school_name,
                rate.codes_issued,
                rate.late_codes,
                rate.responses_label,
            ]


def district_tables(district: District) -> list:
    return [
        (
            "campaigns",
            ["name", "period", "opens_on", "closes_on"],
            Campaign.objects.filter(district=district).values_list(
                "name", "period__name", "opens_on", "closes_on"
            ),
        ),
        (
            "questions",
            ["template", "group", "version", "position", "code", "kind", "text_en", "text_es"],
            (
                [
                    q.template.name,
                    q.template.group,
                    q.template.version,
                    q.position,
                    q.code,
                    q.kind,
                    q.text.get("en", ""),
                    q.text.get("es", ""),
                ]
                for q in Question.objects.filter(template__district=district).select_related(
                    "template"
                )
            ),
        ),
        (
            "code_batches",
            ["campaign", "group", "school", "count", "issued_on"],
            (
                [
                    b.campaign_group.campaign.name,
                    b.campaign_group.group,
                    b.school.code,
                    b.count,
                    b.created_at.date(),
                ]
                for b in CodeBatch.objects.filter(
                    campaign_group__campaign__district=district
                ).select_related("campaign_group__campaign", "school")
            ),
        ),
        (
            "response_rates",
            [
                "campaign",
                "group",
                "school",
                "codes_issued",
                "late_codes",
                "responses_in_steps_of_k",
            ],
            _rate_rows(district),
        ),
        (
            "results",
            [
                "period",
                "agency",
                "badge_number",
                "group",
                "respondents",
                "question",
                "n",
                "mean",
                "percent_favourable",
                "suppressed",
            ],
            _results_rows(district),
        ),
    ]
