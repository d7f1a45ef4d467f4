"""Flags and enforcement figures that say what they are (issue 17): a flag's value with
its unit and, for a survey rule, its question; relative rates on few arrests cautioned."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from packets.assembler import assemble_snapshots
from packets.sections.activity import SMALL_COUNT, _small_count_caution
from tests.factories.flags import FlagFactory, FlagRuleFactory

pytestmark = pytest.mark.django_db


def _flag_rows(world) -> list[list]:
    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]
    section = next(s for s in snapshot["sections"] if s["key"] == "flags")
    return next(t for t in section["tables"] if t["title"] == "Flags")["rows"]


def test_a_survey_flag_names_its_question_and_its_value_carries_a_percent(world) -> None:
    rule = FlagRuleFactory(
        district=world.district, metric="survey_favourability", question_code="fair"
    )
    FlagFactory(
        rule=rule,
        officer=world.officer,
        period=world.period,
        value=Decimal("41.70"),
        evidence={"figures": {"question": "The officer treats all students fairly."}},
    )

    [row] = _flag_rows(world)

    assert row[1] == "Survey favourability on a question: “The officer treats all students fairly.”"
    assert row[2] == "41.7%"


def test_a_count_flag_value_names_its_unit(world) -> None:
    FlagFactory(
        rule=FlagRuleFactory(district=world.district),
        officer=world.officer,
        period=world.period,
        value=Decimal("2.00"),
    )

    [row] = _flag_rows(world)

    assert row[2] == "2 incidents"


def test_a_relative_rate_on_few_arrests_carries_a_caution() -> None:
    rates = {
        "black": SimpleNamespace(label="Black", arrests=2, relative_rate=9.19),
        "white": SimpleNamespace(label="White", arrests=SMALL_COUNT, relative_rate=0.8),
        "asian": SimpleNamespace(label="Asian", arrests=0, relative_rate=None),
    }

    [caution] = _small_count_caution(SimpleNamespace(relative_rates=rates))

    assert caution.startswith("Caution: the relative rates of Black (2 arrests) rest on fewer")
    assert "White" not in caution
    assert "Asian" not in caution
