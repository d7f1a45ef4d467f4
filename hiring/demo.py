"""The demo's hiring guidelines and selection records.

The district's guidelines are SECURe's qualities, published. Luis Lee (the demo
officer, MCPD) was selected for Lincoln High by a panel of three: the principal, the
MCPD supervisor and a parent without an account, whose paper sheet the coordinator
entered; the record links to his assignment there and is dated two weeks before it
began. HCSO's Luis Turner has an open record for Lincoln High: the principal has
saved a draft, nobody has submitted. Everything is keyed by candidate and school, so
a second load finds what the first made and changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from hiring.models import (
    HiringGuideline,
    PanelistKind,
    SelectionCriterion,
    SelectionDecision,
    SelectionRecord,
)
from hiring.services.guidelines import guideline_publish, guideline_start_default
from hiring.services.selections import (
    PanelSeat,
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_create,
    selection_record_decide,
)
from roster.models import Assignment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from roster.demo import DemoContext

# Scores per quality code, and a note, for each seat of the decided panel.
LEE_PANEL = {
    "principal": (
        {"young_people": 4, "discipline": 3, "communication": 4},
        "Talked about the students he coached; knows our discipline matrix.",
    ),
    "supervisor": (
        {"young_people": 3, "de_escalation": 4},
        "Eight years without a use-of-force complaint; trained in crisis intervention.",
    ),
    "family": ({"communication": 4, "community": 4}, "Answered our questions in Spanish."),
}
FAMILY_NAME = "Ana Ruiz (parent, Lincoln High PTA)"


def _entries(record: SelectionRecord, scores: dict[str, int], note: str) -> list[ScoreEntry]:
    return [
        ScoreEntry(c.pk, scores.get(c.code, 3), note)
        for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    ]


def _guideline(context: DemoContext, coordinator: User) -> HiringGuideline:
    found = HiringGuideline.objects.filter(district=context.district).order_by("-version").first()
    if found is None:
        found = guideline_start_default(district=context.district, actor=coordinator)
    if found.published_on is None:
        found = guideline_publish(guideline=found, actor=coordinator)
    return found


def _decided_lee(context: DemoContext, users: dict[str, User]) -> None:
    officer = context.officers[("MCPD", "4113")]
    school = context.schools["LHS"]
    if SelectionRecord.objects.filter(candidate=officer, school=school).exists():
        return
    coordinator = users["coordinator"]
    record = selection_record_create(
        school=school,
        candidate=officer,
        panel=[
            PanelSeat(user=users["principal"]),
            PanelSeat(user=users["supervisor"]),
            PanelSeat(name=FAMILY_NAME, kind=PanelistKind.FAMILY),
        ],
        actor=coordinator,
    )
    for panelist in record.panelists.select_related("user"):
        seat_user = panelist.user
        key = "family" if seat_user is None else seat_user.get_username()
        actor = coordinator if seat_user is None else seat_user
        scores, note = LEE_PANEL[key]
        panel_scores_save(panelist=panelist, scores=_entries(record, scores, note), actor=actor)
        panelist_submit(panelist=panelist, actor=actor)
    selection_record_decide(
        record=record,
        decision=SelectionDecision.SELECTED,
        reason="The panel's strongest candidate on work with young people and de-escalation.",
        actor=coordinator,
    )
    # The demo's history: he was selected before his assignment began.
    started = Assignment.objects.get(officer=officer, school=school).start_date
    SelectionRecord.objects.filter(pk=record.pk).update(
        decided_on=started - datetime.timedelta(days=14)
    )


def _open_turner(context: DemoContext, users: dict[str, User]) -> None:
    officer = context.officers[("HCSO", "S-0751")]
    school = context.schools["LHS"]
    if SelectionRecord.objects.filter(candidate=officer, school=school).exists():
        return
    record = selection_record_create(
        school=school,
        candidate=officer,
        panel=[
            PanelSeat(user=users["principal"]),
            PanelSeat(user=users["coordinator"]),
            PanelSeat(name="Jamal Ortiz (student council)", kind=PanelistKind.STUDENT),
        ],
        actor=users["coordinator"],
    )
    principal = record.panelists.get(user=users["principal"])
    panel_scores_save(
        panelist=principal,
        scores=_entries(record, {"young_people": 3}, "Draft: to finish after the interview.")[:3],
        actor=users["principal"],
    )


@transaction.atomic
def load_demo(context: DemoContext) -> str:
    users = context.users
    guideline = _guideline(context, users["coordinator"])
    _decided_lee(context, users)
    _open_turner(context, users)
    records = SelectionRecord.objects.filter(district=context.district)
    return (
        f"hiring guidelines version {guideline.version}, {records.count()} selection records"
        f" ({records.filter(status='decided').count()} decided)"
    )
