"""Demo self-assessments: last year's, completed (so the comparison has a year to show),
and this year's in progress with some of the coordinator's answers.

Runs after every other app's demo (INSTALLED_APPS order): the evidence items read
what they made. Idempotent: a year that already has an assessment is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfassessment.models import SelfAssessment
from selfassessment.services.assessments import (
    selfassessment_answer,
    selfassessment_complete,
    selfassessment_start,
)

if TYPE_CHECKING:
    from roster.demo import DemoContext

PRIOR_ANSWERS = {
    "s1-partners-named": (
        "partly",
        "The agency and the NAACP chapter signed on; juvenile court did not reply.",
    ),
    "s1-roles-written": ("yes", "Section 3 of the MOU lists SRO duties and the supervision chain."),
    "s1-partners-meet": ("no", "No joint meeting was held this year."),
    "s2-legal-review": ("no", "Not reviewed by counsel yet."),
    "s2-disparities": ("partly", "Arrest figures by race were looked at; referrals were not."),
    "s3-school-input": ("partly", "Two of the four principals interviewed their SRO."),
    "s3-fit-reviewed": ("no", "Guidelines not revisited."),
    "s4-training-content": (
        "partly",
        "De-escalation and adolescent development covered; implicit bias not yet.",
    ),
    "s4-staff-trained": ("no", "No staff session held."),
    "s4-training-current": ("partly", "One refresher lapsed over the summer."),
    "s5-recognition": ("no", "No recognition programme yet."),
}
CURRENT_ANSWERS = {
    "s1-partners-named": ("yes", "Juvenile court liaison joined the partnership in September."),
    "s1-roles-written": ("yes", "Section 3 of the MOU, unchanged."),
    "s2-legal-review": (
        "partly",
        "Counsel reviewed Title VI and FERPA; Section 504 review is scheduled.",
    ),
    "s3-school-input": ("yes", "Every principal now sits on the selection panel."),
    "s4-staff-trained": ("partly", "Staff session held at Lincoln High; the others are in spring."),
    "s5-recognition": ("yes", "Officer commendations are read at the spring board meeting."),
}


def load_demo(context: DemoContext) -> str:
    coordinator = context.users["coordinator"]
    made = []
    for period, answers, complete in (
        (context.previous_period, PRIOR_ANSWERS, True),
        (context.period, CURRENT_ANSWERS, False),
    ):
        if SelfAssessment.objects.filter(district=context.district, period=period).exists():
            continue
        assessment = selfassessment_start(period=period, actor=coordinator)
        for item, (answer, note) in answers.items():
            selfassessment_answer(
                assessment=assessment, item=item, answer=answer, note=note, actor=coordinator
            )
        if complete:
            selfassessment_complete(assessment=assessment, actor=coordinator)
        made.append(f"{period.name} ({'completed' if complete else 'in progress'})")
    return f"self-assessments {', '.join(made)}" if made else ""
