"""The demo's rubric and evaluations: one in every state, with a low de-escalation rating.

At Lincoln High (LHS) the demo principal has evaluated Luis Lee (the demo officer)
through to a disagreeing acknowledgement, and Luis Patel (submitted, waiting for the
supervisor); HCSO's Luis Turner has no evaluation yet. The coordinator's evaluations at
other schools cover draft, returned and reviewed. Everything is keyed by officer, school and period,
so a second load finds what the first made and changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from core.dates import today
from evaluations.models import Evaluation, EvaluationStatus
from evaluations.services import evaluation_evidence as evidence
from evaluations.services import evaluations as services
from evaluations.services import signatures
from evaluations.services.rubrics import rubric_load_default
from roster.demo import DemoContext

if TYPE_CHECKING:
    from evaluations.models import Rubric
    from roster.models import EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ALL_PROFICIENT = 3

# (agency, badge, school, final status, levels that differ from Proficient, commendations)
PLAN = [
    (
        "MCPD",
        "4113",
        "LHS",
        EvaluationStatus.ACKNOWLEDGED,
        {"de_escalation": 1, "role_clarity": 2, "relationships_mentoring": 4},
        "Started a lunchtime mentoring group for ninth graders that students ask to join.",
    ),
    (
        "MCPD",
        "4217",
        "LHS",
        EvaluationStatus.SUBMITTED,
        {"alternatives_to_arrest": 4, "communication": 4},
        "Built a diversion partnership with the youth court.",
    ),
    ("MCPD", "4204", "RHS", EvaluationStatus.REVIEWED, {"civil_rights": 2}, ""),
    ("MCPD", "4126", "WMS", EvaluationStatus.RETURNED, {"de_escalation": 2}, ""),
    ("MCPD", "4139", "EMS", EvaluationStatus.DRAFT, {}, ""),
]
# The year before: signed and reviewed, so the packets of the
# current period have a prior period to set the officer beside.
PRIOR_PLAN = [
    (
        "MCPD",
        "4113",
        "LHS",
        EvaluationStatus.ACKNOWLEDGED,
        {"de_escalation": 2, "role_clarity": 2, "communication": 2},
        "",
    ),
    ("MCPD", "4217", "LHS", EvaluationStatus.REVIEWED, {"communication": 4}, ""),
    ("MCPD", "4204", "RHS", EvaluationStatus.REVIEWED, {}, ""),
]
EVIDENCE = {
    1: "Observed on {day}: escalated a verbal conflict in the cafeteria by issuing commands and "
    "handcuffing a student who was walking away; the assistant principal had asked for time to talk.",
    4: "Observed on {day}: consistently resolved incidents without enforcement; staff and counsellors "
    "describe the officer's approach as a model for the building.",
}


def _evaluator(context: DemoContext, school_code: str) -> User:
    # Schools other than LHS have no demo principal; the coordinator (who may evaluate
    # anywhere in the district) writes theirs, so the demo adds no logins.
    return context.users["principal" if school_code == "LHS" else "coordinator"]


@transaction.atomic
def load_demo(context: DemoContext) -> str:
    rubric = rubric_load_default(district=context.district, actor=context.users["coordinator"])
    made = sum(
        _evaluate(context, rubric, context.previous_period, plan) for plan in PRIOR_PLAN
    ) + sum(_evaluate(context, rubric, context.period, plan) for plan in PLAN)
    if not made:
        return f"{rubric} and {len(PLAN) + len(PRIOR_PLAN)} evaluations already loaded"
    return (
        f"{rubric}; {made} evaluations (draft, returned, submitted, reviewed, acknowledged; "
        f"{len(PRIOR_PLAN)} in {context.previous_period.name})"
    )


def _evaluate(context: DemoContext, rubric: Rubric, period: EvaluationPeriod, plan: tuple) -> bool:
    """One planned evaluation taken to its final status; False when it exists already."""
    agency, badge, school_code, final, levels, commendations = plan
    supervisor = context.users["supervisor"]
    observed = min(period.start_date + datetime.timedelta(days=30), today())
    officer = context.officers[(agency, badge)]
    school = context.schools[school_code]
    if Evaluation.objects.filter(officer=officer, school=school, period=period).exists():
        return False
    principal = _evaluator(context, school_code)
    evaluation = services.evaluation_start(
        officer=officer, school=school, period=period, evaluator=principal, rubric=rubric
    )
    if final == EvaluationStatus.DRAFT:
        services.evaluation_update(
            evaluation=evaluation,
            actor=principal,
            expected_version=evaluation.version,
            ratings={"de_escalation": {"level": 3, "evidence": "Calm at the spring dance."}},
        )
        return True
    day = observed.isoformat()
    ratings = {
        c.code: {
            "level": levels.get(c.code, ALL_PROFICIENT),
            "evidence": EVIDENCE.get(
                levels.get(c.code, ALL_PROFICIENT), "Observed during weekly walk-throughs."
            ).format(day=day),
        }
        for c in rubric.competencies.all()
    }
    evaluation = services.evaluation_update(
        evaluation=evaluation,
        actor=principal,
        expected_version=evaluation.version,
        ratings=ratings,
        commendations=commendations,
    )
    evidence.evaluation_note_add(
        evaluation=evaluation,
        actor=principal,
        observed_on=observed,
        text="Walk-through at arrival and lunch; spoke with the counsellor about two referrals.",
    )
    evaluation = signatures.evaluation_submit(evaluation=evaluation, actor=principal)
    if final == EvaluationStatus.RETURNED:
        signatures.evaluation_return(
            evaluation=evaluation,
            actor=supervisor,
            reason="The de-escalation rating needs the date and details of the incident it refers to.",
        )
        return True
    if final == EvaluationStatus.SUBMITTED:
        return True
    evaluation = signatures.evaluation_review(
        evaluation=evaluation,
        actor=supervisor,
        comment="Discussed with the officer; training scheduled.",
    )
    if final == EvaluationStatus.ACKNOWLEDGED:
        disagrees = period == context.period
        signatures.evaluation_acknowledge(
            evaluation=evaluation,
            actor=context.users["officer"],  # the demo officer's login (4113) is the only one
            agrees=not disagrees,
            response="The cafeteria incident involved a student who had threatened another; "
            "I restrained him for the other student's safety, and I ask that this be noted."
            if disagrees
            else "",
        )
    return True
