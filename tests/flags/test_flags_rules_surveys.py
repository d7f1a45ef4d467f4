"""The survey rule fires below 60% and 40% favourable, and never on a group below k."""

from __future__ import annotations

import datetime

import pytest

from flags.models import Flag, FlagSeverity
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from surveys.models import RespondentGroup
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_survey_favourability_on_respect_fires_below_sixty_and_forty_percent(world) -> None:
    officers = {}
    for name in ("at_60", "at_40", "at_20", "below_k"):
        officers[name] = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officers[name], school=world.school)
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=list(officers.values()),
        groups=[RespondentGroup.STUDENT],
    )
    # Agree scale 1-5, favourable is 4 or 5: 3 of 5 = 60%, 2 of 5 = 40%, 1 of 5 = 20%.
    submit_many(
        campaign,
        RespondentGroup.STUDENT,
        world.school,
        officers["at_60"],
        5,
        values=[4, 4, 4, 2, 2],
    )
    submit_many(
        campaign,
        RespondentGroup.STUDENT,
        world.school,
        officers["at_40"],
        5,
        values=[5, 4, 2, 2, 1],
    )
    submit_many(
        campaign,
        RespondentGroup.STUDENT,
        world.school,
        officers["at_20"],
        5,
        values=[4, 2, 2, 2, 1],
    )
    submit_many(campaign, RespondentGroup.STUDENT, world.school, officers["below_k"], 4, values=[1])
    release_results(campaign)
    flags_install_defaults(district=world.district)
    flags_evaluate_district(
        district=world.district,
        period=world.period,
        on=max(world.period.start_date, datetime.date(2026, 11, 16)),
    )
    flags = dict(
        Flag.objects.filter(rule__code="survey-favourability").values_list("officer_id", "severity")
    )
    assert flags == {
        officers["at_40"].pk: FlagSeverity.WATCH,
        officers["at_20"].pk: FlagSeverity.REVIEW,
    }
    evidence = Flag.objects.get(
        officer=officers["at_20"], rule__code="survey-favourability"
    ).evidence
    assert evidence["figures"]["respondents"] == 5
    assert evidence["rule"]["question_code"] == "respect"
