"""The exact disclosure audit (ARCHITECTURE.md, anonymity invariant 4).

For one person it gathers every survey figure they can see — through the same
selectors the pages, the API, the exports and the packets use — and writes
(``surveys.disclosure.constraints``) what a reader who knows the published rule
learns from them as integer constraints over
the true, stored counts: per cell (one release's respondents from one school and
group about one officer) its respondents and, per question, the count of each
answer value. Then an exact solver (``surveys.disclosure.solver``, SciPy's HiGHS)
finds the smallest and largest value every *protected* count could take. A count
is protected when it comes from fewer than k on-time respondents; the audit
decides that itself from the stored counts, not from the selector's own rule, so a
selector that shows or adds up more than the rule says is caught: either the
constraints pin a protected count, or the true counts contradict the published
rule (the figures are inconsistent) — both are findings.

The reader is assumed strong: they know which cells are shown, hidden or empty,
every rule in docs/surveys.md, how many codes (on time and late) were issued where,
and that every response answers at least one question about one officer. They
can't tell a hidden cell from an empty one: the product shows both alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count

from roster.models import District, EvaluationPeriod, Membership
from surveys import permissions, selectors
from surveys.disclosure.constraints import FigureConstraints, group_figures
from surveys.disclosure.problem import InfeasibleError, Range
from surveys.disclosure.solver import pinned
from surveys.models import AccessCode, Campaign
from surveys.selectors.released import Released, released_load
from surveys.selectors.results import OfficerSurveyResults, SchoolSurveyResults


@dataclass(frozen=True)
class Finding:
    """A protected count that one person's figures pin down (or that contradict the rule)."""

    username: str
    what: str
    value: int | None

    def describe(self) -> str:
        if self.value is None:
            return f"{self.username}: {self.what}"
        return f"{self.username} can tell that {self.what} is {self.value}"


def _codes_issued(period: EvaluationPeriod) -> dict[tuple[int, int, str], tuple[int, int]]:
    """Codes issued per (release, school, group) of the period's releases: (on time, late)."""
    rows = (
        AccessCode.objects.filter(
            campaign_group__campaign__period=period, campaign_group__campaign__release__isnull=False
        )
        .values_list(
            "campaign_group__campaign__release", "school_id", "campaign_group__group", "late"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    codes: dict[tuple[int, int, str], list[int]] = defaultdict(lambda: [0, 0])
    for release, school, group, late, n in rows:
        codes[(release, school, group)][1 if late else 0] += n
    return {key: (on_time, late) for key, (on_time, late) in codes.items()}


@dataclass(frozen=True)
class RoleView:
    """Every survey figure one person sees for one period, as the selectors hand them out."""

    username: str
    officers: dict[int, OfficerSurveyResults]
    schools: dict[int, SchoolSurveyResults]
    # (release, school, group) -> the response step shown (low, high)
    response_steps: dict[tuple[int, int, str], tuple[int, int]]


def audit_view(
    released: Released,
    codes: dict[tuple[int, int, str], tuple[int, int]],
    view: RoleView,
    period_name: str,
) -> list[Finding]:
    """The findings for one person's view of one period's releases (no database).

    ``codes``: the codes issued per (release, school, group), (on time, late).
    """
    model = FigureConstraints(released, codes)
    for officer, result in view.officers.items():
        for group in result.groups.values():
            group_figures(model, ("o", officer), group, f"officer {officer}")
            model.comments_figure(
                officer,
                group.group,
                len(group.comments),
                f"officer {officer} {group.group}: comments",
            )
        if result.all_groups is not None:
            group_figures(model, ("o", officer), result.all_groups, f"officer {officer}")
    for school, school_result in view.schools.items():
        for group in school_result.groups.values():
            group_figures(model, ("s", school), group, f"school {school}")
    for key, (low, high) in view.response_steps.items():
        model.response_step(key, low, high, f"response rate {key}")
    try:
        found: list[Range] = pinned(model.problem)
    except InfeasibleError as error:
        return [
            Finding(
                view.username,
                f"the figures of {period_name} don't follow the published rule ({error})",
                None,
            )
        ]
    return [Finding(view.username, f"{period_name}: {r.target.why}", r.low) for r in found]


def _role_view(user: User, period: EvaluationPeriod) -> RoleView:
    """Gathered through the same selectors the pages, API, exports and packets use."""
    officers = [o.pk for o in selectors.officers_with_results(user=user, period=period)]
    schools: dict[int, SchoolSurveyResults] = {}
    if permissions.can_read_school_results(user=user):
        ids = [s.pk for s in selectors.schools_with_results(user=user, period=period)]
        schools = selectors.survey_results_for_schools(school_ids=ids, period=period)
    release_of = dict(
        Campaign.objects.filter(period=period, release__isnull=False).values_list("pk", "release")
    )
    steps = {}
    for campaign in (
        selectors.campaigns_managed(user=user).filter(pk__in=release_of).select_related("district")
    ):
        for rate in selectors.campaign_response_rates(campaign=campaign):
            steps[(release_of[campaign.pk], rate.school_id, rate.group)] = (
                rate.responses_low,
                rate.responses_high,
            )
    return RoleView(
        user.username,
        selectors.survey_results_for_officers(officer_ids=officers, period=period),
        schools,
        steps,
    )


def _period_findings(user: User, period: EvaluationPeriod) -> list[Finding]:
    released = released_load(period=period)
    if not released.release_ids:
        return []
    return audit_view(released, _codes_issued(period), _role_view(user, period), period.name)


def disclosure_audit_user(*, user: User, district: District) -> list[Finding]:
    """Every protected count this person's figures pin down, in every period of ``district``."""
    periods = EvaluationPeriod.objects.filter(
        district=district, survey_campaigns__release__isnull=False
    ).distinct()
    findings: list[Finding] = []
    for period in periods:
        findings += _period_findings(user, period)
    return findings


def audited_users(*, district: District, roles: Iterable[str] | None = None) -> list[User]:
    memberships = Membership.objects.filter(district=district, is_active=True, user__is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    ids = memberships.values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def disclosure_audit_district(
    *, district: District, roles: Iterable[str] | None = None
) -> list[Finding]:
    """The audit for every person with an active role in the district (or those of ``roles``)."""
    findings: list[Finding] = []
    for user in audited_users(district=district, roles=roles):
        findings += disclosure_audit_user(user=user, district=district)
    return findings
