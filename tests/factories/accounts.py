"""Invitations and API tokens, and how to build them where the home district can't reach."""

from __future__ import annotations

import datetime
import secrets

import factory
from django.utils import timezone

from accounts.models import ApiToken, Invitation, invitation_token_hash
from roster.models import Role
from tests.factories.roster import DistrictFactory, UserFactory, coordinator_of
from tests.scoping import out_of_scope


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    """A pending coordinator invitation; ``token`` (not stored) is kept on the instance."""

    class Meta:
        model = Invitation

    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.COORDINATOR
    district = factory.SubFactory(DistrictFactory)
    invited_by = factory.SubFactory(UserFactory)
    token_hash = factory.LazyAttribute(lambda o: invitation_token_hash(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @classmethod
    def _create(cls, model_class, *args, token: str, **kwargs):
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token  # what the mail would carry; never stored
        return invitation


def api_token_for(user) -> tuple[ApiToken, str]:
    return ApiToken.objects.create(user=user)


@out_of_scope(Invitation)
def _invitation(world):
    return InvitationFactory(
        district=world.other_district, invited_by=coordinator_of(world.other_district)
    )


@out_of_scope(ApiToken)
def _api_token(world):
    return api_token_for(coordinator_of(world.other_district))[0]
