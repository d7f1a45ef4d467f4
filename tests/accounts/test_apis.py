"""The memberships and invitations APIs: the same services as the pages, coordinator only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from accounts.models import ApiToken, Invitation
from roster.models import Membership, Role
from tests.factories.accounts import InvitationFactory, api_token_for
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db


def _membership_of(user) -> Membership:
    return Membership.objects.get(user=user)


def test_the_coordinator_lists_the_districts_memberships_in_few_queries(
    world, api_for, django_assert_max_num_queries
) -> None:
    for n in range(20):
        coordinator_of(world.district, username=f"colleague-{n}")
    outsider = coordinator_of(world.other_district)

    with django_assert_max_num_queries(6):
        response = api_for(world.users[Role.COORDINATOR]).get("/api/v1/memberships/")

    assert response.status_code == 200
    users = {row["username"] for row in response.json()["results"]}
    assert {"the-principal", "the-supervisor", "the-officer"} <= users
    assert outsider.username not in users
    assert response.json()["count"] == 24


def test_memberships_filter_by_role(world, api_for) -> None:
    response = api_for(world.users[Role.COORDINATOR]).get(
        "/api/v1/memberships/", {"role": "officer"}
    )

    assert [row["username"] for row in response.json()["results"]] == ["the-officer"]


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_are_refused(world, api_for, role) -> None:
    api = api_for(world.users[role])
    membership = _membership_of(world.users[Role.PRINCIPAL])

    assert api.get("/api/v1/memberships/").status_code == 403
    assert (
        api.patch(
            f"/api/v1/memberships/{membership.pk}/",
            {"is_active": False, "reason": "x"},
            format="json",
        ).status_code
        == 403
    )
    assert (
        api.post(
            "/api/v1/invitations/",
            {"district": world.district.pk, "email": "x@example.org", "role": "coordinator"},
            format="json",
        ).status_code
        == 403
    )
    assert Membership.objects.get(pk=membership.pk).is_active
    assert not Invitation.objects.exists()


def test_ending_access_through_the_api_empties_the_persons_next_call(world, api_for) -> None:
    officer = world.users[Role.OFFICER]
    _, secret = api_token_for(officer)
    membership = _membership_of(officer)

    response = api_for(world.users[Role.COORDINATOR]).patch(
        f"/api/v1/memberships/{membership.pk}/",
        {"is_active": False, "reason": "retired"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert Client(HTTP_AUTHORIZATION=f"Token {secret}").get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.filter(user=officer).exists()
    assert api_for(officer).get("/api/v1/officers/").status_code == 403


def test_a_role_change_through_the_api(world, api_for) -> None:
    membership = _membership_of(world.users[Role.SUPERVISOR])

    response = api_for(world.users[Role.COORDINATOR]).patch(
        f"/api/v1/memberships/{membership.pk}/",
        {"role": "principal", "school": world.school.pk, "agency": None},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["role"], response.json()["school"]) == ("principal", world.school.pk)


def test_a_scope_of_another_district_is_a_clear_400_and_nothing_changes(world, api_for) -> None:
    membership = _membership_of(world.users[Role.PRINCIPAL])

    response = api_for(world.users[Role.COORDINATOR]).patch(
        f"/api/v1/memberships/{membership.pk}/",
        {"role": "principal", "school": world.other_school.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "school" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).school == world.school


def test_another_districts_coordinator_gets_404(world, api_for) -> None:
    membership = _membership_of(world.users[Role.PRINCIPAL])
    invitation = InvitationFactory(
        district=world.district, invited_by=world.users[Role.COORDINATOR]
    )
    outsider = api_for(coordinator_of(world.other_district))

    assert outsider.get(f"/api/v1/memberships/{membership.pk}/").status_code == 404
    assert (
        outsider.patch(
            f"/api/v1/memberships/{membership.pk}/",
            {"is_active": False, "reason": "x"},
            format="json",
        ).status_code
        == 404
    )
    assert outsider.delete(f"/api/v1/invitations/{invitation.pk}/").status_code == 404
    assert (
        outsider.post(
            "/api/v1/invitations/",
            {"district": world.district.pk, "email": "x@example.org", "role": "coordinator"},
            format="json",
        ).status_code
        == 404
    )
    assert Membership.objects.get(pk=membership.pk).is_active
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None
    assert Invitation.objects.count() == 1


def test_an_invitation_through_the_api_is_mailed_listed_and_revoked(
    world, api_for, django_capture_on_commit_callbacks
) -> None:
    api = api_for(world.users[Role.COORDINATOR])

    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            "/api/v1/invitations/",
            {
                "district": world.district.pk,
                "email": "sup@example.org",
                "role": "supervisor",
                "agency": world.agency.pk,
            },
            format="json",
        )

    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    assert "token" not in created.json()
    assert mail.outbox[0].to == ["sup@example.org"]
    listed = api.get("/api/v1/invitations/").json()["results"]
    assert [row["email"] for row in listed] == ["sup@example.org"]
    assert api.delete(f"/api/v1/invitations/{created.json()['id']}/").status_code == 204
    assert Invitation.objects.get().revoked_at is not None


def test_an_officer_invitation_needs_an_officer_of_the_district(world, api_for) -> None:
    response = api_for(world.users[Role.COORDINATOR]).post(
        "/api/v1/invitations/",
        {
            "district": world.district.pk,
            "email": "o@example.org",
            "role": "officer",
            "officer": world.other_officer.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_inactive_coordinator_gets_nothing_from_the_api(world, api_for) -> None:
    ended = coordinator_of(world.district, username="the-ended")
    Membership.objects.filter(user=ended).update(is_active=False)
    api = api_for(ended)

    assert api.get("/api/v1/memberships/").status_code == 403
    assert api.get("/api/v1/invitations/").status_code == 403


def test_the_invitation_list_costs_the_same_queries_for_many(
    world, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(20):
        InvitationFactory(district=world.district, invited_by=world.users[Role.COORDINATOR])
    InvitationFactory(district=world.other_district, invited_by=world.users[Role.COORDINATOR])

    with django_assert_max_num_queries(6):
        response = api_for(world.users[Role.COORDINATOR]).get("/api/v1/invitations/")

    assert response.json()["count"] == 20


def test_a_relay_that_is_down_keeps_the_invitation_and_logs(
    world, api_for, settings, django_capture_on_commit_callbacks, caplog
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(world.users[Role.COORDINATOR]).post(
            "/api/v1/invitations/",
            {"district": world.district.pk, "email": "x@example.org", "role": "coordinator"},
            format="json",
        )

    assert response.status_code == 201
    assert Invitation.objects.count() == 1
    assert "could not be mailed" in caplog.text
