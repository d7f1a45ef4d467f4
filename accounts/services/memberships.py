"""Changing a person's role or scope in a district, and ending their access."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import ApiToken
from accounts.selectors import district_active_coordinators
from accounts.services.invitations import _check_target
from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError
from roster.models import Agency, Membership, Officer, Role, School
from roster.scoping import forget_scope

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FIELDS = ("role", "school", "agency", "officer", "is_active")


def _refuse_lockout(*, membership: Membership, actor: User, leaves_coordinator: bool) -> None:
    """A district never loses its last coordinator, and nobody locks themself out by mistake."""
    if not leaves_coordinator or membership.role != Role.COORDINATOR or not membership.is_active:
        return
    others = district_active_coordinators(district=membership.district).exclude(pk=membership.pk)
    if not others.exists():
        raise ApplicationError(
            "This is the district's last coordinator: invite another coordinator first.",
            status=409,
        )
    if membership.user_id == actor.pk:
        raise ApplicationError(
            "You can't end or change your own coordinator access: ask another coordinator.",
            status=409,
        )


def membership_update(
    *,
    membership: Membership,
    role: str,
    school: School | None = None,
    agency: Agency | None = None,
    officer: Officer | None = None,
    actor: User,
    reason: str = "",
) -> Membership:
    """Give the membership another role or scope in the same district, audited."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("district", "user")
            .get(pk=membership.pk)
        )
        if not membership.is_active:
            raise ApplicationError("This access has ended: invite the person again.", status=409)
        _check_target(
            district=membership.district, role=role, school=school, agency=agency, officer=officer
        )
        _refuse_lockout(
            membership=membership, actor=actor, leaves_coordinator=role != Role.COORDINATOR
        )
        before = field_values(membership, FIELDS)
        membership.role = role
        membership.school, membership.agency, membership.officer = school, agency, officer
        try:
            membership.full_clean()
        except ValidationError as error:  # the person already has that role there
            raise ApplicationError(" ".join(error.messages), status=409) from None
        membership.save()
        audit_record(
            actor=actor,
            action="membership.changed",
            target=membership,
            district=membership.district_id,
            reason=reason,
            changes=changes_between(before, field_values(membership, FIELDS)),
        )
    forget_scope(membership.user)
    return membership


def membership_end(*, membership: Membership, actor: User, reason: str) -> Membership:
    """End the person's access through this membership, at once.

    Scope is read from active memberships on every request, so their next page or
    API call shows nothing of it. With no active membership left anywhere, their
    API tokens are revoked too: a token must not outlive every role it served.
    """
    if not reason.strip():
        raise ApplicationError("Say why the access ends: it goes in the audit trail.")
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("district", "user")
            .get(pk=membership.pk)
        )
        if not membership.is_active:
            raise ApplicationError("This access has already ended.", status=409)
        _refuse_lockout(membership=membership, actor=actor, leaves_coordinator=True)
        before = field_values(membership, FIELDS)
        membership.is_active = False
        membership.full_clean()
        membership.save(update_fields=["is_active", "updated_at"])
        revoked = 0
        if not Membership.objects.filter(user_id=membership.user_id, is_active=True).exists():
            revoked, _ = ApiToken.objects.filter(user_id=membership.user_id).delete()
        audit_record(
            actor=actor,
            action="membership.ended",
            target=membership,
            district=membership.district_id,
            reason=reason,
            changes={
                **changes_between(before, field_values(membership, FIELDS)),
                **({"api_tokens_revoked": [revoked, 0]} if revoked else {}),
            },
        )
    forget_scope(membership.user)
    return membership
