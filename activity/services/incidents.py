"""Recording incidents and their actions, one at a time (form, API)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from activity.models import ActionType, EnforcementAction, Incident
from core.audit import audit_record, changes_between, field_values
from core.changes import evidence_changed
from core.dates import today
from core.errors import ApplicationError, ConflictError
from roster.models import Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User

INCIDENT_FIELDS = (
    "offense_category",
    "ordinary_discipline",
    "race_ethnicity",
    "sex",
    "disability",
    "english_learner",
    "grade",
)


def build_incident(
    *,
    officer: Officer,
    school: School,
    incident_number: str,
    date: datetime.date,
    actions: Iterable[str],
    force_level: int | None,
    **fields,
) -> tuple[Incident, list[EnforcementAction]]:
    """Unsaved rows, checked by every rule that needs no other incident; raises ValidationError."""
    if date > today():
        raise ValidationError({"date": "The date is in the future."})
    if not school.district.mous.filter(agency_id=officer.agency_id).exists():
        raise ValidationError(
            {"school": f"{officer.agency.name} has no MOU with {school.district.name}."}
        )
    incident = Incident(
        agency_id=officer.agency_id,
        officer=officer,
        school=school,
        incident_number=incident_number.strip(),
        date=date,
        **{name: fields[name] for name in INCIDENT_FIELDS},
    )
    incident.full_clean(validate_unique=False, validate_constraints=False)
    types = list(dict.fromkeys(actions))
    if not types:
        raise ValidationError({"actions": "Choose at least one action."})
    if ActionType.USE_OF_FORCE not in types and force_level is not None:
        raise ValidationError({"force_level": "A force level is given but no use of force."})
    rows = []
    for action_type in types:
        action = EnforcementAction(
            incident=incident,
            action_type=action_type,
            force_level=force_level if action_type == ActionType.USE_OF_FORCE else None,
        )
        action.full_clean(exclude=["incident"], validate_unique=False, validate_constraints=False)
        rows.append(action)
    return incident, rows


def save_incident(incident: Incident, actions: list[EnforcementAction]) -> Incident:
    incident.save()
    for action in actions:
        action.incident = incident
    EnforcementAction.objects.bulk_create(actions)
    return incident


def incident_record(
    *,
    actor: User,
    officer: Officer,
    school: School,
    incident_number: str,
    date: datetime.date,
    actions: Iterable[str],
    force_level: int | None = None,
    **fields,
) -> Incident:
    """Record one incident and its actions; an agency's incident number is recorded once."""
    incident, rows = build_incident(
        officer=officer,
        school=school,
        incident_number=incident_number,
        date=date,
        actions=actions,
        force_level=force_level,
        **fields,
    )
    if Incident.objects.filter(
        agency_id=incident.agency_id, incident_number__iexact=incident.incident_number
    ).exists():
        raise ConflictError(
            f"Incident {incident.incident_number} of {officer.agency.code} is already recorded."
        )
    try:
        with transaction.atomic():
            save_incident(incident, rows)
            audit_record(
                actor=actor,
                action="activity.incident_recorded",
                target=incident,
                district=school.district_id,
                changes={"actions": [None, [a.action_type for a in rows]]},
            )
            evidence_changed(district_ids=[school.district_id])
    except IntegrityError:
        raise ConflictError(
            f"Incident {incident.incident_number} of {officer.agency.code} is already recorded."
        ) from None
    return incident


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def incident_record_or_error(**kwargs) -> Incident:
    """``incident_record`` with model validation errors as one ApplicationError."""
    try:
        return incident_record(**kwargs)
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from None


def incident_update(
    *,
    incident: Incident,
    actor: User,
    officer: Officer,
    school: School,
    incident_number: str,
    date: datetime.date,
    actions: Iterable[str],
    force_level: int | None = None,
    reason: str = "",
    **fields,
) -> Incident:
    """Correct an incident (a wrong action, group or date); the audit row keeps what it was."""
    try:
        updated, rows = build_incident(
            officer=officer,
            school=school,
            incident_number=incident_number,
            date=date,
            actions=actions,
            force_level=force_level,
            **fields,
        )
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from None
    names = ["agency", "officer", "school", "incident_number", "date", *INCIDENT_FIELDS]
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        before = {
            **field_values(locked, names),
            "actions": sorted(
                f"{t}:{lvl}" if lvl else t
                for t, lvl in locked.actions.values_list("action_type", "force_level")
            ),
        }
        clash = Incident.objects.filter(
            agency_id=updated.agency_id, incident_number__iexact=updated.incident_number
        )
        if clash.exclude(pk=locked.pk).exists():
            raise ConflictError(
                f"Incident {updated.incident_number} of {officer.agency.code} is already recorded."
            )
        for name in names:
            field = Incident._meta.get_field(name)
            assert isinstance(field, models.Field)  # names are the form's concrete fields
            attname = field.attname
            setattr(locked, attname, getattr(updated, attname))
        locked.save()
        locked.actions.all().delete()
        for row in rows:
            row.incident = locked
        EnforcementAction.objects.bulk_create(rows)
        after = {
            **field_values(locked, names),
            "actions": sorted(
                f"{r.action_type}:{r.force_level}" if r.force_level else r.action_type for r in rows
            ),
        }
        changes = changes_between(before, after)
        if changes:
            audit_record(
                actor=actor,
                action="activity.incident_corrected",
                target=locked,
                district=school.district_id,
                reason=reason,
                changes=changes,
            )
            evidence_changed(district_ids=[school.district_id])
    return locked
