"""Selection records: a panel scores a candidate officer against the district's published
hiring guidelines, each panelist seals their scores by submitting, and the record is
decided with a reason. A selected officer's assignment at the school links to it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError, ConflictError
from hiring.models import (
    SCORE_MAX,
    SCORE_MIN,
    Panelist,
    PanelistKind,
    PanelScore,
    SelectionCriterion,
    SelectionDecision,
    SelectionRecord,
    SelectionStatus,
)
from hiring.permissions import can_create_selection, can_manage_selection
from hiring.selectors.guidelines import guideline_current
from roster.models import Assignment, Membership, Officer, Role, School
from roster.services.assignments import assignment_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REPRESENTATIVE_KINDS = (PanelistKind.STUDENT, PanelistKind.FAMILY)


@dataclass(frozen=True)
class PanelSeat:
    """A panelist with an account (``user``), or a representative without one (name, kind)."""

    user: User | None = None
    name: str = ""
    kind: str = ""


@dataclass(frozen=True)
class ScoreEntry:
    criterion_id: int
    score: int
    note: str = ""


def _kind_of(*, user: User, school: School, agency_id: int) -> str | None:
    """The seat a user may take on this school's panel, from their active memberships:
    the district's coordinators, the school's principals, the agency's supervisors."""
    roles = Membership.objects.filter(
        user=user, is_active=True, district_id=school.district_id
    ).values_list("role", "school_id", "agency_id")
    for role, school_id, agency in roles:
        if role == Role.PRINCIPAL and school_id == school.pk:
            return PanelistKind.SCHOOL_STAFF
        if role == Role.SUPERVISOR and agency == agency_id:
            return PanelistKind.AGENCY
        if role == Role.COORDINATOR:
            return PanelistKind.DISTRICT
    return None


def _panelists(
    *, record: SelectionRecord, school: School, panel: list[PanelSeat]
) -> list[Panelist]:
    if not panel:
        raise ApplicationError("A selection needs a panel: add at least one panelist.")
    rows: list[Panelist] = []
    seen: set[int] = set()
    for seat in panel:
        if seat.user is None:
            if seat.kind not in REPRESENTATIVE_KINDS:
                raise ApplicationError(
                    f"{seat.name or 'A panelist'} has no account: only a student or family"
                    " representative may sit on the panel without one."
                )
            if not seat.name.strip():
                raise ApplicationError("Give each student or family representative a name.")
            rows.append(Panelist(record=record, name=seat.name.strip(), kind=seat.kind))
            continue
        if seat.user.pk in seen:
            raise ApplicationError(
                f"{seat.user.get_full_name() or seat.user} is on the panel twice."
            )
        seen.add(seat.user.pk)
        kind = _kind_of(user=seat.user, school=school, agency_id=record.agency_id)
        if kind is None:
            raise ApplicationError(
                f"{seat.user.get_full_name() or seat.user} can't sit on this panel: panelists"
                f" with an account are {school.name}'s principals, the agency's supervisors"
                " or the district's coordinators."
            )
        name = seat.user.get_full_name() or seat.user.get_username()
        rows.append(Panelist(record=record, user=seat.user, name=name, kind=kind))
    for row in rows:
        row.full_clean(exclude=["record"])
    return rows


@transaction.atomic
def selection_record_create(
    *,
    school: School,
    candidate: Officer,
    panel: list[PanelSeat],
    actor: User,
) -> SelectionRecord:
    if not can_create_selection(actor, school.district, candidate.agency):
        raise ApplicationError(
            "Selection records are opened by the district's coordinator, or by a supervisor"
            " for their own agency's officers.",
            status=403,
        )
    guideline = guideline_current(district_id=school.district_id)
    if guideline is None:
        raise ApplicationError(
            "The district has no published hiring guidelines yet: publish them first, so the"
            " panel knows what it scores."
        )
    record = SelectionRecord(
        district_id=school.district_id,
        school=school,
        agency_id=candidate.agency_id,
        candidate=candidate,
        guideline=guideline,
        created_by=actor,
    )
    record.full_clean()
    record.save()
    rows = _panelists(record=record, school=school, panel=panel)
    for row in rows:
        row.record = record
    Panelist.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="selection.created",
        target=record,
        district=record.district_id,
        changes={
            "candidate": [None, str(candidate)],
            "school": [None, school.name],
            "guideline_version": [None, guideline.version],
            "panel": [None, [f"{r.name} ({r.get_kind_display()})" for r in rows]],
        },
    )
    return record


def _locked_open(record_id: int) -> SelectionRecord:
    record = SelectionRecord.objects.select_for_update().get(pk=record_id)
    if record.status != SelectionStatus.OPEN:
        raise ConflictError(
            f"This selection was decided on {record.decided_on:%Y-%m-%d}; it can't change."
        )
    return record


def _refuse_unless_may_write(*, record: SelectionRecord, panelist: Panelist, actor: User) -> None:
    if panelist.user_id is not None:
        if panelist.user_id != actor.pk:
            raise ApplicationError("Only the panelist scores for themself.", status=403)
        return
    if not can_manage_selection(actor, record):
        raise ApplicationError(
            "A representative's scores are entered by the district's coordinator or the"
            " agency's supervisor.",
            status=403,
        )
    # Whoever types a representative's sheet sees its scores: if they sit on the panel,
    # they seal their own first, so nobody scores having read another panelist.
    own = record.panelists.filter(user_id=actor.pk).first()
    if own is not None and own.submitted_at is None:
        raise ApplicationError(
            "Submit your own scores before entering a representative's: you sit on this"
            " panel, and panelists score without reading each other's scores."
        )


@transaction.atomic
def panel_scores_save(
    *, panelist: Panelist, scores: list[ScoreEntry], actor: User
) -> list[PanelScore]:
    """Save (replace) a panelist's scores; a partial set is kept as a draft."""
    record = _locked_open(panelist.record_id)
    panelist = Panelist.objects.select_for_update().get(pk=panelist.pk)
    _refuse_unless_may_write(record=record, panelist=panelist, actor=actor)
    if panelist.submitted_at is not None:
        raise ConflictError(
            f"{panelist.name}'s scores were submitted on"
            f" {timezone.localdate(panelist.submitted_at):%Y-%m-%d} and are sealed."
        )
    criteria = {
        c.pk: c for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    }
    rows: list[PanelScore] = []
    seen: set[int] = set()
    for entry in scores:
        criterion = criteria.get(entry.criterion_id)
        if criterion is None:
            raise ApplicationError(
                f"Quality {entry.criterion_id} is not in this selection's guidelines."
            )
        if entry.criterion_id in seen:
            raise ApplicationError(f"{criterion.name} is scored twice.")
        seen.add(entry.criterion_id)
        if not SCORE_MIN <= entry.score <= SCORE_MAX:
            raise ApplicationError(
                f"{criterion.name}: score {entry.score} is not {SCORE_MIN} to {SCORE_MAX}."
            )
        row = PanelScore(panelist=panelist, criterion=criterion, score=entry.score, note=entry.note)
        row.full_clean(exclude=["panelist", "criterion"])
        rows.append(row)
    before = {s.criterion_id: [s.score, s.note] for s in panelist.scores.all()}
    panelist.scores.all().delete()
    PanelScore.objects.bulk_create(rows)
    if panelist.user_id is None:
        panelist.entered_by = actor
        panelist.save(update_fields=["entered_by"])
    audit_record(
        actor=actor,
        action="selection.scores_saved",
        target=record,
        district=record.district_id,
        changes={
            "panelist": [None, panelist.name],
            # Which qualities were scored, not the scores: the audit log is read by
            # people who must not learn a panelist's scores from it.
            "scored": [sorted(before), sorted(r.criterion_id for r in rows)],
        },
    )
    return rows


@transaction.atomic
def panelist_submit(*, panelist: Panelist, actor: User) -> Panelist:
    record = _locked_open(panelist.record_id)
    panelist = Panelist.objects.select_for_update().get(pk=panelist.pk)
    _refuse_unless_may_write(record=record, panelist=panelist, actor=actor)
    if panelist.submitted_at is not None:
        raise ConflictError(f"{panelist.name}'s scores are already submitted.")
    scored = set(panelist.scores.values_list("criterion_id", flat=True))
    missing = [
        c.name
        for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
        if c.pk not in scored
    ]
    if missing:
        raise ApplicationError(
            f"Score every quality before submitting; missing: {', '.join(missing)}."
        )
    panelist.submitted_at = timezone.now()
    if panelist.user_id is None:
        panelist.entered_by = actor
    panelist.save(update_fields=["submitted_at", "entered_by"])
    audit_record(
        actor=actor,
        action="selection.scores_submitted",
        target=record,
        district=record.district_id,
        changes={"panelist": [None, panelist.name]},
    )
    return panelist


def _assignment_for(
    *, record: SelectionRecord, start_date: datetime.date, actor: User
) -> Assignment:
    """The candidate's open assignment at the school, or a new one through roster."""
    existing = (
        Assignment.objects.filter(officer_id=record.candidate_id, school_id=record.school_id)
        .exclude(end_date__lt=start_date)
        .order_by("-start_date")
        .first()
    )
    if existing is not None:
        linked = SelectionRecord.objects.filter(assignment=existing).exclude(pk=record.pk)
        if linked.exists():
            raise ConflictError(
                "The officer's assignment at this school already links to another selection"
                " record; end that assignment first if this is a new placement."
            )
        return existing
    officer = Officer.objects.get(pk=record.candidate_id)
    return assignment_create(
        officer=officer, school=record.school, start_date=start_date, actor=actor
    )


@transaction.atomic
def selection_record_decide(
    *,
    record: SelectionRecord,
    decision: str,
    reason: str,
    actor: User,
    incomplete_panel_reason: str = "",
    start_date: datetime.date | None = None,
) -> SelectionRecord:
    record = _locked_open(record.pk)
    if not can_manage_selection(actor, record):
        raise ApplicationError(
            "Only the district's coordinator or the agency's supervisor decides.", status=403
        )
    if decision not in SelectionDecision.values:
        raise ApplicationError(f'"{decision}" is not a decision: choose selected or not selected.')
    if not reason.strip():
        raise ApplicationError("Give the reason for the decision.")
    waiting = list(
        record.panelists.filter(submitted_at__isnull=True).values_list("name", flat=True)
    )
    if waiting and not incomplete_panel_reason.strip():
        raise ApplicationError(
            f"Not every panelist has submitted ({', '.join(waiting)}): wait for them, or record"
            " why the decision can't wait."
        )
    record.status = SelectionStatus.DECIDED
    record.decision = decision
    record.decision_reason = reason.strip()
    record.incomplete_panel_reason = incomplete_panel_reason.strip() if waiting else ""
    record.decided_on = today()
    record.decided_by = actor
    if decision == SelectionDecision.SELECTED:
        record.assignment = _assignment_for(
            record=record, start_date=start_date or record.decided_on, actor=actor
        )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="selection.decided",
        target=record,
        district=record.district_id,
        reason=record.decision_reason,
        changes={
            "status": [SelectionStatus.OPEN, SelectionStatus.DECIDED],
            "decision": ["", decision],
            "assignment": [None, record.assignment_id],
            "panelists_not_submitted": [None, waiting],
        },
    )
    return record
