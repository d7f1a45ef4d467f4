"""Releasing a campaign's results: the only way survey figures reach anyone.

A release is made once, after the campaign has closed, and stores the campaign's
counts per school, group, officer, question and answer value (split by on-time and
late codes) and its comments. From then on the campaign takes no response and no
code, so its figures never move again; a second release has nothing new. Before
the release is kept, the exact disclosure audit checks every figure every person
of the district could then see; if it finds a hidden count that can be pinned
down, the release is refused and nothing is stored.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError
from surveys.disclosure.audit import disclosure_audit_district
from surveys.models import (
    RESPONDENTS_CODE,
    Answer,
    Campaign,
    QuestionKind,
    ReleasedComment,
    ReleasedCount,
    Response,
    SurveyRelease,
    answer_value_key,
)
from surveys.permissions import can_release


class DisclosureAuditFailed(ApplicationError):
    """The audit found figures that would give a hidden count away."""

    def __init__(self, findings: list[str]) -> None:
        shown = "; ".join(findings[:5]) + (
            f"; and {len(findings) - 5} more" if len(findings) > 5 else ""
        )
        super().__init__(
            f"Not released: the disclosure audit found {len(findings)} hidden count(s) that the figures would "
            f"give away ({shown}). Nothing was stored.",
            status=409,
            extra={"findings": findings},
        )
        self.findings = findings


def _counts(release: SurveyRelease) -> list[ReleasedCount]:
    campaign_id = release.campaign_id
    rows: list[ReleasedCount] = []
    answers = (
        Answer.objects.filter(response__campaign_id=campaign_id)
        .values_list(
            "response__school_id",
            "officer_id",
            "response__group",
            "question__code",
            "question__kind",
            "number",
            "choice",
            "response__late",
        )
        .annotate(c=Count("id"))
        .order_by()
    )
    merged: dict[tuple, int] = {}
    for school, officer, group, code, kind, number, choice, late, c in answers:
        key = (school, officer, group, code, answer_value_key(kind, number, choice), late)
        merged[key] = merged.get(key, 0) + c
    rows += [
        ReleasedCount(
            release=release,
            school_id=s,
            officer_id=o,
            group=g,
            question_code=q,
            value=v,
            late=late,
            count=c,
        )
        for (s, o, g, q, v, late), c in merged.items()
    ]
    respondents = (
        Answer.objects.filter(response__campaign_id=campaign_id)
        .values_list("response__school_id", "officer_id", "response__group", "response__late")
        .annotate(c=Count("response_id", distinct=True))
        .order_by()
    )
    rows += [
        ReleasedCount(
            release=release,
            school_id=s,
            officer_id=o,
            group=g,
            question_code=RESPONDENTS_CODE,
            late=late,
            count=c,
        )
        for s, o, g, late, c in respondents
    ]
    schools = (
        Response.objects.filter(campaign_id=campaign_id)
        .values_list("school_id", "group", "late")
        .annotate(c=Count("id"))
        .order_by()
    )
    rows += [
        ReleasedCount(
            release=release,
            school_id=s,
            officer_id=None,
            group=g,
            question_code=RESPONDENTS_CODE,
            late=late,
            count=c,
        )
        for s, g, late, c in schools
    ]
    return rows


def _comments(release: SurveyRelease) -> list[ReleasedComment]:
    texts = (
        Answer.objects.filter(
            response__campaign_id=release.campaign_id, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .values_list("response__school_id", "officer_id", "response__group", "text")
        .order_by("text")
    )
    return [
        ReleasedComment(release=release, school_id=s, officer_id=o, group=g, text=t)
        for s, o, g, t in texts
    ]


def release_create(*, campaign: Campaign, actor: User) -> SurveyRelease:
    """Release the results of a closed campaign, once, if the disclosure audit passes.

    Refused with a clear message, storing nothing: while the campaign is open (a
    figure that moves with each response tells who just answered), a second time
    (nothing new can arrive after a release), with no responses, and when the
    audit finds a hidden count the figures would pin down.
    """
    if not can_release(user=actor, campaign=campaign):
        raise ApplicationError(
            "Only the district's coordinators release survey results.", status=403
        )
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update().select_related("district").get(pk=campaign.pk)
        )
        existing = SurveyRelease.objects.filter(campaign=campaign).first()
        if existing is not None:
            raise ApplicationError(
                f"Nothing new to release: the results of {campaign.name} were released on "
                f"{existing.created_at:%Y-%m-%d}, and a released campaign takes no more responses."
            )
        if today() <= campaign.closes_on:
            raise ApplicationError(
                f"{campaign.name} is open until {campaign.closes_on:%Y-%m-%d}. Results are released once it has "
                "closed, so that no figure can be compared before and after one person's answers."
            )
        if not Response.objects.filter(campaign=campaign).exists():
            raise ApplicationError(f"Nothing to release: nobody answered {campaign.name}.")
        district = campaign.district
        release = SurveyRelease.objects.create(
            campaign=campaign,
            released_by=actor,
            k=max(district.survey_min_responses, campaign.response_step),
            comment_min=max(
                district.comment_min_responses,
                district.survey_min_responses,
                campaign.response_step,
            ),
        )
        ReleasedCount.objects.bulk_create(_counts(release), batch_size=2000)
        ReleasedComment.objects.bulk_create(_comments(release), batch_size=2000)
        findings = disclosure_audit_district(district=campaign.district)
        if findings:
            raise DisclosureAuditFailed([f.describe() for f in findings])
        audit_record(
            actor=actor,
            action="surveys.results_released",
            target=release,
            district=campaign.district,
        )
    return release
