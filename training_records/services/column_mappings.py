"""An agency's column mapping: its header names and its completion-status values."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record, changes_between
from core.errors import ApplicationError
from roster.models import Agency
from training_records.imports import MAPPABLE_FIELDS
from training_records.imports.status import MAX_STATUS_LENGTH, conflicting_values, status_key
from training_records.models import ColumnMapping
from training_records.services.records import agency_district_id

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _status_values(values: list[str]) -> list[str]:
    """Stripped, blank and repeated (case/spacing-insensitively) values dropped."""
    kept: dict[str, str] = {}
    for value in values:
        text = str(value).strip()
        if status_key(text):
            kept.setdefault(status_key(text), text[:MAX_STATUS_LENGTH])
    return list(kept.values())


def column_mapping_save(
    *,
    agency: Agency,
    mapping: dict[str, str],
    status_counts: list[str] | None = None,
    status_skips: list[str] | None = None,
    actor: User | None = None,
) -> ColumnMapping:
    """Save the agency's header names (blank entries fall back to the built-in names)
    and, when given, its completion-status values (None keeps the saved ones)."""
    unknown = set(mapping) - set(MAPPABLE_FIELDS)
    if unknown:
        raise ApplicationError(f"Unknown fields in the mapping: {', '.join(sorted(unknown))}.")
    cleaned = {k: str(v).strip() for k, v in mapping.items() if v and str(v).strip()}
    with transaction.atomic():
        saved, _ = ColumnMapping.objects.select_for_update().get_or_create(agency=agency)
        before = {**saved.mapping, **_statuses(saved)}
        if status_counts is not None:
            saved.status_counts = _status_values(status_counts)
        if status_skips is not None:
            saved.status_skips = _status_values(status_skips)
        both = conflicting_values(counts=saved.status_counts, skips=saved.status_skips)
        if both:
            raise ApplicationError(
                f"A status can't both count and not count: {', '.join(both)}.",
                extra={"fields": {"status_counts": both}},
            )
        saved.mapping = cleaned
        saved.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        saved.full_clean()
        saved.save()
        audit_record(
            actor=actor,
            action="training.column_mapping_saved",
            target=saved,
            district=agency_district_id(agency),
            changes=changes_between(before, {**cleaned, **_statuses(saved)}),
        )
    return saved


def _statuses(saved: ColumnMapping) -> dict[str, list[str]]:
    return {
        "status values that count": saved.status_counts,
        "status values that don't count": saved.status_skips,
    }
