"""What the setup attack tests share."""

from __future__ import annotations

from core.models import AuditEvent
from roster.models import MOU, Agency, Assignment, Officer, School


def stored_rows() -> tuple[int, ...]:
    """How many setup rows and audit events exist: a refused attack changes none."""
    return tuple(
        model.objects.count() for model in (School, Agency, Officer, Assignment, MOU, AuditEvent)
    )
