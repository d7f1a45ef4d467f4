"""The product's one audit mechanism: services call ``audit_record`` inside their
transaction, so a state change and its record commit or roll back together."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def field_values(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``instance`` (foreign keys by id), for a before/after diff."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if not isinstance(field, models.Field):  # a reverse relation has no column to diff
            raise TypeError(f"{name} is not a field of {instance._meta.label}")
        values[name] = getattr(instance, field.attname)
    return values


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [_jsonable(before.get(name)), _jsonable(after.get(name))]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    district: models.Model | int | None = None,
    reason: str = "",
    changes: dict[str, list[Any]] | None = None,
) -> AuditEvent:
    district_id = district.pk if isinstance(district, models.Model) else district
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        district_id=district_id,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        reason=reason,
        changes=_jsonable(changes or {}),
    )


def audit_history(target: models.Model) -> models.QuerySet[AuditEvent]:
    """Every recorded change of ``target``, oldest first."""
    return AuditEvent.objects.for_target(target).select_related("actor")
