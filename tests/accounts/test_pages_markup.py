"""The accounts pages: unique ids, labels and descriptions that point at something."""

from __future__ import annotations

import pytest
from django.test import Client

from roster.models import Membership, Role
from tests.factories.accounts import InvitationFactory, api_token_for
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db


def test_the_accounts_pages_have_unique_ids_and_no_dangling_references(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    membership = Membership.objects.get(user=world.users[Role.PRINCIPAL])
    invitation = InvitationFactory(district=world.district, invited_by=coordinator)
    api_token_for(coordinator)
    signed_in, anonymous = client_for(coordinator), Client()
    pages = [
        (signed_in, "/accounts/"),
        (signed_in, "/accounts/invite/"),
        (signed_in, f"/accounts/memberships/{membership.pk}/"),
        (signed_in, "/accounts/tokens/"),
        (anonymous, f"/accounts/invitations/{invitation.token}/"),
        (anonymous, "/password_reset/"),
        (anonymous, "/password_reset/done/"),
        (anonymous, "/reset/done/"),
        (anonymous, "/login/"),
    ]
    for client, url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert_ids_consistent(html)
        assert "<h1>" in html, url
