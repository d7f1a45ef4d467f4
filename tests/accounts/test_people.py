"""The coordinator's people page: who has access, changing a role, ending access."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import ApiToken
from core.models import AuditEvent
from roster.models import Membership, Role
from tests.factories.accounts import InvitationFactory, api_token_for
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db


def _membership_of(user) -> Membership:
    return Membership.objects.get(user=user)


def test_the_people_page_lists_the_districts_memberships_and_pending_invitations(
    world, client_for, django_assert_max_num_queries
) -> None:
    InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR], email="soon@example.org"
    )
    outsider = coordinator_of(world.other_district, username="the-outsider")
    coordinator = client_for(world.users[Role.COORDINATOR])

    with django_assert_max_num_queries(12):
        page = coordinator.get("/accounts/").content.decode()

    for name in ("the-principal", "the-supervisor", "the-officer", "soon@example.org"):
        assert name in page
    assert outsider.username not in page


def test_the_people_page_searches_and_filters_by_role(world, client_for) -> None:
    coordinator = client_for(world.users[Role.COORDINATOR])

    by_role = coordinator.get("/accounts/", {"role": "supervisor"}).content.decode()
    by_name = coordinator.get("/accounts/", {"q": "princ"}).content.decode()

    assert "the-supervisor" in by_role
    assert "the-principal" not in by_role
    assert "the-principal" in by_name
    assert "the-supervisor" not in by_name


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_do_not_reach_the_people_pages(world, client_for, role) -> None:
    client = client_for(world.users[role])
    principal_membership = _membership_of(world.users[Role.PRINCIPAL])

    assert client.get("/accounts/").status_code == 404
    assert client.get(f"/accounts/memberships/{principal_membership.pk}/").status_code == 404


def test_another_districts_coordinator_gets_404_on_this_districts_people(world, client_for) -> None:
    outsider = client_for(coordinator_of(world.other_district))
    membership = _membership_of(world.users[Role.PRINCIPAL])

    assert outsider.get(f"/accounts/memberships/{membership.pk}/").status_code == 404
    response = outsider.post(
        f"/accounts/memberships/{membership.pk}/", {"action": "end", "reason": "no"}
    )
    assert response.status_code == 404
    assert Membership.objects.get(pk=membership.pk).is_active
    assert "the-principal" not in outsider.get("/accounts/").content.decode()


def test_an_inactive_coordinator_sees_nobody(world, client_for) -> None:
    ended = coordinator_of(world.district, username="the-ended")
    Membership.objects.filter(user=ended).update(is_active=False)

    assert client_for(ended).get("/accounts/").status_code == 404


def test_a_coordinator_moves_a_principal_to_another_school(world, client_for) -> None:
    world.next_door()
    membership = _membership_of(world.users[Role.PRINCIPAL])

    response = client_for(world.users[Role.COORDINATOR]).post(
        f"/accounts/memberships/{membership.pk}/",
        {
            "action": "update",
            "role": "principal",
            "school": world.next_school.pk,
            "reason": "moved",
        },
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.school == world.next_school
    event = AuditEvent.objects.get(action="membership.changed")
    assert event.changes["school"] == [world.school.pk, world.next_school.pk]


def test_a_scope_from_another_district_is_refused_and_nothing_changes(world, client_for) -> None:
    membership = _membership_of(world.users[Role.PRINCIPAL])

    response = client_for(world.users[Role.COORDINATOR]).post(
        f"/accounts/memberships/{membership.pk}/",
        {"action": "update", "role": "principal", "school": world.other_school.pk},
    )

    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).school == world.school


def test_ending_access_shows_the_person_nothing_on_their_next_page_and_api_call(
    world, client_for
) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    _, secret = api_token_for(supervisor)
    page = client_for(supervisor)
    api = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    assert world.officer.last_name in page.get(f"/officers/{world.officer.pk}/").content.decode()
    assert api.get("/api/v1/officers/").json()["count"] == 1
    membership = _membership_of(supervisor)

    response = client_for(world.users[Role.COORDINATOR]).post(
        f"/accounts/memberships/{membership.pk}/", {"action": "end", "reason": "left the agency"}
    )

    assert response.status_code == 302
    assert page.get(f"/officers/{world.officer.pk}/").status_code == 404
    assert world.officer.last_name not in page.get("/officers/").content.decode()
    assert api.get("/api/v1/officers/").status_code == 401  # the token is gone
    assert not ApiToken.objects.filter(user=supervisor).exists()
    event = AuditEvent.objects.get(action="membership.ended")
    assert event.reason == "left the agency"


def test_ending_one_of_two_roles_keeps_the_tokens_but_not_the_ended_scope(
    world, client_for, api_for
) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    Membership.objects.create(
        user=supervisor, role=Role.PRINCIPAL, district=world.district, school=world.school
    )
    api_token_for(supervisor)
    membership = Membership.objects.get(user=supervisor, role=Role.SUPERVISOR)

    client_for(world.users[Role.COORDINATOR]).post(
        f"/accounts/memberships/{membership.pk}/", {"action": "end", "reason": "now a principal"}
    )

    assert ApiToken.objects.filter(user=supervisor).exists()
    me = api_for(supervisor).get("/api/v1/me/").json()
    assert me["roles"] == ["principal"]


def test_ending_access_needs_a_reason(world, client_for) -> None:
    membership = _membership_of(world.users[Role.PRINCIPAL])

    response = client_for(world.users[Role.COORDINATOR]).post(
        f"/accounts/memberships/{membership.pk}/", {"action": "end", "reason": ""}
    )

    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).is_active


def test_a_coordinator_cannot_end_their_own_last_coordinator_access(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    membership = _membership_of(coordinator)

    response = client_for(coordinator).post(
        f"/accounts/memberships/{membership.pk}/", {"action": "end", "reason": "oops"}
    )

    assert response.status_code == 200
    assert "last coordinator" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).is_active


def test_a_coordinator_cannot_demote_themself_even_with_a_colleague(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    coordinator_of(world.district, username="the-colleague")
    membership = _membership_of(coordinator)

    response = client_for(coordinator).post(
        f"/accounts/memberships/{membership.pk}/",
        {"action": "update", "role": "principal", "school": world.school.pk},
    )

    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).role == Role.COORDINATOR


def test_a_coordinator_withdraws_a_pending_invitation(world, client_for) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )
    coordinator = client_for(world.users[Role.COORDINATOR])

    response = coordinator.post(f"/accounts/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 302
    assert Client().get(f"/accounts/invitations/{invitation.token}/").status_code == 410


def test_another_districts_coordinator_cannot_withdraw_an_invitation(world, client_for) -> None:
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )

    response = client_for(coordinator_of(world.other_district)).post(
        f"/accounts/invitations/{invitation.pk}/revoke/"
    )

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
