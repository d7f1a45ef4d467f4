from __future__ import annotations

from dataclasses import dataclass

import pytest

from roster.models import EvaluationPeriod, Officer, School
from surveys.models import Campaign
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import make_campaign


@dataclass
class SurveyWorld:
    world: object
    period: EvaluationPeriod
    school: School
    officer: Officer
    second_officer: Officer
    campaign: Campaign


@pytest.fixture
def survey(world) -> SurveyWorld:
    """The home school with two officers, and a campaign asking every group about both."""
    second = OfficerFactory(agency=world.agency, first_name="Rosa", last_name="Alvarez")
    AssignmentFactory(officer=second, school=world.school)
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer, second]
    )
    return SurveyWorld(world, world.period, world.school, world.officer, second, campaign)


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """The code throttle counts per address in the cache; each test starts at zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
