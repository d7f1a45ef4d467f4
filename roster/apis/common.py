"""What the roster's write APIs share: who may write, and strict input."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from core.api_input import InputSerializer
from roster.models import Role


class CoordinatorWrites:
    """Reads stay open to every role in scope (a supervisor reads their agency's
    officers); a write (POST, PATCH) needs the coordinator role, checked by the global
    permission class through ``allowed_roles``. The object written is then fetched from
    the districts the caller coordinates, so another district's id is a 404."""

    request: Any

    @property
    def allowed_roles(self) -> tuple[str, ...] | None:
        return None if self.request.method in SAFE_METHODS else (Role.COORDINATOR,)


class SetupInputSerializer(InputSerializer):
    """Refuses a field it doesn't know (a misspelt or read-only one such as ``code``
    of a district), which DRF would otherwise ignore and answer 200 having changed nothing."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {"non_field_errors": [f"Unknown field: {', '.join(unknown)}."]}
                )
        return super().to_internal_value(data)
