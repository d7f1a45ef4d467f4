"""Invitations: a coordinator invites a person; the person accepts with a single-use link."""

from __future__ import annotations

import datetime
import logging
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, invitation_token_hash, scope_key_of
from accounts.selectors import district_agencies, district_officers, district_schools
from core.audit import audit_record
from core.errors import ApplicationError
from roster.models import Agency, District, Membership, Officer, Role, School
from roster.models.memberships import ROLE_SCOPE_FIELD
from roster.scoping import forget_scope, scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


class InvitationUnusable(ApplicationError):
    """The link was used, revoked or has expired: answered with 410 Gone."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=410)


def _check_target(
    *,
    district: District,
    role: str,
    school: School | None,
    agency: Agency | None,
    officer: Officer | None,
) -> None:
    """The role's scope must be filled, be the only one filled, and belong to the district."""
    given = {"school": school, "agency": agency, "officer": officer}
    wanted = ROLE_SCOPE_FIELD.get(role, "-")
    if wanted == "-":
        raise ApplicationError(f"Unknown role {role!r}.")
    for name, value in given.items():
        if name == wanted and value is None:
            raise ApplicationError(f"A {Role(role).label.lower()} needs a {name}.")
        if name != wanted and value is not None:
            raise ApplicationError(f"A {Role(role).label.lower()} has no {name}.")
    if school is not None and not district_schools(district=district).filter(pk=school.pk).exists():
        raise ApplicationError("That school is not in this district.")
    if (
        agency is not None
        and not district_agencies(district=district).filter(pk=agency.pk).exists()
    ):
        raise ApplicationError("The district does not work with that agency.")
    if (
        officer is not None
        and not district_officers(district=district).filter(pk=officer.pk).exists()
    ):
        raise ApplicationError("That officer does not serve this district.")


def _coordinates(user: User, district: District) -> bool:
    scope = scope_for(user)
    return scope.is_superuser or district.pk in scope.coordinator_district_ids


def _send_invitation(invitation_id: int, token: str) -> None:
    """Mail the link. A relay that is down must not turn the stored invitation into an
    error page: it is logged, and inviting again sends a fresh link."""
    invitation = Invitation.objects.select_related("district", "invited_by").get(pk=invitation_id)
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:accept", args=[token])
    context = {"invitation": invitation, "link": link}
    try:
        send_mail(
            subject=f"SRO360: you are invited to {invitation.district.name}",
            message=render_to_string("accounts/invitation_email.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except OSError:  # smtplib's errors are OSErrors: refused, timed out, unreachable
        logger.exception("The invitation %s could not be mailed", invitation_id)


def invitation_create(
    *,
    district: District,
    email: str,
    role: str,
    school: School | None = None,
    agency: Agency | None = None,
    officer: Officer | None = None,
    actor: User,
) -> Invitation:
    """Invite ``email`` to ``role`` in ``district``; the link goes out by mail after commit.

    Inviting the same person to the same role and scope again replaces the pending link:
    the old one stops working, so a resent mail never leaves two live links behind.
    """
    if not _coordinates(actor, district):
        raise ApplicationError("Only the district's coordinators invite people to it.", status=403)
    email = get_user_model().objects.normalize_email(email).strip()
    _check_target(district=district, role=role, school=school, agency=agency, officer=officer)
    same = {
        "district": district,
        "role": role,
        "school": school,
        "agency": agency,
        "officer": officer,
    }
    if Membership.objects.filter(user__email__iexact=email, is_active=True, **same).exists():
        raise ApplicationError(f"{email} already has this role.")
    token = secrets.token_urlsafe(32)  # 256 bits
    now = timezone.now()
    with transaction.atomic():
        for old in (
            # Every unanswered link, expired ones too: one live link per person and scope.
            Invitation.objects.select_for_update().filter(
                email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, **same
            )
        ):
            old.revoked_at = now
            old.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                actor=actor,
                action="invitation.replaced",
                target=old,
                district=district,
                reason="invited again",
            )
        invitation = Invitation(
            email=email,
            invited_by=actor,
            token_hash=invitation_token_hash(token),
            expires_at=now + datetime.timedelta(days=settings.INVITATION_TTL_DAYS),
            **same,
        )
        invitation.scope_key = scope_key_of(invitation)
        try:
            invitation.full_clean()
            with transaction.atomic():  # a savepoint: the double click's insert may lose
                invitation.save()
        except (ValidationError, IntegrityError):
            raise ApplicationError(
                f"{email} was invited to this role a moment ago: the link is on its way.",
                status=409,
            ) from None
        audit_record(
            actor=actor,
            action="invitation.created",
            target=invitation,
            district=district,
            changes={
                "email": [None, email],
                "role": [None, role],
                "scope": [None, str(invitation.target)],
            },
        )
        transaction.on_commit(lambda: _send_invitation(invitation.pk, token))
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != "pending":
            raise ApplicationError(f"This invitation is already {invitation.status}.", status=409)
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor,
            action="invitation.revoked",
            target=invitation,
            district=invitation.district_id,
        )
    return invitation


def invitation_usable(*, token: str) -> Invitation:
    """The invitation behind a link, or why it can't be used (404 unknown, 410 spent)."""
    invitation = (
        Invitation.objects.select_related("district")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    if invitation is None:
        raise ApplicationError("This invitation link is not valid.", status=404)
    reasons = {
        "accepted": "This invitation has already been used.",
        "revoked": "This invitation was withdrawn by the district.",
        "expired": "This invitation has expired. Ask the district coordinator for a new one.",
    }
    if invitation.status in reasons:
        raise InvitationUnusable(reasons[invitation.status])
    return invitation


def existing_account(*, invitation: Invitation) -> User | None:
    """The account that already uses the invited address, if any (the first one)."""
    return (
        get_user_model()
        .objects.filter(email__iexact=invitation.email, is_active=True)
        .order_by("pk")
        .first()
    )


def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    username: str = "",
    password: str = "",
) -> User:
    """Turn an invitation into a membership, for a new account or the caller's own.

    The link alone never opens an existing account: if the address already has one,
    the person must be logged in to it (``user``, who knew its password) to accept.
    Otherwise a new account is made with the chosen username and password.
    """
    user_model = get_user_model()
    with transaction.atomic():
        invitation = invitation_usable(token=token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != "pending":  # accepted by a double click meanwhile
            raise InvitationUnusable("This invitation has already been used.")
        existing = existing_account(invitation=invitation)
        if user is not None:
            if (user.email or "").lower() != invitation.email.lower():
                raise ApplicationError(
                    "This invitation is for another email address: log out, then open the link again.",
                    status=403,
                )
            account = user
        elif existing is not None:
            raise ApplicationError(
                "An account already uses this email address: log in to it, then open the link again.",
                status=409,
            )
        else:
            username = username.strip() or invitation.email
            if user_model.objects.filter(username__iexact=username).exists():
                raise ApplicationError("That username is taken: choose another.")
            account = user_model(username=username, email=invitation.email)
            password_validation.validate_password(password, account)
            account.set_password(password)
            try:
                account.full_clean()
            except ValidationError as error:
                raise ApplicationError(" ".join(error.messages)) from None
            account.save()
        membership = _grant(invitation=invitation, user=account)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = account
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        audit_record(
            actor=account,
            action="invitation.accepted",
            target=invitation,
            district=invitation.district_id,
        )
        audit_record(
            actor=invitation.invited_by,
            action="membership.granted",
            target=membership,
            district=invitation.district_id,
            reason=f"invitation {invitation.pk} accepted",
        )
    forget_scope(account)
    return account


def _grant(*, invitation: Invitation, user: User) -> Membership:
    """The invited membership; an ended one for the same scope comes back to life."""
    same = {
        "district_id": invitation.district_id,
        "role": invitation.role,
        "school_id": invitation.school_id,
        "agency_id": invitation.agency_id,
        "officer_id": invitation.officer_id,
    }
    membership = Membership.objects.filter(user=user, **same).first()
    if membership is None:
        membership = Membership(user=user, **same)
    membership.is_active = True
    try:
        membership.full_clean()
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from None
    membership.save()
    return membership
