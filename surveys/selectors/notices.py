"""Reads for parents' notices: what a notice says, whether a campaign waits for one,
and the opt-outs (names for the school's principal, suppressed counts for the district).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import translation

from roster.models import School
from roster.scoping import scope_for
from surveys.models import (
    AREA_PLAIN_WORDS,
    Campaign,
    CampaignGroup,
    OptOut,
    ParentNotice,
    ProtectedArea,
    Question,
    QuestionKind,
    RespondentGroup,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def template_protected_areas(*, template_id: int) -> list[str]:
    """The PPRA areas a template's questions touch, in the order ProtectedArea lists them."""
    touched: set[str] = set()
    for areas in Question.objects.filter(template_id=template_id).values_list(
        "protected_areas", flat=True
    ):
        touched.update(areas or [])
    return [a for a in ProtectedArea.values if a in touched]


def _student_template_id(campaign_id: int) -> int | None:
    return (
        CampaignGroup.objects.filter(campaign_id=campaign_id, group=RespondentGroup.STUDENT)
        .values_list("template_id", flat=True)
        .first()
    )


def campaign_protected_areas(*, campaign: Campaign) -> list[str]:
    """The areas the campaign's student survey touches ([] when it asks no students)."""
    template_id = _student_template_id(campaign.pk)
    return [] if template_id is None else template_protected_areas(template_id=template_id)


def awaits_notice() -> ExpressionWrapper:
    """For campaign groups: a student group whose template has a question tagged with a
    PPRA area, in a campaign without its parents' notice. One SQL expression, so the
    submit path reads it with the campaign group in the same query."""
    tagged = Question.objects.filter(template_id=OuterRef("template_id")).exclude(
        protected_areas=[]
    )
    noticed = ParentNotice.objects.filter(campaign_id=OuterRef("campaign_id"))
    return ExpressionWrapper(
        Q(group=RespondentGroup.STUDENT) & Exists(tagged) & ~Exists(noticed),
        output_field=BooleanField(),
    )


def campaign_awaits_notice(*, campaign_id: int) -> bool:
    """A student survey touching a protected area, without its parents' notice yet."""
    return bool(
        CampaignGroup.objects.filter(campaign_id=campaign_id, group=RespondentGroup.STUDENT)
        .annotate(waits=awaits_notice())
        .values_list("waits", flat=True)
        .first()
    )


@dataclass(frozen=True)
class NoticeQuestion:
    number: int
    text: str
    choices: list[str]
    areas: list[str]  # in plain words, in the reader's language


@dataclass(frozen=True)
class NoticeContent:
    """Everything a notice page or letter says, in one language."""

    notice: ParentNotice
    language: str
    campaign_name: str
    district_name: str
    opens_on: datetime.date
    closes_on: datetime.date
    deadline: datetime.date
    areas: list[str]
    questions: list[NoticeQuestion]
    schools: list[School]
    note: str

    def is_open_for_opt_outs(self, day: datetime.date) -> bool:
        return day <= self.deadline


def notice_by_token(*, token: str) -> ParentNotice | None:
    """The notice behind a public address (anyone holding it may read the notice)."""
    return (
        ParentNotice.objects.select_related("campaign__district").filter(token=token).first()
        if token
        else None
    )


def notice_content(*, notice: ParentNotice, language: str) -> NoticeContent:
    """The notice in ``language``: every question of the student survey, in that language."""
    with translation.override(language):
        return _notice_content(notice, language)


def _notice_content(notice: ParentNotice, language: str) -> NoticeContent:
    campaign = notice.campaign
    template_id = _student_template_id(campaign.pk)
    questions: list[NoticeQuestion] = []
    touched: set[str] = set()
    if template_id is not None:
        for number, q in enumerate(
            Question.objects.filter(template_id=template_id).order_by("position"), start=1
        ):
            areas = [a for a in ProtectedArea.values if a in (q.protected_areas or [])]
            touched.update(areas)
            choices = (
                [c["text"].get(language) or c["text"]["en"] for c in q.choices]
                if q.kind == QuestionKind.CHOICE
                else []
            )
            questions.append(
                NoticeQuestion(
                    number,
                    q.text_in(language),
                    choices,
                    [str(AREA_PLAIN_WORDS[ProtectedArea(a)]) for a in areas],
                )
            )
    return NoticeContent(
        notice=notice,
        language=language,
        campaign_name=campaign.name,
        district_name=campaign.district.name,
        opens_on=campaign.opens_on,
        closes_on=campaign.closes_on,
        deadline=notice.opt_out_deadline,
        areas=[
            str(AREA_PLAIN_WORDS[ProtectedArea(a)]) for a in ProtectedArea.values if a in touched
        ],
        questions=questions,
        schools=list(campaign.schools.order_by("name")),
        note=notice.note_in(language),
    )


@dataclass(frozen=True)
class OptOutCount:
    school_name: str
    label: str  # the count, or "fewer than k"


def opt_out_counts(*, campaign: Campaign) -> list[OptOutCount]:
    """Opt-outs per school of the campaign, for its coordinator: counts below the
    district's k (zero included) show as "fewer than k", so a count never narrows
    down one family in a small school."""
    k = campaign.district.survey_min_responses
    counted = dict(
        OptOut.objects.filter(notice__campaign=campaign)
        .values_list("school_id")
        .annotate(n=Count("id"))
        .values_list("school_id", "n")
        .order_by()
    )
    return [
        OptOutCount(school.name, _suppressed(counted.get(school.pk, 0), k))
        for school in campaign.schools.order_by("name")
    ]


def _suppressed(count: int, k: int) -> str:
    return str(count) if count >= k else f"fewer than {k}"


@dataclass(frozen=True)
class SchoolOptOuts:
    school: School
    opt_outs: list[OptOut]


def opt_outs_for_principal(
    *, user: User | AnonymousUser, campaign: Campaign
) -> list[SchoolOptOuts]:
    """The opted-out children at the user's schools in the campaign ([] for anyone
    who is principal of none of them)."""
    # The user's principal schools (OptOut.visible_to's scope) that the campaign asks.
    schools = list(campaign.schools.filter(pk__in=scope_for(user).school_ids).order_by("name"))
    rows = OptOut.objects.visible_to(user).filter(notice__campaign=campaign, school__in=schools)
    by_school: dict[int, list[OptOut]] = {s.pk: [] for s in schools}
    for row in rows:
        by_school[row.school_id].append(row)
    return [SchoolOptOuts(s, by_school[s.pk]) for s in schools]


def notices_visible(*, user: User | AnonymousUser) -> QuerySet[ParentNotice]:
    return ParentNotice.objects.visible_to(user).select_related("campaign")
