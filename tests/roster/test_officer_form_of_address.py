"""An officer's form of address (how Spanish survey pages name them: la oficial, el
oficial, or neutral wording): set by the coordinator on the officer pages and through the
API, audited, refused when unknown, shown in the list and detail, and mixed in the demo."""

from __future__ import annotations

from collections import Counter

import pytest

from core.audit import audit_history
from core.models import AuditEvent
from roster import demo
from roster.models import FormOfAddress, Officer
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db

FEMININE, MASCULINE, NEUTRAL = (
    FormOfAddress.FEMININE,
    FormOfAddress.MASCULINE,
    FormOfAddress.NEUTRAL,
)
NEW_OFFICER = {
    "badge_number": "8842",
    "first_name": "Guadalupe",
    "last_name": "Arellano",
    "email": "",
}


def _edit_data(officer: Officer, **changes) -> dict:
    return {
        "agency": officer.agency_id,
        "badge_number": officer.badge_number,
        "first_name": officer.first_name,
        "last_name": officer.last_name,
        "email": officer.email,
    } | changes


# Pages


def test_the_coordinator_adds_a_woman_officer_named_la_oficial(world, client_for) -> None:
    client = client_for(world.users["coordinator"])

    response = client.post(
        "/setup/officers/new/",
        {"agency": world.agency.pk, **NEW_OFFICER, "form_of_address": FEMININE},
    )

    officer = Officer.objects.get(last_name="Arellano")
    assert response.status_code == 302
    assert officer.form_of_address == FEMININE
    [event] = audit_history(officer)
    assert event.changes["form_of_address"] == [None, FEMININE]


def test_the_coordinator_changes_the_form_of_address_and_it_is_audited(world, client_for) -> None:
    client = client_for(world.users["coordinator"])
    form = client.get(f"/setup/officers/{world.officer.pk}/").text
    assert 'name="form_of_address"' in form
    assert '<option value="neutral" selected>' in form

    response = client.post(
        f"/setup/officers/{world.officer.pk}/", _edit_data(world.officer, form_of_address=MASCULINE)
    )

    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.form_of_address == MASCULINE
    [event] = audit_history(world.officer)
    assert (event.action, event.actor) == ("officer.updated", world.users["coordinator"])
    assert event.changes == {"form_of_address": [NEUTRAL, MASCULINE]}


def test_an_unknown_form_of_address_is_refused_on_the_page_and_nothing_changes(
    world, client_for
) -> None:
    client = client_for(world.users["coordinator"])
    events = AuditEvent.objects.count()

    response = client.post(
        f"/setup/officers/{world.officer.pk}/",
        _edit_data(world.officer, last_name="Changed", form_of_address="officer"),
    )

    assert response.status_code == 200
    assert "form_of_address" in response.context["form"].errors
    assert "There is a problem" in response.text
    world.officer.refresh_from_db()
    assert world.officer.last_name != "Changed"
    assert world.officer.form_of_address == NEUTRAL
    assert AuditEvent.objects.count() == events


def test_a_post_without_the_field_keeps_the_officers_form_of_address(world, client_for) -> None:
    Officer.objects.filter(pk=world.officer.pk).update(form_of_address=FEMININE)
    client = client_for(world.users["coordinator"])

    client.post(f"/setup/officers/{world.officer.pk}/", _edit_data(world.officer, last_name="Ruiz"))

    world.officer.refresh_from_db()
    assert (world.officer.last_name, world.officer.form_of_address) == ("Ruiz", FEMININE)


def test_the_list_and_the_detail_show_the_form_of_address(world, client_for) -> None:
    Officer.objects.filter(pk=world.officer.pk).update(form_of_address=FEMININE)
    client = client_for(world.users["supervisor"])

    listed = client.get("/officers/").text
    detail = client.get(f"/officers/{world.officer.pk}/").text

    assert '<th scope="col">Form of address</th>' in listed
    assert "Feminine (la oficial)" in listed
    assert "Form of address in Spanish surveys: Feminine (la oficial)" in detail


@pytest.mark.parametrize("role", ["principal", "supervisor", "officer"])
def test_other_roles_may_not_change_the_form_of_address(world, client_for, api_for, role) -> None:
    user = world.users[role]

    page = client_for(user).post(
        f"/setup/officers/{world.officer.pk}/", _edit_data(world.officer, form_of_address=FEMININE)
    )
    api = api_for(user).patch(
        f"/api/v1/officers/{world.officer.pk}/", {"form_of_address": FEMININE}, format="json"
    )

    assert (page.status_code, api.status_code) == (404, 403)
    world.officer.refresh_from_db()
    assert world.officer.form_of_address == NEUTRAL


# API


def test_the_api_creates_an_officer_with_a_form_of_address_and_shows_it(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    created = api.post(
        "/api/v1/officers/",
        {"agency": world.agency.pk, **NEW_OFFICER, "form_of_address": FEMININE},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["form_of_address"] == FEMININE
    assert Officer.objects.get(pk=created.json()["id"]).form_of_address == FEMININE


def test_the_api_defaults_to_neutral_wording(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    created = api.post(
        "/api/v1/officers/", {"agency": world.agency.pk, **NEW_OFFICER}, format="json"
    )

    assert created.json()["form_of_address"] == NEUTRAL


def test_the_api_patches_the_form_of_address_alone_with_an_audit_row(world, api_for) -> None:
    api = api_for(world.users["coordinator"])

    patched = api.patch(
        f"/api/v1/officers/{world.officer.pk}/", {"form_of_address": MASCULINE}, format="json"
    )

    assert patched.status_code == 200
    assert patched.json()["form_of_address"] == MASCULINE
    [event] = audit_history(world.officer)
    assert event.changes == {"form_of_address": [NEUTRAL, MASCULINE]}


@pytest.mark.parametrize("bad", ["officer", "Feminine", "", None, 1])
def test_the_api_refuses_an_unknown_form_of_address_naming_the_field_and_stores_nothing(
    world, api_for, bad
) -> None:
    api = api_for(world.users["coordinator"])
    events = AuditEvent.objects.count()

    created = api.post(
        "/api/v1/officers/",
        {"agency": world.agency.pk, **NEW_OFFICER, "form_of_address": bad},
        format="json",
    )
    patched = api.patch(
        f"/api/v1/officers/{world.officer.pk}/",
        {"last_name": "Changed", "form_of_address": bad},
        format="json",
    )

    assert (created.status_code, patched.status_code) == (400, 400)
    assert "form_of_address" in created.json()
    assert "form_of_address" in patched.json()
    assert not Officer.objects.filter(last_name="Arellano").exists()
    world.officer.refresh_from_db()
    assert world.officer.last_name != "Changed"
    assert world.officer.form_of_address == NEUTRAL
    assert AuditEvent.objects.count() == events


def test_another_districts_coordinator_gets_a_404_patching_the_form_of_address(
    world, api_for
) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    patched = api_for(outsider).patch(
        f"/api/v1/officers/{world.officer.pk}/", {"form_of_address": FEMININE}, format="json"
    )

    assert patched.status_code == 404
    world.officer.refresh_from_db()
    assert world.officer.form_of_address == NEUTRAL


# Demo


def test_the_demo_officers_have_a_mix_of_forms_of_address() -> None:
    context = demo.load_demo()

    forms = Counter(o.form_of_address for o in context.officers.values())
    assert set(forms) == {FEMININE, MASCULINE, NEUTRAL}
    assert min(forms.values()) >= 3
    linda = Officer.objects.get(badge_number="4126")
    assert (linda.first_name, linda.form_of_address) == ("Linda", FEMININE)
