"""Invitations to a role in a district, and the API tokens people log in with."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from knox.models import AbstractAuthToken, AuthTokenManager

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import Agency, District, Officer, Role, School


def invitation_token_hash(token: str) -> str:
    """Only this is stored: a database reader can't turn it back into a working link."""
    return hashlib.sha256(token.encode()).hexdigest()


def scope_key_of(invitation: Invitation) -> str:
    for name in ("school", "agency", "officer"):
        value = getattr(invitation, f"{name}_id")
        if value is not None:
            return f"{name}:{value}"
    return f"district:{invitation.district_id}"


class InvitationQuerySet(ScopedQuerySet):
    def for_scope(self, scope) -> InvitationQuerySet:
        # Invitations are the coordinator's business only: nobody else sees them.
        return self.filter(district_id__in=scope.coordinator_district_ids)

    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(TimeStampedModel):
    """A single-use link that gives the person at ``email`` a role in a district."""

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="invitations")
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    # "school:5", "agency:2", "officer:9" or "district:1": the scope as one non-null
    # value, so the constraint below also holds where the scope's columns are NULL.
    scope_key = models.CharField(max_length=40, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
            ),
            # One unanswered link per person, role and scope: inviting again revokes the
            # old one first, and a double click's second insert is refused here.
            models.UniqueConstraint(
                Lower("email"),
                "role",
                "district",
                "scope_key",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()}"

    def save(self, *args, **kwargs) -> None:
        # Derived from the scope columns, never set by hand (not a business rule).
        self.scope_key = scope_key_of(self)
        super().save(*args, **kwargs)

    @property
    def target(self) -> models.Model:
        return self.school or self.agency or self.officer or self.district

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))


class ApiToken(AbstractAuthToken):
    """django-rest-knox's token (only a digest of the secret is stored), with a plain id.

    knox keys its own table by the digest; an id of its own lets the owner name one
    token in a URL to revoke it without the digest ever leaving the server.
    """

    id: models.BigAutoField[int, int] = models.BigAutoField(primary_key=True)
    digest: models.CharField[str, str] = models.CharField(max_length=128, unique=True)

    # knox's manager: its create() returns (token row, secret) and stores only the digest.
    objects = AuthTokenManager.from_queryset(ApiTokenQuerySet)()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.token_key[:8]}… ({self.user})"

    @property
    def prefix(self) -> str:
        """The first characters of the token: enough to recognise it, far too few to use it."""
        return self.token_key[:8]
