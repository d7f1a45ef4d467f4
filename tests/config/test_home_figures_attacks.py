"""Red team of the home's headline figures: a user holding roles in two districts reads
in each district's figures only what that district's role lets them see, and the
survey rate never moves by fewer than k respondents."""

from __future__ import annotations

import pytest

from config.home import home_figures
from roster.home import HeadlineFigure
from roster.models import Role
from tests.config.test_home_figures import furnish_district_year
from tests.factories.roster import AssignmentFactory, MembershipFactory, supervisor_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _figures(user) -> dict[str, dict[str, HeadlineFigure]]:
    return {
        shown.district.name: {f.figure.title: f.figure for f in shown.figures}
        for shown in home_figures(user=user)
    }


@pytest.fixture
def two_districts(world):
    """The neighbour's officer (another agency, unevaluated, with a flag and an unsigned
    packet at home) also serves at a school of the other district."""
    world = furnish_district_year(world)
    AssignmentFactory(officer=world.next_officer, school=world.other_school)
    return world


def test_a_home_supervisor_who_coordinates_elsewhere_counts_only_their_agency_at_home(
    two_districts,
) -> None:
    world = two_districts
    user = supervisor_of(world.agency, world.district)
    MembershipFactory(user=user, role=Role.COORDINATOR, district=world.other_district)

    home = _figures(user)[world.district.name]
    alone = _figures(world.users[Role.SUPERVISOR])[world.district.name]

    for title in ("Evaluations completed", "Open flags", "Packets signed off"):
        assert home[title].detail == alone[title].detail, title
    assert home["Training compliance"].detail == alone["Training compliance"].detail
    assert "Survey response rate" not in home


def test_a_coordinator_who_supervises_elsewhere_counts_the_whole_district(two_districts) -> None:
    world = two_districts
    user = world.users[Role.COORDINATOR]
    MembershipFactory(
        user=user, role=Role.SUPERVISOR, district=world.other_district, agency=world.other_agency
    )

    home = _figures(user)[world.district.name]

    assert home["Evaluations completed"].detail == "1 of 2 signed (2026-27)"
    assert home["Packets signed off"].detail == "1 of 2 signed off (2026-27)"
