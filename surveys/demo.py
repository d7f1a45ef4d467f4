"""Demo surveys: a released campaign with ~300 responses, and an open check-in with printed codes.

Responses go through ``response_submit`` like any other. One group is kept small
on purpose (families at North Alternative Campus, peers at Lincoln High) so the
results pages show suppression at work. Loading twice changes nothing: the
campaigns are keyed by their names, and codes come from seeded generators.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from core.dates import today
from roster.demo import DemoContext
from roster.models import Assignment, EvaluationPeriod
from surveys import codes as code_format
from surveys.code_slips import CodeSlipsRenderer
from surveys.models import Campaign, Question, QuestionKind, RespondentGroup, Response
from surveys.services import (
    ballot_for_code,
    ballot_officer_ids,
    campaign_create,
    codes_issue,
    release_create,
    response_submit,
)
from surveys.services.notices import notice_save

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STUDENT, FAMILY, STAFF, PEER = RespondentGroup.values
# Respondents per school and group; the small ones show suppression.
SIZES = {STUDENT: 24, FAMILY: 10, STAFF: 8}
SMALL = {("NAC", FAMILY): 3, ("SES", STUDENT): 0, ("RHS", PEER): 6, ("LHS", PEER): 3}
# The year before: a small students-only campaign, so the packets show a prior period
# and trends without doubling the demo's load time (the release's disclosure audit
# grows with the cells it checks).
PRIOR_SIZES = {STUDENT: 10}
TRY_SCHOOL, TRY_GROUP, TRY_SEED, TRY_COUNT = "RHS", STUDENT, 5360, 6
COMMENTS = [
    ("en", "Always says hello in the hallway."),
    ("en", "Helped calm down a fight without arresting anyone."),
    ("en", "I wish the officer explained more about what they do here."),
    ("es", "Mi hija se siente segura con el oficial."),
    ("es", "El oficial habla con respeto a los padres."),
    ("en", "Sometimes gets involved in things teachers should handle."),
]


def _try_codes() -> list[str]:
    """The demo's unused student codes, the same on every run (a seeded generator)."""
    rng = random.Random(TRY_SEED)
    return [code_format.generate(rng) for _ in range(TRY_COUNT)]


def _answers(
    officer_ids: list[int], questions: list[Question], rng: random.Random
) -> Iterator[dict]:
    for officer in officer_ids:
        if rng.random() > 0.85:
            continue  # doesn't know this officer
        lean = 3 + (officer % 3)  # some officers are seen more favourably than others
        for q in questions:
            if rng.random() > 0.92:
                continue
            value: int | str
            if q.kind == QuestionKind.AGREE:
                value = max(1, min(5, round(rng.gauss(lean, 1))))
            elif q.kind == QuestionKind.YES_NO:
                value = "yes" if rng.random() < 0.7 else "no"
            elif q.kind == QuestionKind.CHOICE:
                value = rng.choice(q.choice_values())
            elif rng.random() < 0.3:
                value = rng.choice(COMMENTS)[1]
            else:
                continue
            yield {"officer": officer, "question": q.code, "value": value}


def _write_slips(campaign: Campaign, school_name: str) -> str:
    path = settings.VAR_DIR / "demo-survey-codes.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    renderer = CodeSlipsRenderer(
        campaign_name=campaign.name,
        school_name=school_name,
        group=TRY_GROUP,
        survey_url="http://127.0.0.1:8000/s/",
        closes_on=campaign.closes_on,
    )
    path.write_bytes(renderer.render(_try_codes()))
    return str(path)


def _notify_parents(campaign: Campaign, coordinator: User) -> None:
    """The parents' notice a student survey with PPRA-tagged questions needs before it opens."""
    notice_save(
        campaign=campaign,
        actor=coordinator,
        opt_out_deadline=campaign.opens_on + datetime.timedelta(days=7),
        contact_name="Student Services Office",
        contact_email="student.services@riverside.example.org",
        contact_phone="555-0140",
    )


def _released_campaign(
    context: DemoContext,
    period: EvaluationPeriod,
    name: str,
    schools: list,
    coordinator: User,
    sizes: dict[str, int],
) -> Campaign:
    """Last season's campaign: answered, closed and released (the results pages read it).

    It is made as it would have run — opened, its codes printed on the first day,
    answered — and then its dates are moved back into the past, as if the weeks had
    gone by, before its results are released through the disclosure audit. A past
    period's campaign is moved back into that period.
    """
    district = context.district
    day = today()
    campaign = campaign_create(
        district=district,
        period=period,
        name=name,
        opens_on=day,
        closes_on=day + datetime.timedelta(days=21),
        schools=schools,
        officers=list(context.officers.values()),
        groups=list(sizes),
        actor=coordinator,
    )
    _notify_parents(campaign, coordinator)
    rng = random.Random(360 if period == context.period else 361)
    questions = {
        g.group: list(g.template.questions.all())
        for g in campaign.groups.select_related("template")
    }
    for code, school in sorted(context.schools.items()):
        if school not in schools:
            continue
        for group in sizes:
            size = SMALL.get((code, group), sizes[group])
            if not size:
                continue
            issued = codes_issue(
                campaign=campaign,
                group=group,
                school=school,
                count=size,
                actor=coordinator,
                rng=rng,
            )
            officer_ids = ballot_officer_ids(ballot=ballot_for_code(code=issued.codes[0]))
            for one in issued.codes:
                answers = list(_answers(officer_ids, questions[group], rng))
                if not answers:
                    answers = [
                        {
                            "officer": officer_ids[0],
                            "question": questions[group][0].code,
                            "value": 4,
                        }
                    ]
                language = "es" if rng.random() < 0.3 else "en"
                response_submit(code=one, language=language, answers=answers)
    closes_on = min(day, period.end_date) - datetime.timedelta(days=15)
    campaign.opens_on = closes_on - datetime.timedelta(days=30)
    campaign.closes_on = closes_on
    campaign.save(update_fields=["opens_on", "closes_on", "updated_at"])
    release_create(campaign=campaign, actor=coordinator)
    return campaign


@transaction.atomic
def load_demo(context: DemoContext) -> str:
    district, period = context.district, context.period
    name = f"{period.name} SRO feedback"
    open_name = f"{period.name} check-in"
    campaign = Campaign.objects.filter(district=district, name=name).first()
    coordinator = context.users["coordinator"]
    school_ids = set(
        Assignment.objects.filter(school__district=district).values_list("school_id", flat=True)
    )
    schools = [s for s in context.schools.values() if s.pk in school_ids]
    if campaign is None:
        campaign = _released_campaign(
            context, period, name, schools, coordinator, {**SIZES, PEER: 0}
        )
    previous = context.previous_period
    prior_name = f"{previous.name} SRO feedback"
    if not Campaign.objects.filter(district=district, name=prior_name).exists():
        _released_campaign(context, previous, prior_name, schools, coordinator, PRIOR_SIZES)
    check_in = Campaign.objects.filter(district=district, name=open_name).first()
    if check_in is None:
        day = today()
        check_in = campaign_create(
            district=district,
            period=period,
            name=open_name,
            opens_on=day,
            closes_on=day + datetime.timedelta(days=30),
            schools=schools,
            officers=list(context.officers.values()),
            groups=RespondentGroup.values,
            actor=coordinator,
        )
        _notify_parents(check_in, coordinator)
        codes_issue(
            campaign=check_in,
            group=TRY_GROUP,
            school=context.schools[TRY_SCHOOL],
            count=TRY_COUNT,
            actor=coordinator,
            rng=random.Random(TRY_SEED),
        )
    path = _write_slips(check_in, context.schools[TRY_SCHOOL].name)
    context.notes.append(
        f"\nSurveys: answer the open check-in at http://127.0.0.1:8000/s/ with an unused {TRY_SCHOOL} student code, "
        f"e.g. {', '.join(_try_codes()[:3])} (all six printed in {path}). Its results are released after it "
        f"closes; the results pages show last season's released campaign."
    )
    stored = Response.objects.filter(campaign=campaign).count()
    return f"campaign {campaign.name!r} with {stored} anonymous responses, released; codes printed to {path}"
