"""A coordinator invites someone; the link in the mail makes their account and role, once."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation
from core.models import AuditEvent
from roster.models import Membership, Role
from tests.factories.accounts import InvitationFactory
from tests.factories.roster import UserFactory, coordinator_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-42"


def _link_in(message) -> str:
    return re.search(r"https?://\S+(/accounts/invitations/\S+/)", message.body).group(1)


def _invite(client, world, **fields):
    data = {
        "district": world.district.pk,
        "email": "new.principal@example.org",
        "role": "principal",
    }
    data.update(fields)
    return client.post("/accounts/invite/", data)


def test_an_invited_principal_accepts_the_mailed_link_and_is_logged_in_with_the_role(
    world, client_for, django_capture_on_commit_callbacks
) -> None:
    coordinator = client_for(world.users[Role.COORDINATOR])

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(coordinator, world, school=world.school.pk)

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.principal@example.org"]
    link = _link_in(mail.outbox[0])
    invitation = Invitation.objects.get()
    assert link.rstrip("/").rsplit("/", 1)[1] not in invitation.token_hash  # only a hash is kept

    from django.test import Client

    invitee = Client()
    assert invitee.get(link).status_code == 200
    accepted = invitee.post(
        link,
        {"username": "new.principal@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert accepted.status_code == 302
    user = get_user_model().objects.get(username="new.principal@example.org")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.school, membership.is_active) == (
        Role.PRINCIPAL,
        world.school,
        True,
    )
    assert invitee.get("/api/v1/me/").json()["roles"] == ["principal"]
    assert AuditEvent.objects.filter(action="invitation.accepted").exists()


def test_a_used_link_is_refused_with_410_and_creates_nothing_more(world, client) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )
    link = f"/accounts/invitations/{invitation.token}/"
    client.post(link, {"username": "first", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    users = get_user_model().objects.count()

    again = client.post(link, {"username": "second", "password1": PASSWORD, "password2": PASSWORD})

    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert get_user_model().objects.count() == users


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"expires_at": timezone.now() - datetime.timedelta(minutes=1)}, 410),
        ({"revoked_at": timezone.now()}, 410),
    ],
)
def test_an_expired_or_revoked_link_is_refused_and_creates_nothing(
    world, client, change, status
) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR], **change
    )
    users, memberships = get_user_model().objects.count(), Membership.objects.count()

    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "late", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == status
    assert get_user_model().objects.count() == users
    assert Membership.objects.count() == memberships


def test_a_made_up_link_is_404(client) -> None:
    assert client.get("/accounts/invitations/not-a-real-token/").status_code == 404


def test_a_link_never_opens_an_existing_account_without_its_password(world, client) -> None:
    victim = UserFactory(username="victim", email="victim@example.org")
    invitation = InvitationFactory(
        district=world.district,
        invited_by=world.users[Role.COORDINATOR],
        email="victim@example.org",
    )

    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "victim2", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 400
    assert "already uses this email address" in response.content.decode()
    victim.refresh_from_db()
    assert victim.check_password("correct horse battery")
    assert not Membership.objects.filter(user=victim).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_the_owner_of_the_address_adds_the_role_once_logged_in(world, client_for) -> None:
    owner = UserFactory(username="owner", email="Owner@Example.org")
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR], email="owner@example.org"
    )

    response = client_for(owner).post(f"/accounts/invitations/{invitation.token}/")

    assert response.status_code == 302
    assert Membership.objects.filter(user=owner, role=Role.COORDINATOR, is_active=True).exists()


def test_someone_logged_in_as_another_person_cannot_take_the_invitation(world, client_for) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )

    response = client_for(world.users[Role.PRINCIPAL]).post(
        f"/accounts/invitations/{invitation.token}/"
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(
        user=world.users[Role.PRINCIPAL], role=Role.COORDINATOR
    ).exists()


def test_a_weak_password_is_refused_next_to_the_field_and_nothing_is_created(world, client) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )

    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "weak", "password1": "password", "password2": "password"},
    )

    assert response.status_code == 400
    assert "too common" in response.content.decode()
    assert not get_user_model().objects.filter(username="weak").exists()


def test_inviting_again_replaces_the_old_link(
    world, client_for, django_capture_on_commit_callbacks
) -> None:
    coordinator = client_for(world.users[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator, world, school=world.school.pk)
        _invite(coordinator, world, school=world.school.pk)

    first, second = (_link_in(m) for m in mail.outbox)
    from django.test import Client

    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    assert Invitation.objects.pending().count() == 1


def test_a_supervisor_can_be_invited_only_for_an_agency_the_district_works_with(
    world, client_for
) -> None:
    response = _invite(
        client_for(world.users[Role.COORDINATOR]),
        world,
        role="supervisor",
        email="sup@example.org",
        agency=world.other_agency.pk,
    )

    assert response.status_code == 200  # the form again, with the error
    assert not Invitation.objects.exists()


def test_a_principal_invitation_needs_a_school(world, client_for) -> None:
    response = _invite(client_for(world.users[Role.COORDINATOR]), world)

    assert "A principal needs a school." in response.content.decode()
    assert not Invitation.objects.exists()


def test_another_districts_coordinator_cannot_invite_into_this_district(world, client_for) -> None:
    outsider = coordinator_of(world.other_district)

    response = _invite(client_for(outsider), world, school=world.school.pk)

    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_cannot_invite(world, client_for, role) -> None:
    response = _invite(client_for(world.users[role]), world, school=world.school.pk)

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_username_with_a_space_is_refused_next_to_the_field(world, client) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )

    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {"username": "John Smith", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 400
    assert not get_user_model().objects.filter(username="John Smith").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_inviting_again_after_expiry_gives_a_fresh_link(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    old = InvitationFactory(
        district=world.district,
        invited_by=coordinator,
        email="late@example.org",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )

    response = client_for(coordinator).post(
        "/accounts/invite/",
        {"district": world.district.pk, "email": "late@example.org", "role": "coordinator"},
    )

    assert response.status_code == 302
    assert Invitation.objects.get(pk=old.pk).revoked_at is not None
    assert Invitation.objects.pending().filter(email="late@example.org").count() == 1


def test_the_database_holds_one_open_link_per_person_role_and_scope(world) -> None:
    from django.db import IntegrityError, transaction

    coordinator = world.users[Role.COORDINATOR]
    InvitationFactory(district=world.district, invited_by=coordinator, email="dup@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(district=world.district, invited_by=coordinator, email="DUP@example.org")

    assert Invitation.objects.filter(email__iexact="dup@example.org").count() == 1
