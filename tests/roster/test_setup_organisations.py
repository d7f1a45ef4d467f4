"""The coordinator's setup pages: district settings, schools and agencies."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditEvent
from roster.models import District, Membership, School
from roster.services.organisations import district_settings_update
from tests.factories.roster import (
    DistrictFactory,
    MembershipFactory,
    SchoolFactory,
    coordinator_of,
)
from tests.factories.surveys import make_campaign, release_results, submit_many
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db

SETTINGS = {
    "name": "Home School District",
    "survey_min_responses": 6,
    "comment_min_responses": 9,
    "public_suppression_threshold": 11,
    "training_reminder_days": 45,
}


def _coordinator(world):
    return world.users["coordinator"]


# District settings ------------------------------------------------------------


def test_the_coordinator_changes_the_district_settings_and_the_change_is_audited(
    world, client_for
) -> None:
    client = client_for(_coordinator(world))
    url = reverse("roster:setup-district", args=[world.district.pk])

    page = client.get(url)
    response = client.post(url, SETTINGS)

    assert page.status_code == 200
    assert "nobody can work out what one person said" in page.content.decode()
    assert response.status_code == 302
    world.district.refresh_from_db()
    assert world.district.survey_min_responses == 6
    assert world.district.training_reminder_days == 45
    event = AuditEvent.objects.get(action="district.settings_updated")
    assert event.changes["survey_min_responses"] == [5, 6]
    assert event.actor == _coordinator(world)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("survey_min_responses", 2, "greater than or equal to 3"),
        ("comment_min_responses", 4, "can&#x27;t be below k"),
        ("training_reminder_days", 400, "less than or equal to 365"),
    ],
)
def test_the_settings_page_refuses_a_threshold_out_of_bounds_and_stores_nothing(
    world, client_for, field, value, message
) -> None:
    response = client_for(_coordinator(world)).post(
        reverse("roster:setup-district", args=[world.district.pk]), {**SETTINGS, field: value}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    world.district.refresh_from_db()
    assert world.district.survey_min_responses == 5
    assert not AuditEvent.objects.filter(action="district.settings_updated").exists()


def test_lowering_k_leaves_figures_already_released_as_suppressed_as_before(world) -> None:
    """Why lowering k is allowed: a release keeps the k it was made with."""
    from surveys.selectors.released import released_load

    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    submit_many(campaign, "student", world.school, world.officer, 6)
    release = release_results(campaign, actor=_coordinator(world))

    district_settings_update(
        district=world.district,
        actor=_coordinator(world),
        survey_min_responses=3,
        comment_min_responses=3,
    )

    released = released_load(period=world.period)
    assert released.k_of(release.pk) == 5
    assert released.comment_min_of(release.pk) == 8


@pytest.mark.parametrize("who", ["principal", "supervisor", "officer"])
def test_other_roles_cant_open_the_district_settings(world, client_for, who) -> None:
    response = client_for(world.users[who]).get(
        reverse("roster:setup-district", args=[world.district.pk])
    )

    assert response.status_code == 404


def test_an_outsider_coordinator_gets_404_for_another_district_and_changes_nothing(
    world, client_for
) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    response = client_for(outsider).post(
        reverse("roster:setup-district", args=[world.district.pk]), SETTINGS
    )

    assert response.status_code == 404
    world.district.refresh_from_db()
    assert world.district.name != "Home School District"
    assert not AuditEvent.objects.exists()


def test_a_coordinator_whose_membership_ended_sees_nothing(world, client_for) -> None:
    Membership.objects.filter(user=_coordinator(world)).update(is_active=False)
    client = client_for(_coordinator(world))

    settings_page = client.get(reverse("roster:setup-district", args=[world.district.pk]))
    schools = client.get(reverse("roster:schools"))
    agencies = client.get(reverse("roster:agencies"))
    school = client.post(reverse("roster:school-edit", args=[world.school.pk]), {"name": "X"})

    assert settings_page.status_code == 404
    assert schools.status_code == 403
    assert agencies.status_code == 403
    assert school.status_code == 404


# Schools ----------------------------------------------------------------------


def test_the_school_list_searches_filters_and_shows_enrollment(world, client_for) -> None:
    SchoolFactory(
        district=world.district,
        code="LIN-ES",
        name="Lincoln Elementary",
        level="elementary",
        enrollment=412,
    )
    client = client_for(_coordinator(world))

    everyone = client.get(reverse("roster:schools")).content.decode()
    by_name = client.get(reverse("roster:schools"), {"q": "linc"}).content.decode()
    by_level = client.get(reverse("roster:schools"), {"level": "high"}).content.decode()

    assert "Lincoln Elementary" in everyone
    assert "412" in everyone
    assert world.school.name in everyone
    assert world.other_school.name not in everyone
    assert "Lincoln Elementary" in by_name
    assert world.school.name not in by_name
    assert "Lincoln Elementary" not in by_level
    assert world.school.name in by_level


def test_the_school_list_costs_the_same_queries_for_many_schools(
    world, client_for, django_assert_max_num_queries
) -> None:
    for _ in range(40):
        SchoolFactory(district=world.district)
    client = client_for(_coordinator(world))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("roster:schools"))

    assert response.status_code == 200


def test_the_coordinator_adds_a_school_once_and_it_is_audited(world, client_for) -> None:
    client = client_for(_coordinator(world))
    data = {"code": "WASH-MS", "name": "Washington Middle", "level": "middle", "enrollment": "650"}

    first = client.post(reverse("roster:school-new"), data)
    again = client.post(reverse("roster:school-new"), data)

    assert first.status_code == 302
    school = School.objects.get(code="WASH-MS")
    assert school.district == world.district
    assert school.enrollment == 650
    assert again.status_code == 400
    assert "already has a school with the code WASH-MS" in again.content.decode()
    assert School.objects.filter(code="WASH-MS").count() == 1
    assert AuditEvent.objects.filter(action="school.created").count() == 1


def test_a_school_code_is_unique_in_the_district_whatever_its_case(world, client_for) -> None:
    response = client_for(_coordinator(world)).post(
        reverse("roster:school-new"), {"code": "home-hs", "name": "Copy", "level": "high"}
    )

    assert response.status_code == 400
    assert "already has a school with the code home-hs" in response.content.decode()
    assert not School.objects.filter(name="Copy").exists()
    assert not AuditEvent.objects.exists()


def test_another_district_may_use_the_same_school_code(world, client_for) -> None:
    response = client_for(_coordinator(world)).post(
        reverse("roster:school-new"), {"code": "AWAY-HS", "name": "Our Away High", "level": "high"}
    )

    assert response.status_code == 302
    assert School.objects.filter(code="AWAY-HS").count() == 2


def test_the_coordinator_edits_a_school_and_the_change_is_audited(world, client_for) -> None:
    url = reverse("roster:school-edit", args=[world.school.pk])
    data = {"code": "HOME-HS", "name": "Home High School", "level": "high", "enrollment": "1200"}

    response = client_for(_coordinator(world)).post(url, data)

    assert response.status_code == 302
    world.school.refresh_from_db()
    assert world.school.name == "Home High School"
    event = AuditEvent.objects.get(action="school.updated")
    assert set(event.changes) == {"name", "enrollment"}


def test_an_outsider_coordinator_gets_404_for_another_districts_school(world, client_for) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")
    data = {"code": "HOME-HS", "name": "Taken", "level": "high"}

    response = client_for(outsider).post(
        reverse("roster:school-edit", args=[world.school.pk]), data
    )

    assert response.status_code == 404
    world.school.refresh_from_db()
    assert world.school.name != "Taken"


@pytest.mark.parametrize("who", ["principal", "supervisor", "officer"])
def test_other_roles_cant_add_or_edit_schools(world, client_for, who) -> None:
    client = client_for(world.users[who])
    data = {"code": "NEW", "name": "New", "level": "high"}

    listed = client.get(reverse("roster:schools"))
    added = client.post(reverse("roster:school-new"), data)
    edited = client.post(reverse("roster:school-edit", args=[world.school.pk]), data)

    assert listed.status_code == 403
    assert added.status_code == 403
    assert edited.status_code == 404
    assert not School.objects.filter(code="NEW").exists()


def test_a_coordinator_of_two_districts_chooses_the_district(world, client_for) -> None:
    second = DistrictFactory(code="SECOND")
    MembershipFactory(user=_coordinator(world), district=second)
    SchoolFactory(district=second, code="SEC-HS", name="Second High")
    client = client_for(_coordinator(world))

    listed = client.get(reverse("roster:schools"), {"district": second.pk}).content.decode()
    outsider_choice = client.get(reverse("roster:schools"), {"district": world.other_district.pk})
    no_choice = client.post(
        reverse("roster:school-new"), {"code": "X1", "name": "X", "level": "high"}
    )
    chosen = client.post(
        reverse("roster:school-new"),
        {"district": second.pk, "code": "X1", "name": "X", "level": "high"},
    )
    refused = client.post(
        reverse("roster:school-new"),
        {"district": world.other_district.pk, "code": "X2", "name": "X", "level": "high"},
    )

    assert "Second High" in listed
    assert world.school.name not in listed
    assert world.other_school.name not in outsider_choice.content.decode()
    assert no_choice.status_code == 400
    assert chosen.status_code == 302
    assert School.objects.get(code="X1").district == second
    assert refused.status_code == 400
    assert not School.objects.filter(code="X2").exists()


def test_district_settings_refuse_an_unknown_setting() -> None:
    district = District(code="X", name="X")

    with pytest.raises(TypeError):
        district_settings_update(district=district, actor=None, code="Y")  # type: ignore[arg-type]


def test_the_setup_pages_have_unique_ids_and_every_label_names_its_input(world, client_for) -> None:
    MembershipFactory(user=_coordinator(world), district=DistrictFactory(code="SECOND"))
    client = client_for(_coordinator(world))
    pages = [
        client.get(reverse("roster:setup-district", args=[world.district.pk])),
        client.post(reverse("roster:setup-district", args=[world.district.pk]), {}),
        client.get(reverse("roster:schools")),
        client.get(reverse("roster:school-new")),
        client.post(reverse("roster:school-new"), {}),
        client.get(reverse("roster:school-edit", args=[world.school.pk])),
        client.get(reverse("roster:agencies")),
        client.get(reverse("roster:agency-new")),
        client.post(reverse("roster:agency-new"), {"link-code": "", "link": ""}),
        client.get(reverse("roster:agency-edit", args=[world.agency.pk])),
    ]

    for page in pages:
        assert page.status_code in (200, 400)
        assert_ids_consistent(page.content.decode())


def test_a_school_added_twice_at_once_is_refused_as_a_field_error(world, monkeypatch) -> None:
    """The second of two simultaneous requests passes the check and meets the constraint."""
    from roster.services import organisations

    monkeypatch.setattr(organisations, "_school_code_taken", lambda **_: False)

    with pytest.raises(ValidationError) as refused:
        organisations.school_create(
            district=world.district,
            actor=_coordinator(world),
            code="HOME-HS",
            name="Twin",
            level="high",
        )

    assert "already has a school with the code HOME-HS" in refused.value.message_dict["code"][0]
    assert not School.objects.filter(name="Twin").exists()
    assert not AuditEvent.objects.exists()
