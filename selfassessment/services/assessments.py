"""Every write to a self-assessment: start it, answer an item, complete it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError, ConflictError
from selfassessment.checklist import DEFAULT_CHECKLIST, checklist_load
from selfassessment.models import Answer, SelfAssessment, SelfAssessmentAnswer
from selfassessment.permissions import can_assess
from selfassessment.sheet import checklist_of, sheet_build

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from roster.models import District, EvaluationPeriod

MAX_NOTE = 2000


def _require_coordinator(district: District, actor: User) -> None:
    if not can_assess(user=actor, district=district):
        raise ApplicationError("Only the district's coordinator may do this.", status=403)


def selfassessment_start(
    *, period: EvaluationPeriod, actor: User, checklist: str = DEFAULT_CHECKLIST
) -> SelfAssessment:
    """A self-assessment of ``period`` on the named checklist file (validated now)."""
    _require_coordinator(period.district, actor)
    loaded = checklist_load(checklist)
    assessment = SelfAssessment(
        district=period.district, period=period, checklist=loaded.label, created_by=actor
    )
    if SelfAssessment.objects.filter(district=period.district, period=period).exists():
        raise ConflictError(f"{period.name} already has a self-assessment.")
    try:
        with transaction.atomic():
            assessment.full_clean(validate_constraints=False)
            assessment.save()
            audit_record(
                actor=actor,
                action="selfassessment.started",
                target=assessment,
                district=period.district,
                changes={"checklist": [None, loaded.label]},
            )
    except IntegrityError as exc:
        # Two coordinators starting the same year at once: the constraint keeps one.
        raise ConflictError(f"{period.name} already has a self-assessment.") from exc
    return assessment


def selfassessment_answer(
    *, assessment: SelfAssessment, item: str, answer: str, note: str, actor: User
) -> SelfAssessmentAnswer:
    """The coordinator's answer to an item that no evidence answers, with a note."""
    _require_coordinator(assessment.district, actor)
    checklist_item = checklist_of(assessment).item(item)
    if checklist_item is None:
        raise ApplicationError(f"The checklist has no item {item!r}.")
    if checklist_item.evidence:
        raise ApplicationError(
            f"Item {item} is answered from the district's evidence ({checklist_item.evidence});"
            " change the evidence, not the answer."
        )
    if answer not in Answer.values:
        raise ApplicationError(f"{answer!r} is not an answer (yes, partly, no, not_applicable).")
    note = note.strip()
    if not note:
        raise ApplicationError("Add a note saying what the answer rests on.")
    if len(note) > MAX_NOTE:
        raise ApplicationError(f"The note is {len(note)} characters; at most {MAX_NOTE}.")
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.completed_on is not None:
            raise ConflictError("This self-assessment is completed; its answers are frozen.")
        row = SelfAssessmentAnswer.objects.filter(assessment=locked, item=item).first()
        before = (row.answer, row.note) if row else (None, None)
        row = row or SelfAssessmentAnswer(assessment=locked, item=item)
        row.answer, row.note, row.answered_by = answer, note, actor
        row.full_clean(validate_constraints=False)
        row.save()
        audit_record(
            actor=actor,
            action="selfassessment.answered",
            target=locked,
            district=locked.district_id,
            reason=note,
            changes={f"{item}.answer": [before[0], answer], f"{item}.note": [before[1], note]},
        )
    return row


def selfassessment_complete(*, assessment: SelfAssessment, actor: User) -> SelfAssessment:
    """Freeze the assessment: its sheet as of today becomes its snapshot."""
    _require_coordinator(assessment.district, actor)
    with transaction.atomic():
        locked = (
            SelfAssessment.objects.select_for_update()
            .select_related("district", "period")
            .get(pk=assessment.pk)
        )
        if locked.completed_on is not None:
            raise ConflictError("This self-assessment is already completed.")
        sheet = sheet_build(locked)
        locked.completed_on = today()
        sheet["completed_on"] = locked.completed_on.isoformat()
        locked.snapshot = sheet
        locked.full_clean(validate_constraints=False)
        locked.save(update_fields=["completed_on", "snapshot", "updated_at"])
        audit_record(
            actor=actor,
            action="selfassessment.completed",
            target=locked,
            district=locked.district_id,
            changes={"met_share": [None, sheet["total"]["met_share"]]},
        )
    return locked
