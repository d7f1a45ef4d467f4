"""The coordinator's and supervisor's home: headline figures with a trend, counted only
from what the person may see."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.home import TREND_HEIGHT, home_figures, home_sections, trend_bars
from evaluations.services.signatures import evaluation_submit
from flags.models import FlagSeverity
from packets.models import Packet, PacketStatus, PacketVersion
from roster.home import HeadlineFigure, TrendPoint
from roster.models import Role
from tests.factories.evaluations import default_rubric, rated, started_evaluation
from tests.factories.flags import FlagFactory, FlagRuleFactory
from tests.factories.roster import (
    AssignmentFactory,
    EvaluationPeriodFactory,
    OfficerFactory,
    principal_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _figures(user) -> dict[str, dict[str, HeadlineFigure]]:
    """{district name: {figure title: figure}}."""
    return {
        shown.district.name: {f.figure.title: f.figure for f in shown.figures}
        for shown in home_figures(user=user)
    }


def _signed_evaluation(officer, school, period, principal):
    default_rubric(school.district)
    evaluation = started_evaluation(
        officer=officer, school=school, period=period, principal=principal
    )
    rated(evaluation, principal)
    return evaluation_submit(evaluation=evaluation, actor=principal)


def _packet(officer, period, status: str, reviewer) -> None:
    packet = Packet.objects.create(officer=officer, period=period)
    signed = status != PacketStatus.READY
    PacketVersion.objects.create(
        packet=packet,
        number=1,
        snapshot={},
        content_hash="0" * 64,
        status=status,
        reviewed_by=reviewer if signed else None,
        reviewed_at=timezone.now() if signed else None,
    )


@pytest.fixture
def district_year(world):
    return furnish_district_year(world)


def furnish_district_year(world):
    """Next door in the home district: an officer of another agency, unevaluated, with
    a critical flag and an unsigned packet; at home: a signed evaluation, a watch flag,
    a signed-off packet. The other district mirrors home."""
    neighbour = world.next_door()
    principal = world.users[Role.PRINCIPAL]
    supervisor = world.users[Role.SUPERVISOR]
    _signed_evaluation(world.officer, world.school, world.period, principal)
    _signed_evaluation(
        world.other_officer,
        world.other_school,
        world.other_period,
        principal_of(world.other_school),
    )
    rule = FlagRuleFactory(district=world.district)
    FlagFactory(rule=rule, officer=world.officer, period=world.period)
    FlagFactory(
        rule=rule,
        officer=neighbour.other_officer,
        period=world.period,
        severity=FlagSeverity.REVIEW,
    )
    FlagFactory(
        rule=FlagRuleFactory(district=world.other_district),
        officer=world.other_officer,
        period=world.other_period,
    )
    _packet(world.officer, world.period, PacketStatus.SIGNED_OFF, supervisor)
    _packet(neighbour.other_officer, world.period, PacketStatus.READY, supervisor)
    _packet(world.other_officer, world.other_period, PacketStatus.SIGNED_OFF, supervisor)
    return world


def test_the_coordinator_sees_the_whole_district_and_nothing_of_another(district_year) -> None:
    world = district_year
    figures = _figures(world.users[Role.COORDINATOR])

    assert list(figures) == [world.district.name]
    home = figures[world.district.name]
    assert home["Evaluations completed"].detail == "1 of 2 signed (2026-27)"
    assert home["Evaluations completed"].headline == "50%"
    assert home["Open flags"].headline == "2"
    assert "1 critical" not in home["Open flags"].detail
    assert home["Packets signed off"].detail == "1 of 2 signed off (2026-27)"
    assert home["Training compliance"].trend[-1].text.endswith("of 2 officers compliant")


def test_the_supervisor_counts_only_their_agencys_officers(district_year) -> None:
    world = district_year
    figures = _figures(world.users[Role.SUPERVISOR])

    home = figures[world.district.name]
    assert home["Evaluations completed"].detail == "1 of 1 signed (2026-27)"
    assert home["Open flags"].headline == "1"
    assert home["Packets signed off"].detail == "1 of 1 signed off (2026-27)"
    assert home["Training compliance"].trend[-1].text.endswith("of 1 officers compliant")
    assert "Survey response rate" not in home  # a supervisor runs no survey


def test_principals_officers_and_anonymous_get_no_figures(district_year) -> None:
    world = district_year

    assert home_figures(user=world.users[Role.PRINCIPAL]) == []
    assert home_figures(user=world.users[Role.OFFICER]) == []
    assert home_figures(user=AnonymousUser()) == []


def test_the_trend_runs_over_the_districts_periods_oldest_first(district_year) -> None:
    world = district_year
    EvaluationPeriodFactory(
        district=world.district,
        name="2025-26",
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
    )
    EvaluationPeriodFactory(
        district=world.district,
        name="2027-28",  # not begun: no trend point yet
        start_date=datetime.date(2027, 8, 1),
        end_date=datetime.date(2028, 7, 31),
    )

    figure = _figures(world.users[Role.COORDINATOR])[world.district.name]["Evaluations completed"]

    assert [point.period for point in figure.trend] == ["2025-26", "2026-27"]
    assert figure.trend[0].text == "0 of 2 signed"
    assert figure.trend[1].value == 50.0


def test_the_number_of_queries_does_not_grow_with_the_officers(
    district_year, django_assert_max_num_queries
) -> None:
    world = district_year
    coordinator = world.users[Role.COORDINATOR]
    with CaptureQueriesContext(connection) as few:
        home_figures(user=coordinator)
    for _ in range(15):
        officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=officer, school=world.school)
        FlagFactory(
            rule=FlagRuleFactory(district=world.district), officer=officer, period=world.period
        )

    # A district query, its periods, then per period a handful a figure (13 for one
    # period, no campaign), whatever the number of officers, flags or packets.
    with django_assert_max_num_queries(len(few.captured_queries)):
        figures = home_figures(user=coordinator)

    assert len(few.captured_queries) <= 13
    assert figures[0].figures[0].figure.trend[-1].text.endswith("of 17 officers compliant")


def test_a_zero_draws_a_sliver_and_no_data_no_bar() -> None:
    figure = HeadlineFigure(
        order=1,
        title="Evaluations completed",
        headline="50%",
        detail="",
        trend=(
            TrendPoint("a", None, "0 of 0"),
            TrendPoint("b", 0, "0 of 3"),
            TrendPoint("c", 50, ""),
        ),
        url="/",
    )

    bars = trend_bars(figure)

    assert [bar.height for bar in bars] == [0.0, 1.0, TREND_HEIGHT / 2]
    assert bars[2].y == TREND_HEIGHT / 2


def test_the_home_page_draws_each_trend_as_an_image_with_its_numbers_in_text(
    district_year,
) -> None:
    world = district_year
    coordinator = world.users[Role.COORDINATOR]
    request = RequestFactory().get("/")
    request.user = coordinator

    page = render_to_string(
        "home.html",
        {"sections": home_sections(user=coordinator), "figures": home_figures(user=coordinator)},
        request=request,
    )

    assert f"{world.district.name} at a glance" in page
    # Five figures; the survey's, with no code issued, has no value to chart.
    assert page.count('<li class="figure">') == 5
    assert page.count('role="img"') == 4
    assert "<title" in page
    # In the SVG's description and under it, as text.
    assert "<desc" in page
    assert "2026-27: 1 of 2 signed</desc>" in page
    assert "2026-27: 1 of 2 signed</p>" in page


def test_the_survey_rate_moves_only_in_steps_of_k_and_counts_only_the_district(world) -> None:
    """Seven answers of ten codes read "at least 50%", as five would: an exact rate read
    twice would say that one person just answered."""
    from surveys.models import RespondentGroup
    from tests.factories.surveys import issue_codes, make_campaign, submit_many

    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    away = make_campaign(
        period=world.other_period, schools=[world.other_school], officers=[world.other_officer]
    )
    submit_many(campaign, RespondentGroup.STUDENT, world.school, world.officer, 7)
    issue_codes(campaign, RespondentGroup.STUDENT, world.school, 3)
    submit_many(away, RespondentGroup.STUDENT, world.other_school, world.other_officer, 9)
    coordinator = world.users[Role.COORDINATOR]

    figure = _figures(coordinator)[world.district.name]["Survey response rate"]

    assert figure.headline == "at least 50%"
    assert figure.detail == "at least 5 of 10 codes used (2026-27)"
