"""What the SECURe self-assessment reads of a district's surveys (docs/contracts.md):
which respondent groups a year's campaigns asked, and which were released. Counts of
campaigns only, never of responses: nothing here touches the anonymity invariants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from surveys.models import CampaignGroup, RespondentGroup


@dataclass(frozen=True)
class SurveyGroupCoverage:
    group: str
    label: str
    campaigns: int  # the year's campaigns that asked this group
    released: int  # of those, the ones whose results are released


def survey_coverage_for_district(
    *, district_id: int, period_id: int
) -> tuple[SurveyGroupCoverage, ...]:
    """Every respondent group, in the order of ``RespondentGroup``, with zeros for a group
    no campaign asked. One query."""
    rows = {
        row["group"]: row
        for row in CampaignGroup.objects.filter(
            campaign__district_id=district_id, campaign__period_id=period_id
        )
        .order_by()
        .values("group")
        .annotate(
            campaigns=Count("campaign", distinct=True),
            released=Count("campaign", filter=Q(campaign__release__isnull=False), distinct=True),
        )
    }
    return tuple(
        SurveyGroupCoverage(
            group=value,
            label=label,
            campaigns=rows[value]["campaigns"] if value in rows else 0,
            released=rows[value]["released"] if value in rows else 0,
        )
        for value, label in RespondentGroup.choices
    )
