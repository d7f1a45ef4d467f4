"""The coordinator adds the district's school years; years never overlap."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.models import AuditEvent
from roster.models import EvaluationPeriod, Membership
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db


def _coordinator(world):
    return world.users["coordinator"]


def _next_year(world) -> dict[str, str]:
    start = world.period.end_date + datetime.timedelta(days=1)
    return {
        "name": f"{start.year}-{(start.year + 1) % 100:02d}",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=300)).isoformat(),
    }


def test_the_coordinator_adds_the_next_school_year_with_its_audit_row(world, client_for) -> None:
    client = client_for(_coordinator(world))
    data = _next_year(world)

    response = client.post(reverse("roster:periods"), data)

    assert response.status_code == 302
    period = EvaluationPeriod.objects.get(district=world.district, name=data["name"])
    assert period.start_date.isoformat() == data["start_date"]
    event = AuditEvent.objects.get(action="period.created")
    assert event.district_id == world.district.pk
    listed = client.get(reverse("roster:periods")).content.decode()
    assert data["name"] in listed


def test_a_year_overlapping_another_is_refused_and_nothing_is_stored(world, client_for) -> None:
    client = client_for(_coordinator(world))
    data = _next_year(world)
    data["start_date"] = world.period.end_date.isoformat()
    before = EvaluationPeriod.objects.count()

    response = client.post(reverse("roster:periods"), data)

    assert response.status_code == 400
    assert f"overlap the school year {world.period.name}" in response.content.decode()
    assert EvaluationPeriod.objects.count() == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "2026/27"}, "A school year is written like 2026-27."),
        ({"end_date": "2020-01-01"}, "The period must end after it starts."),
        ({"start_date": "not a day"}, "Enter a valid date."),
    ],
)
def test_a_bad_year_is_refused_naming_the_field(world, client_for, change, message) -> None:
    data = {**_next_year(world), **change}
    before = EvaluationPeriod.objects.count()

    response = client_for(_coordinator(world)).post(reverse("roster:periods"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert EvaluationPeriod.objects.count() == before


def test_a_year_name_already_used_is_refused(world, client_for) -> None:
    data = {**_next_year(world), "name": world.period.name}
    before = EvaluationPeriod.objects.count()

    response = client_for(_coordinator(world)).post(reverse("roster:periods"), data)

    assert response.status_code == 400
    assert f"already has the school year {world.period.name}" in response.content.decode()
    assert EvaluationPeriod.objects.count() == before


@pytest.mark.parametrize("who", ["principal", "supervisor", "officer"])
def test_other_roles_can_neither_see_nor_add_school_years(world, client_for, who) -> None:
    client = client_for(world.users[who])
    before = EvaluationPeriod.objects.count()

    assert client.get(reverse("roster:periods")).status_code == 403
    assert client.post(reverse("roster:periods"), _next_year(world)).status_code == 403
    assert EvaluationPeriod.objects.count() == before


def test_a_coordinator_whose_membership_ended_can_add_nothing(world, client_for) -> None:
    Membership.objects.filter(user=_coordinator(world)).update(is_active=False)
    client = client_for(_coordinator(world))
    before = EvaluationPeriod.objects.count()

    assert client.get(reverse("roster:periods")).status_code == 403
    assert client.post(reverse("roster:periods"), _next_year(world)).status_code == 403
    assert EvaluationPeriod.objects.count() == before


def test_another_districts_coordinator_does_not_see_the_year(world, client_for) -> None:
    data = _next_year(world)
    client_for(_coordinator(world)).post(reverse("roster:periods"), data)

    listed = client_for(coordinator_of(world.other_district)).get(reverse("roster:periods"))

    assert data["name"] not in listed.content.decode()
