"""The coordinator's first-run checklist (``/setup/``) and the way to it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from config.home import setup_checklist
from core.audit import audit_record
from roster.models import Membership, Role
from tests.factories.evaluations import RubricFactory
from tests.factories.flags import FlagRuleFactory
from tests.factories.roster import DistrictFactory, MembershipFactory, coordinator_of
from tests.factories.surveys import make_campaign
from tests.factories.training_records import RequirementFactory
from tests.html_checks import assert_ids_consistent

pytestmark = pytest.mark.django_db

STEP_TITLES = [
    "District settings",
    "Schools",
    "Police agencies",
    "Officers",
    "Assignments of officers to schools",
    "MOUs with the agencies",
    "Training the MOUs require",
    "A school year (evaluation period)",
    "An evaluation rubric",
    "A survey campaign",
    "Flag rules",
    "People",
]


def _complete(world) -> None:
    """Give the world's home district what it still lacks: every step is then done."""
    district = world.district
    RequirementFactory(mou=district.mous.get())
    RubricFactory(district=district)
    make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    FlagRuleFactory(district=district)


def _step(page: str, title: str) -> tuple[str, str]:
    """The status ("Done" or "Missing") and what the step titled ``title`` counts."""
    row = page.split(f"<strong>{title}</strong>", 1)[1].split("</li>", 1)[0]
    found = re.search(r'class="setup-status">(\w+)</\w+>: ([^\n<]*)', row)
    assert found, row
    return found.group(1), found.group(2).strip()


def _status(page: str, title: str) -> str:
    return _step(page, title)[0]


def test_a_new_districts_coordinator_sees_every_step_missing(client_for) -> None:
    district = DistrictFactory(code="NEW", name="Newtown Unified")
    coordinator = coordinator_of(district, username="the-new-coordinator")

    response = client_for(coordinator).get("/setup/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Set up Newtown Unified</h1>" in page
    assert "11 of 12 steps still need something" in page
    # The settings have working defaults: listed to be reviewed, never missing.
    assert _status(page, "District settings") == "Done"
    assert _step(page, "District settings")[1] == "the defaults, never changed"
    for title in STEP_TITLES[1:]:
        assert _status(page, title) == "Missing", title
    assert _step(page, "Schools")[1] == "no school yet"
    assert_ids_consistent(page)


def test_each_step_turns_done_with_its_count_as_the_district_fills_up(world, client_for) -> None:
    _complete(world)

    page = client_for(world.users[Role.COORDINATOR]).get("/setup/").content.decode()

    for title in STEP_TITLES:
        assert _status(page, title) == "Done", title
    assert _step(page, "Schools")[1] == "1 school"
    assert _step(page, "Police agencies")[1] == "1 agency"
    assert _step(page, "Assignments of officers to schools")[1] == "1 current assignment"
    assert _step(page, "A school year (evaluation period)")[1] == "2026-27"
    # The principal, the supervisor and the officer: the coordinator isn't counted.
    assert _step(page, "People")[1] == "3 people with access"
    assert "Every step has what it needs" in page


def test_the_settings_step_counts_only_changes_of_the_settings(world, client_for) -> None:
    """Other services (the roster import) audit against the district row too."""
    coordinator = world.users[Role.COORDINATOR]
    for action in ["roster.imported", "district.settings_updated"]:
        audit_record(
            actor=coordinator, action=action, target=world.district, district=world.district
        )

    page = client_for(coordinator).get("/setup/").content.decode()

    assert _step(page, "District settings") == ("Done", "changed 1 time")


def test_a_step_counts_only_its_own_district(world) -> None:
    """The other district's school, agency and officer don't make this one's steps done."""
    coordinator = coordinator_of(DistrictFactory(code="EMPTY"))
    empty = Membership.objects.get(user=coordinator).district

    steps = setup_checklist(user=coordinator, district=empty)

    assert [step.count for step in steps] == [0] * len(STEP_TITLES)


def test_a_district_the_user_doesnt_coordinate_reads_as_empty(world) -> None:
    """Each step starts from visible_to(user): no count of another district leaks."""
    outsider = coordinator_of(world.other_district, username="the-outsider")

    steps = setup_checklist(user=outsider, district=world.district)

    assert {step.title: step.count for step in steps} == dict.fromkeys(STEP_TITLES, 0)


def test_each_step_links_to_the_page_where_it_is_done(world, client_for) -> None:
    page = client_for(world.users[Role.COORDINATOR]).get("/setup/").content.decode()

    for name, args in [
        ("roster:setup-district", [world.district.pk]),
        ("roster:schools", []),
        ("roster:agencies", []),
        ("roster:officers", []),
        ("roster:assignments", []),
        ("roster:imports", []),
        ("roster:mous", []),
        ("roster:periods", []),
        ("training_records:catalog", []),
        ("rubric-list", []),
        ("surveys:campaigns", []),
        ("flags:rules", []),
        ("accounts:people", []),
    ]:
        assert f'href="{reverse(name, args=args)}"' in page, name


def test_the_checklist_costs_at_most_one_query_per_step(
    world, client_for, django_assert_max_num_queries
) -> None:
    _complete(world)
    client = client_for(world.users[Role.COORDINATOR])

    # Session, user, memberships (scope), districts, then one per step.
    with django_assert_max_num_queries(4 + len(STEP_TITLES)):
        response = client.get("/setup/")

    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_other_roles_get_a_404(world, client_for, role) -> None:
    assert client_for(world.users[role]).get("/setup/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client) -> None:
    response = client.get("/setup/")

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_a_coordinator_whose_membership_ended_gets_a_404(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    Membership.objects.filter(user=coordinator).update(is_active=False)

    assert client_for(coordinator).get("/setup/").status_code == 404


@pytest.mark.parametrize("district", ["other", "garbage", "999999"])
def test_another_districts_checklist_is_a_404(world, client_for, district) -> None:
    chosen = world.other_district.pk if district == "other" else district

    response = client_for(world.users[Role.COORDINATOR]).get(f"/setup/?district={chosen}")

    assert response.status_code == 404
    assert world.other_district.name not in response.content.decode()


def test_a_coordinator_of_two_districts_picks_one(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    second = DistrictFactory(code="SECOND", name="Second Valley Schools")
    MembershipFactory(user=coordinator, role=Role.COORDINATOR, district=second)
    client = client_for(coordinator)

    page = client.get(f"/setup/?district={second.pk}").content.decode()

    assert "<h1>Set up Second Valley Schools</h1>" in page
    assert f'href="/setup/?district={world.district.pk}"' in page
    assert _status(page, "Schools") == "Missing"


def test_the_home_page_links_the_checklist_while_a_step_is_missing(world, client_for) -> None:
    client = client_for(world.users[Role.COORDINATOR])

    page = client.get("/").content.decode()

    assert f'href="/setup/?district={world.district.pk}"' in page
    assert "Finish setting up HOME School District" in page
    # Still missing: training, rubric, survey campaign and flag rules.
    assert (
        "8 of 12 steps done. Missing: Training the MOUs require; An evaluation rubric; "
        "A survey campaign and 1 more." in page
    )


def test_the_home_page_stops_linking_it_once_everything_is_done(world, client_for) -> None:
    _complete(world)

    page = client_for(world.users[Role.COORDINATOR]).get("/").content.decode()

    assert "Finish setting up" not in page


def test_the_principal_is_never_asked_to_set_up(world, client_for) -> None:
    page = client_for(world.users[Role.PRINCIPAL]).get("/").content.decode()

    assert "Finish setting up" not in page
    assert 'href="/setup/"' not in page


def test_the_navigation_offers_setup_to_coordinators_only(world, client_for) -> None:
    coordinator_page = client_for(world.users[Role.COORDINATOR]).get("/").content.decode()
    principal_page = client_for(world.users[Role.PRINCIPAL]).get("/").content.decode()

    assert '<a href="/setup/">Setup</a>' in coordinator_page
    assert '<a href="/setup/">Setup</a>' not in principal_page
    # The other roles' items keep working.
    assert '<a href="/officers/">Officers</a>' in principal_page
    assert '<a href="/training/">Training</a>' in principal_page


def test_an_inactive_coordinator_is_not_offered_setup(world, client_for) -> None:
    coordinator = world.users[Role.COORDINATOR]
    Membership.objects.filter(user=coordinator).update(is_active=False)

    page = client_for(coordinator).get("/").content.decode()

    assert '<a href="/setup/">Setup</a>' not in page
    assert "Finish setting up" not in page


def test_a_superuser_reads_any_districts_checklist(world, client_for) -> None:
    from tests.factories.roster import UserFactory

    admin = UserFactory(username="the-admin", is_superuser=True, is_staff=True)

    page = client_for(admin).get(f"/setup/?district={world.other_district.pk}").content.decode()

    assert f"<h1>Set up {world.other_district.name}</h1>" in page
