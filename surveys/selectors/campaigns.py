"""Reads for the people who run surveys and read results (never a single response)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from roster.models import EvaluationPeriod, Officer, School
from roster.scoping import scope_for
from roster.selectors import period_current
from surveys.models import AccessCode, Campaign, CodeBatch, Response, SurveyTemplate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def campaigns_visible(*, user: User | AnonymousUser) -> QuerySet[Campaign]:
    return (
        Campaign.objects.visible_to(user)
        .select_related("period", "district", "release__released_by")
        .prefetch_related("groups")
    )


def campaigns_managed(*, user: User | AnonymousUser) -> QuerySet[Campaign]:
    """Campaigns the user may change and issue codes for: their district's, as coordinator."""
    scope = scope_for(user)
    campaigns = campaigns_visible(user=user)
    if scope.is_superuser:
        return campaigns
    return campaigns.filter(district_id__in=scope.coordinator_district_ids)


def templates_visible(*, user: User | AnonymousUser) -> QuerySet[SurveyTemplate]:
    return SurveyTemplate.objects.visible_to(user).prefetch_related("questions")


def periods_with_surveys(*, user: User | AnonymousUser) -> QuerySet[EvaluationPeriod]:
    return (
        EvaluationPeriod.objects.visible_to(user).filter(survey_campaigns__isnull=False).distinct()
    )


def period_for_results(
    *, user: User | AnonymousUser, period_id: str | int | None
) -> EvaluationPeriod | None:
    """The period asked for (in scope), else the current one of the user's district."""
    periods = EvaluationPeriod.objects.visible_to(user).select_related("district")
    if period_id:
        return periods.filter(pk=period_id).first() if str(period_id).isdigit() else None
    latest = periods.filter(survey_campaigns__isnull=False).order_by("-start_date").first()
    if latest is not None:
        return latest
    first = periods.first()
    return period_current(district=first.district) if first else None


def officers_with_results(
    *, user: User | AnonymousUser, period: EvaluationPeriod
) -> QuerySet[Officer]:
    return (
        Officer.objects.visible_to(user)
        .filter(survey_campaigns__period=period)
        .select_related("agency")
        .distinct()
        .order_by("last_name", "first_name")
    )


def schools_with_results(
    *, user: User | AnonymousUser, period: EvaluationPeriod
) -> QuerySet[School]:
    """School results are for coordinators (district) and principals (their schools)."""
    scope = scope_for(user)
    schools = School.objects.visible_to(user).filter(survey_campaigns__period=period)
    if not scope.is_superuser:
        schools = schools.filter(
            Q(district_id__in=scope.coordinator_district_ids) | Q(pk__in=scope.school_ids)
        )
    return schools.distinct().order_by("name")


@dataclass(frozen=True)
class ResponseRate:
    """Participation of one group at one school, in steps of k (see below)."""

    group: str
    group_label: str
    school_id: int
    school_name: str
    codes_issued: int
    late_codes: int
    responses_low: int
    responses_high: int

    @property
    def responses_label(self) -> str:
        if self.responses_high == 0:
            return "0"
        if self.responses_low == 0:
            return f"fewer than {self.responses_high + 1}"
        if self.responses_low == self.responses_high:
            return str(self.responses_low)
        return f"{self.responses_low}-{self.responses_high}"

    @property
    def percent(self) -> float | None:
        """The share of on-time codes used, at least (from the lower end of the step);
        None below one step, where "at least 0%" would read as "nobody"."""
        on_time = self.codes_issued - self.late_codes
        return (
            round(100 * self.responses_low / on_time, 1) if on_time and self.responses_low else None
        )


def response_count_step(n: int, k: int, codes: int | None = None) -> tuple[int, int]:
    """``n`` as the step of k it falls in: (low, high), low a multiple of k, high
    never above the ``codes`` that could have been used."""
    low = (n // k) * k
    high = low + k - 1
    return low, high if codes is None else min(high, codes)


def campaign_response_rates(*, campaign: Campaign) -> list[ResponseRate]:
    """Participation per group and school: codes issued, and on-time responses in steps of
    the campaign's response step (the district's k when it was made; fixed, because
    steps of two sizes read at two times would intersect to an exact count).

    Exact response counts would say, between two reads, at which school and in
    which group one person just answered, and a group's exact size beside its
    hidden figures; so responses are shown only as the step of k they fall in
    (0-4, 5-9, ... with k = 5), open or released (anonymity invariant 3). Codes
    issued are exact: they say nothing about who answered. Late codes (issued
    after the first day) are shown, as invariant 5 asks; their responses are not
    counted here (with the late codes' number as an upper bound, a step reaching k
    would pin a small group that has one).
    """
    step = campaign.response_step
    issued = {
        (row["campaign_group__group"], row["school_id"]): row
        for row in AccessCode.objects.filter(campaign_group__campaign=campaign)
        .values("campaign_group__group", "school_id")
        .annotate(issued=Count("id"), late=Count("id", filter=Q(late=True)))
        .order_by()
    }
    responses = {
        (row["group"], row["school_id"]): row["n"]
        for row in Response.objects.filter(campaign=campaign, late=False)
        .values("group", "school_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    schools = {s.pk: s.name for s in campaign.schools.all()}
    rows = []
    for group in campaign.groups.all():
        for school_id, school_name in sorted(schools.items(), key=lambda item: item[1]):
            key = (group.group, school_id)
            codes = issued.get(key, {})
            low, high = response_count_step(
                responses.get(key, 0), step, codes.get("issued", 0) - codes.get("late", 0)
            )
            rows.append(
                ResponseRate(
                    group.group,
                    group.get_group_display(),
                    school_id,
                    school_name,
                    codes.get("issued", 0),
                    codes.get("late", 0),
                    low,
                    high,
                )
            )
    return rows


def late_code_batches(*, campaign: Campaign) -> QuerySet[CodeBatch]:
    """Code batches issued after the campaign's first day: who, when, how many, where."""
    return (
        CodeBatch.objects.filter(campaign_group__campaign=campaign, codes__late=True)
        .select_related("campaign_group", "school", "issued_by")
        .distinct()
        .order_by("created_at")
    )
