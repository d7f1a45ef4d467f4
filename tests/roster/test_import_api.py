"""POST /api/v1/roster/imports/: who may import into which district."""

from __future__ import annotations

import io

import pytest

from roster.models import Membership, Role, School

pytestmark = pytest.mark.django_db

URL = "/api/v1/roster/imports/"


def _schools() -> io.BytesIO:
    upload = io.BytesIO(b"school_code,name\nRHS,Riverside High\n")
    upload.name = "schools.csv"
    return upload


def test_a_coordinator_naming_another_district_gets_404_and_nothing_is_stored(
    world, api_for
) -> None:
    api = api_for(world.users[Role.COORDINATOR])

    response = api.post(URL, {"file": _schools(), "district": "AWAY"}, format="multipart")

    assert response.status_code == 404
    assert not School.objects.filter(code="RHS").exists()


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_are_refused(world, api_for, role) -> None:
    response = api_for(world.users[role]).post(URL, {"file": _schools()}, format="multipart")

    assert response.status_code in (403, 404)
    assert not School.objects.filter(code="RHS").exists()


def test_an_inactive_coordinator_is_refused(world, api_for) -> None:
    user = world.users[Role.COORDINATOR]
    Membership.objects.filter(user=user).update(is_active=False)

    response = api_for(user).post(URL, {"file": _schools()}, format="multipart")

    assert response.status_code in (403, 404)
    assert not School.objects.filter(code="RHS").exists()


def test_a_malformed_agency_name_is_refused_clearly(world, api_for) -> None:
    api = api_for(world.users[Role.COORDINATOR])

    response = api.post(
        URL, {"file": _schools(), "agency_names": ["no equals sign"]}, format="multipart"
    )

    assert response.status_code == 400
    assert "write it CODE=Name" in str(response.json())
