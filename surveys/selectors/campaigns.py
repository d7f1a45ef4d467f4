"""Reads for the people who run surveys and read results (never a single response)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from roster.models import EvaluationPeriod, Officer, Role, School
from roster.scoping import scope_for
from roster.selectors import period_current
from surveys.models import AccessCode, Campaign, Response, SurveyTemplate


def campaigns_visible(*, user) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).select_related("period", "district").prefetch_related("groups")


def campaigns_managed(*, user) -> QuerySet[Campaign]:
    """Campaigns the user may change and issue codes for: their district's, as coordinator."""
    scope = scope_for(user)
    campaigns = campaigns_visible(user=user)
    if scope.is_superuser:
        return campaigns
    return campaigns.filter(district_id__in=scope.coordinator_district_ids)


def templates_visible(*, user) -> QuerySet[SurveyTemplate]:
    return SurveyTemplate.objects.visible_to(user).prefetch_related("questions")


def periods_with_surveys(*, user) -> QuerySet[EvaluationPeriod]:
    return EvaluationPeriod.objects.visible_to(user).filter(survey_campaigns__isnull=False).distinct()


def period_for_results(*, user, period_id: str | int | None) -> EvaluationPeriod | None:
    """The period asked for (in scope), else the current one of the user's district."""
    periods = EvaluationPeriod.objects.visible_to(user).select_related("district")
    if period_id:
        return periods.filter(pk=period_id).first() if str(period_id).isdigit() else None
    latest = periods.filter(survey_campaigns__isnull=False).order_by("-start_date").first()
    if latest is not None:
        return latest
    first = periods.first()
    return period_current(district=first.district) if first else None


def officers_with_results(*, user, period: EvaluationPeriod) -> QuerySet[Officer]:
    return (
        Officer.objects.visible_to(user)
        .filter(survey_campaigns__period=period)
        .select_related("agency")
        .distinct()
        .order_by("last_name", "first_name")
    )


def schools_with_results(*, user, period: EvaluationPeriod) -> QuerySet[School]:
    """School results are for coordinators (district) and principals (their schools)."""
    scope = scope_for(user)
    schools = School.objects.visible_to(user).filter(survey_campaigns__period=period)
    if not scope.is_superuser:
        schools = schools.filter(Q(district_id__in=scope.coordinator_district_ids) | Q(pk__in=scope.school_ids))
    return schools.distinct().order_by("name")


def can_read_school_results(*, user) -> bool:
    return scope_for(user).has_role(Role.COORDINATOR, Role.PRINCIPAL)


@dataclass(frozen=True)
class ResponseRate:
    group: str
    group_label: str
    school_id: int
    school_name: str
    codes_issued: int
    codes_used: int
    responses: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.codes_used / self.codes_issued, 1) if self.codes_issued else None


def campaign_response_rates(*, campaign: Campaign) -> list[ResponseRate]:
    """Participation per group and school: counts of codes and responses only.

    These say how many took part, never what anyone answered, so they are shown
    as they are (they can't be matched to answers: a response has no code link).
    """
    issued = {
        (row["campaign_group__group"], row["school_id"]): row
        for row in AccessCode.objects.filter(campaign_group__campaign=campaign)
        .values("campaign_group__group", "school_id")
        .annotate(issued=Count("id"), used=Count("id", filter=Q(spent=True)))
        .order_by()
    }
    responses = {
        (row["group"], row["school_id"]): row["n"]
        for row in Response.objects.filter(campaign=campaign).values("group", "school_id").annotate(n=Count("id")).order_by()
    }
    schools = {s.pk: s.name for s in campaign.schools.all()}
    rows = []
    for group in campaign.groups.all():
        for school_id, school_name in sorted(schools.items(), key=lambda item: item[1]):
            key = (group.group, school_id)
            codes = issued.get(key, {})
            rows.append(ResponseRate(
                group.group, group.get_group_display(), school_id, school_name,
                codes.get("issued", 0), int(codes.get("used") or 0), responses.get(key, 0),
            ))
    return rows
