"""Survey factories and helpers: campaigns made through the services, responses
submitted through ``response_submit`` (the only way a response exists)."""

from __future__ import annotations

import datetime
import random

from core.dates import today
from roster.models import EvaluationPeriod, Membership, Officer, Role, School
from surveys.models import Campaign, RespondentGroup, SurveyRelease, SurveyTemplate
from surveys.selectors.notices import campaign_awaits_notice
from surveys.services import (
    campaign_create,
    codes_issue,
    release_create,
    response_submit,
    templates_install_default,
)
from tests.factories.roster import coordinator_of
from tests.scoping import out_of_scope


def make_campaign(
    *,
    period: EvaluationPeriod,
    schools: list[School],
    officers: list[Officer],
    groups: list[str] | None = None,
    name: str | None = None,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    actor=None,
    with_notice: bool = True,
) -> Campaign:
    day = today()
    campaign = campaign_create(
        district=period.district,
        period=period,
        name=name or f"Survey {Campaign.objects.count() + 1}",
        # Opening today: codes issued on the first day are on time (not late).
        opens_on=opens_on or day,
        closes_on=closes_on or day + datetime.timedelta(days=21),
        schools=schools,
        officers=officers,
        groups=groups or list(RespondentGroup.values),
        actor=actor,
    )
    if (
        with_notice
        and campaign.closes_on >= day
        and campaign_awaits_notice(campaign_id=campaign.pk)
    ):
        # A student survey touching a PPRA area opens only with its parents' notice
        # (a campaign made already closed can't get one: its deadline would be past).
        make_notice(campaign)
    return campaign


def close_campaign(campaign: Campaign) -> Campaign:
    """Let the campaign's last day pass (as if time went by): it closed yesterday."""
    yesterday = today() - datetime.timedelta(days=1)
    campaign.opens_on = min(campaign.opens_on, yesterday)
    campaign.closes_on = yesterday
    campaign.save(update_fields=["opens_on", "closes_on", "updated_at"])
    return campaign


def release_results(campaign: Campaign, *, actor=None) -> SurveyRelease:
    """Close the campaign and release its results, as the district's coordinator."""
    close_campaign(campaign)
    if actor is None:
        existing = Membership.objects.filter(
            district=campaign.district, role=Role.COORDINATOR, is_active=True
        ).first()
        actor = existing.user if existing else coordinator_of(campaign.district)
    return release_create(campaign=campaign, actor=actor)


def issue_codes(campaign: Campaign, group: str, school: School, count: int = 1) -> list[str]:
    return list(
        codes_issue(campaign=campaign, group=group, school=school, count=count, actor=None).codes
    )


def agree_answers(
    officer: Officer, value: int, *, comment: str = "", extra: dict | None = None
) -> list[dict]:
    answers = [
        {"officer": officer.pk, "question": "fair_treatment", "value": value},
        {"officer": officer.pk, "question": "respect", "value": value},
    ]
    if comment:
        answers.append({"officer": officer.pk, "question": "comment", "value": comment})
    for code, v in (extra or {}).items():
        answers.append({"officer": officer.pk, "question": code, "value": v})
    return answers


def submit_many(
    campaign: Campaign,
    group: str,
    school: School,
    officer: Officer,
    count: int,
    *,
    values: list[int] | None = None,
    comment: str = "",
    language: str = "en",
) -> None:
    """``count`` responses about ``officer``; ``values`` cycles agree-scale answers."""
    values = values or [4]
    for i, code in enumerate(issue_codes(campaign, group, school, count)):
        text = f"{comment} {i}" if comment else ""
        response_submit(
            code=code,
            language=language,
            answers=agree_answers(officer, values[i % len(values)], comment=text),
        )


def random_answers(officer: Officer, rng: random.Random) -> list[dict]:
    return agree_answers(officer, rng.randint(1, 5))


@out_of_scope(Campaign)
def _campaign(world) -> Campaign:
    return make_campaign(
        period=world.other_period, schools=[world.other_school], officers=[world.other_officer]
    )


@out_of_scope(SurveyTemplate)
def _template(world) -> SurveyTemplate:
    return templates_install_default(district=world.other_district, actor=None)[
        RespondentGroup.STUDENT
    ]


def make_notice(campaign: Campaign, *, actor=None, deadline: datetime.date | None = None, **fields):
    """The campaign's parents' notice, through the service (deadline: the survey's last day)."""
    from surveys.services.notices import notice_save

    values = {
        "contact_name": "Dana Whitfield, family liaison",
        "contact_email": "families@example.org",
        "contact_phone": "555-0100",
        **fields,
    }
    return notice_save(
        campaign=campaign, actor=actor, opt_out_deadline=deadline or campaign.closes_on, **values
    )


def tag_student_questions(campaign: Campaign, areas: dict[str, list[str]]) -> None:
    """Tag questions of the campaign's student template with PPRA areas (by question code)."""
    from surveys.models import CampaignGroup, Question

    template_id = CampaignGroup.objects.get(
        campaign=campaign, group=RespondentGroup.STUDENT
    ).template_id
    for code, tagged in areas.items():
        assert Question.objects.filter(template_id=template_id, code=code).update(
            protected_areas=tagged
        ), code


def untag_student_questions(campaign: Campaign) -> None:
    """Clear every PPRA tag of the campaign's student template (the default bank tags some):
    a campaign as it was before its questions were tagged."""
    from surveys.models import CampaignGroup, Question

    template_id = CampaignGroup.objects.get(
        campaign=campaign, group=RespondentGroup.STUDENT
    ).template_id
    Question.objects.filter(template_id=template_id).update(protected_areas=[])
