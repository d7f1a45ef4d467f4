from __future__ import annotations

import pytest

from roster.models import Officer, School
from roster.scoping import forget_scope
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_a_principal_sees_only_officers_assigned_to_their_school(world) -> None:
    colleague_school = SchoolFactory(district=world.district)
    elsewhere = AssignmentFactory(school=colleague_school).officer

    visible = set(Officer.objects.visible_to(world.users["principal"]))

    assert visible == {world.officer}
    assert elsewhere not in visible


def test_a_supervisor_sees_their_agency_and_an_officer_only_themself(world) -> None:
    teammate = OfficerFactory(agency=world.agency)

    assert set(Officer.objects.visible_to(world.users["supervisor"])) == {world.officer, teammate}
    assert set(Officer.objects.visible_to(world.users["officer"])) == {world.officer}


def test_a_coordinator_sees_the_whole_district_and_nothing_beyond(world) -> None:
    assert set(School.objects.visible_to(world.users["coordinator"])) == {world.school}
    assert world.other_officer not in Officer.objects.visible_to(world.users["coordinator"])


def test_an_account_without_membership_sees_nothing(world) -> None:
    user = world.users["principal"]
    user.memberships.all().delete()
    forget_scope(user)

    assert not Officer.objects.visible_to(user).exists()


def test_an_out_of_scope_officer_page_is_404(world, client_for) -> None:
    principal = client_for(world.users["principal"])

    assert principal.get(f"/officers/{world.officer.pk}/").status_code == 200
    assert principal.get(f"/officers/{world.other_officer.pk}/").status_code == 404


def test_a_deactivated_membership_gives_no_scope_on_pages_or_the_api(
    world, client_for, api_for
) -> None:
    coordinator = world.users["coordinator"]
    coordinator.memberships.update(is_active=False)
    forget_scope(coordinator)

    assert not Officer.objects.visible_to(coordinator).exists()
    assert not School.objects.visible_to(coordinator).exists()
    assert client_for(coordinator).get(f"/officers/{world.officer.pk}/").status_code == 404
    assert api_for(coordinator).get("/api/v1/officers/").status_code == 403
