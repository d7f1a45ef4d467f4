"""A coordinator records the district's MOUs with its agencies and changes their terms."""

from __future__ import annotations

import datetime

import pytest

from core.audit import audit_history
from core.errors import ApplicationError
from core.models import AuditEvent
from roster.models import MOU, Membership
from roster.services.mous import mou_create, mou_update
from tests.factories.roster import AgencyFactory, MOUFactory, coordinator_of

pytestmark = pytest.mark.django_db

# The world's MOUs run from 2024-07-01 to 2029-06-30.
NEW_TERMS = {
    "effective_date": "2029-07-01",
    "end_date": "2034-06-30",
    "next_review_date": "2032-05-01",
    "removal_response_days": 21,
}


def _new_agency(world) -> object:
    agency = AgencyFactory(code="HOMESO", name="Home County Sheriff")
    agency.districts.add(world.district)
    return agency


# Services


def test_recording_an_mou_links_the_agency_to_the_district_and_is_audited(world) -> None:
    agency = AgencyFactory(code="HOMESO")

    mou = mou_create(
        district=world.district,
        agency=agency,
        effective_date=datetime.date(2026, 7, 1),
        actor=world.users["coordinator"],
    )

    assert list(agency.districts.all()) == [world.district]
    [event] = audit_history(mou)
    assert (event.action, event.district_id) == ("mou.created", world.district.pk)


def test_two_mous_of_a_district_and_agency_in_force_on_one_day_are_refused(world) -> None:
    events = AuditEvent.objects.count()

    with pytest.raises(ApplicationError, match="in force from 2024-07-01 until 2029-06-30"):
        mou_create(
            district=world.district,
            agency=world.agency,
            effective_date=datetime.date(2029, 6, 30),
            actor=world.users["coordinator"],
        )

    assert MOU.objects.filter(district=world.district, agency=world.agency).count() == 1
    assert AuditEvent.objects.count() == events


def test_the_next_mou_may_start_the_day_after_the_last_one_ends(world) -> None:
    mou_create(
        district=world.district,
        agency=world.agency,
        effective_date=datetime.date(2029, 7, 1),
        actor=world.users["coordinator"],
    )

    assert MOU.objects.filter(district=world.district, agency=world.agency).count() == 2


def test_an_open_ended_mou_overlaps_every_later_one(world) -> None:
    agency = _new_agency(world)
    MOUFactory(
        district=world.district,
        agency=agency,
        effective_date=datetime.date(2020, 1, 1),
        end_date=None,
    )

    with pytest.raises(ApplicationError, match="with no end date"):
        mou_create(
            district=world.district,
            agency=agency,
            effective_date=datetime.date(2031, 1, 1),
            actor=world.users["coordinator"],
        )


def test_changing_the_terms_records_what_changed(world) -> None:
    mou = MOU.objects.get(district=world.district)

    mou_update(
        mou=mou,
        effective_date=mou.effective_date,
        end_date=mou.end_date,
        next_review_date=mou.next_review_date,
        removal_response_days=14,
        actor=world.users["coordinator"],
    )

    [event] = audit_history(mou)
    assert (event.action, event.changes) == ("mou.updated", {"removal_response_days": [30, 14]})


# Pages


def test_the_coordinator_records_an_mou_on_the_page(world, client_for) -> None:
    agency = _new_agency(world)
    client = client_for(world.users["coordinator"])

    response = client.post(
        "/setup/mous/new/", {"district": world.district.pk, "agency": agency.pk, **NEW_TERMS}
    )

    mou = MOU.objects.get(agency=agency)
    assert response.status_code == 302
    assert response["Location"] == f"/setup/mous/{mou.pk}/"
    page = client.get(response["Location"]).text
    assert "The MOU with Home County Sheriff was recorded." in page
    assert 'href="/training/catalog/"' in page
    assert mou.removal_response_days == 21


def test_an_overlapping_mou_is_a_clear_error_on_the_page_and_stores_nothing(
    world, client_for
) -> None:
    client = client_for(world.users["coordinator"])
    terms = {**NEW_TERMS, "effective_date": "2028-01-01"}

    response = client.post(
        "/setup/mous/new/", {"district": world.district.pk, "agency": world.agency.pk, **terms}
    )

    assert response.status_code == 200
    assert "two can&#x27;t be in force on the same day" in response.text
    assert MOU.objects.filter(district=world.district, agency=world.agency).count() == 1


def test_an_mou_ending_before_it_starts_is_an_error_next_to_the_end_date(world, client_for) -> None:
    mou = MOU.objects.get(district=world.district)
    client = client_for(world.users["coordinator"])

    response = client.post(f"/setup/mous/{mou.pk}/", {**NEW_TERMS, "effective_date": "2035-01-01"})

    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    mou.refresh_from_db()
    assert mou.effective_date == datetime.date(2024, 7, 1)


def test_the_coordinator_changes_an_mous_terms(world, client_for) -> None:
    mou = MOU.objects.get(district=world.district)
    client = client_for(world.users["coordinator"])

    response = client.post(
        f"/setup/mous/{mou.pk}/",
        {
            "effective_date": "2024-07-01",
            "end_date": "2029-06-30",
            "next_review_date": "",
            "removal_response_days": 10,
        },
    )

    assert response.status_code == 302
    mou.refresh_from_db()
    assert (mou.next_review_date, mou.removal_response_days) == (None, 10)


def test_the_mou_list_shows_the_districts_mous_only(
    world, client_for, django_assert_max_num_queries
) -> None:
    for n in range(8):
        agency = AgencyFactory(code=f"HOMEX{n}")
        MOUFactory(district=world.district, agency=agency)
    client = client_for(world.users["coordinator"])

    with django_assert_max_num_queries(10):
        response = client.get("/setup/mous/")

    assert response.context["page"].paginator.count == 9
    assert "AWAYPD" not in response.text


def test_another_districts_coordinator_gets_a_404_for_the_mou(world, client_for) -> None:
    mou = MOU.objects.get(district=world.district)
    client = client_for(coordinator_of(world.other_district, username="the-outsider"))

    assert client.get(f"/setup/mous/{mou.pk}/").status_code == 404
    assert client.post(f"/setup/mous/{mou.pk}/", NEW_TERMS).status_code == 404
    mou.refresh_from_db()
    assert mou.removal_response_days == 30


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_manage_mous(world, client_for, role) -> None:
    agency = _new_agency(world)
    mou = MOU.objects.get(district=world.district)
    client = client_for(world.users[role])

    assert client.get("/setup/mous/").status_code == 403
    posted = client.post(
        "/setup/mous/new/", {"district": world.district.pk, "agency": agency.pk, **NEW_TERMS}
    )
    assert posted.status_code == 403
    assert client.get(f"/setup/mous/{mou.pk}/").status_code == 404
    assert not MOU.objects.filter(agency=agency).exists()


def test_an_inactive_coordinator_sees_no_mous(world, client_for) -> None:
    user = coordinator_of(world.district, username="the-former-coordinator")
    Membership.objects.filter(user=user).update(is_active=False)
    client = client_for(user)
    mou = MOU.objects.get(district=world.district)

    assert client.get("/setup/mous/").status_code == 403
    assert client.get(f"/setup/mous/{mou.pk}/").status_code == 404


# API


def test_the_coordinator_records_an_mou_through_the_api(world, api_for) -> None:
    agency = AgencyFactory(code="HOMESO")
    api = api_for(world.users["coordinator"])

    response = api.post(
        "/api/v1/mous/",
        {"district": world.district.pk, "agency": agency.pk, "effective_date": "2026-07-01"},
        format="json",
    )

    # Not linked yet: the agency is the district's through the API only once linked or under an MOU.
    assert response.status_code == 404
    agency.districts.add(world.district)
    response = api.post(
        "/api/v1/mous/",
        {"district": world.district.pk, "agency": agency.pk, "effective_date": "2026-07-01"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["removal_response_days"] == 30


def test_an_overlapping_mou_through_the_api_is_a_400_and_stores_nothing(world, api_for) -> None:
    api = api_for(world.users["coordinator"])
    events = AuditEvent.objects.count()

    response = api.post(
        "/api/v1/mous/",
        {"district": world.district.pk, "agency": world.agency.pk, "effective_date": "2025-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "two can't be in force on the same day" in response.json()["detail"]
    assert MOU.objects.filter(district=world.district).count() == 1
    assert AuditEvent.objects.count() == events


def test_bad_mou_input_is_a_400_naming_the_fields(world, api_for) -> None:
    api = api_for(world.users["coordinator"])
    mou = MOU.objects.get(district=world.district)

    created = api.post(
        "/api/v1/mous/", {"district": world.district.pk, "removal_response_days": 0}, format="json"
    )
    patched = api.patch(f"/api/v1/mous/{mou.pk}/", {"end_date": "2020-01-01"}, format="json")

    assert created.status_code == 400
    assert {"agency", "effective_date", "removal_response_days"} <= set(created.json())
    assert patched.status_code == 400
    assert "end_date" in patched.json()
    mou.refresh_from_db()
    assert mou.end_date == datetime.date(2029, 6, 30)


def test_the_coordinator_changes_an_mou_through_the_api(world, api_for) -> None:
    mou = MOU.objects.get(district=world.district)
    api = api_for(world.users["coordinator"])

    response = api.patch(
        f"/api/v1/mous/{mou.pk}/",
        {"next_review_date": None, "removal_response_days": 7},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["next_review_date"], response.json()["removal_response_days"]) == (
        None,
        7,
    )


def test_another_districts_mou_or_district_is_a_404_through_the_api(world, api_for) -> None:
    api = api_for(world.users["coordinator"])
    away = MOU.objects.get(district=world.other_district)

    patched = api.patch(f"/api/v1/mous/{away.pk}/", {"removal_response_days": 1}, format="json")
    created = api.post(
        "/api/v1/mous/",
        {
            "district": world.other_district.pk,
            "agency": world.agency.pk,
            "effective_date": "2030-01-01",
        },
        format="json",
    )

    assert (patched.status_code, created.status_code) == (404, 404)
    away.refresh_from_db()
    assert away.removal_response_days == 30
    assert MOU.objects.filter(district=world.other_district).count() == 1


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_write_mous_through_the_api(world, api_for, role) -> None:
    mou = MOU.objects.get(district=world.district)
    api = api_for(world.users[role])

    patched = api.patch(f"/api/v1/mous/{mou.pk}/", {"removal_response_days": 1}, format="json")

    assert patched.status_code == 403
    mou.refresh_from_db()
    assert mou.removal_response_days == 30


def test_the_mou_api_list_costs_the_same_queries_for_many_mous(
    world, api_for, django_assert_max_num_queries
) -> None:
    for n in range(20):
        MOUFactory(district=world.district, agency=AgencyFactory(code=f"HOMEX{n}"))
    api = api_for(world.users["coordinator"])

    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/mous/")

    assert response.json()["count"] == 21
