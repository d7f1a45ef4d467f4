"""The flags and removal requests section."""

from __future__ import annotations

import pytest

from packets.assembler import assemble_snapshots
from roster.models import Role
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalRequestFactory

pytestmark = pytest.mark.django_db


def test_the_flags_section_lists_flags_and_removal_requests(world) -> None:
    FlagFactory(
        rule=FlagRuleFactory(district=world.district, name="Training overdue"),
        officer=world.officer,
        period=world.period,
    )
    RemovalRequestFactory(officer=world.officer, filed_by=world.users[Role.PRINCIPAL])
    FlagFactory(
        rule=FlagRuleFactory(district=world.other_district),
        officer=world.other_officer,
        period=world.other_period,
    )

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    section = next(s for s in snapshot["sections"] if s["key"] == "flags")
    flags, removals = section["tables"]
    assert [row[0] for row in flags["rows"]] == ["Training overdue"]
    assert removals["rows"][0][0] == world.school.name
    assert ["Flags", 1] in snapshot["summary"]["facts"]
