"""Scoping guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import dataclasses

import pytest

from roster.models import Officer
from roster.scoping import scope_for
from tests.factories.roster import AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_a_scope_kept_for_the_request_cannot_be_widened_by_code_that_holds_it(world) -> None:
    """The scope is cached on the user and shared by every check of the request: if a
    caller could add a school to it, every later check in that request would see it."""
    principal = world.users["principal"]
    scope = scope_for(principal)

    with pytest.raises(dataclasses.FrozenInstanceError):
        scope.school_ids = scope.school_ids | {world.other_school.pk}

    assert scope_for(principal) is scope
    assert set(Officer.objects.visible_to(principal)) == {world.officer}


def test_a_role_lets_its_holder_through_and_only_its_holder(world, api_for) -> None:
    """The roster import is for coordinators: the coordinator gets past the role check
    (and is told the file is missing), a principal of the same district is refused."""
    url = "/api/v1/roster/imports/"

    assert api_for(world.users["coordinator"]).post(url, {}).status_code == 400
    assert api_for(world.users["principal"]).post(url, {}).status_code == 403


def test_an_anonymous_visitor_sees_nothing_even_where_a_view_forgot_the_login(world) -> None:
    """visible_to() is the last line: a page that forgot to require a login must
    still find no officer or school for an anonymous visitor."""
    from django.contrib.auth.models import AnonymousUser

    from roster.models import School

    for visitor in (AnonymousUser(), None):
        assert not Officer.objects.visible_to(visitor).exists()
        assert not School.objects.visible_to(visitor).exists()


def test_a_coordinator_sees_an_officer_either_placed_in_a_district_school_or_under_its_mou(
    world,
) -> None:
    """Two ways into a coordinator's scope, each enough alone: an officer of an agency
    under the district's MOU not yet placed at a school, and an officer placed at a
    district school by an agency with no MOU with the district."""
    from tests.factories.roster import AgencyFactory, MOUFactory

    partner = AgencyFactory(code="PARTNERPD")
    MOUFactory(district=world.district, agency=partner)
    unplaced = OfficerFactory(agency=partner)
    placed = AssignmentFactory(
        school=world.school, officer=OfficerFactory(agency=AgencyFactory(code="NOMOUPD"))
    ).officer

    visible = set(Officer.objects.visible_to(world.users["coordinator"]))

    assert {unplaced, placed} <= visible
    assert world.other_officer not in visible
