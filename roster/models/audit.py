from __future__ import annotations

from django.conf import settings
from django.db import models

from roster.scoping import Scope, ScopedQuerySet


class AuditEventQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> AuditEventQuerySet:
        # Audit history is read through the record it describes; only coordinators
        # browse the district's log as a whole.
        return self.filter(district_id__in=scope.coordinator_district_ids)

    def for_target(self, target: models.Model) -> AuditEventQuerySet:
        return self.filter(target_type=target._meta.label_lower, target_id=str(target.pk))


class AuditEvent(models.Model):
    """Who changed what, when and why: written by services in the same transaction.

    One table for the whole product (ARCHITECTURE.md, Records). ``changes`` maps a
    field name to ``[before, after]``.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        "roster.District", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"
