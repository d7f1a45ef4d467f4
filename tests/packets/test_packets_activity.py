"""The enforcement and complaints sections: the officer's actions beside the district's."""

from __future__ import annotations

import datetime

import pytest

from activity.models import ActionType, ComplaintStatus
from packets.assembler import assemble_snapshots
from tests.factories.activity import ComplaintFactory, incident_with
from tests.factories.roster import AssignmentFactory

pytestmark = pytest.mark.django_db


def _section(snapshot: dict, key: str) -> dict:
    return next(s for s in snapshot["sections"] if s["key"] == key)


def _rows(section: dict, title_start: str) -> list[list]:
    return next(t for t in section["tables"] if t["title"].startswith(title_start))["rows"]


def test_the_enforcement_and_complaints_sections_count_the_officer_s_actions(world) -> None:
    for _ in range(3):
        incident_with(
            ActionType.ARREST,
            officer=world.officer,
            school=world.school,
            date=datetime.date(2026, 10, 1),
        )
    incident_with(
        ActionType.DIVERSION,
        officer=world.officer,
        school=world.school,
        date=datetime.date(2026, 11, 1),
    )
    ComplaintFactory(
        school=world.school,
        officer=world.officer,
        status=ComplaintStatus.SUSTAINED,
        received_date=datetime.date(2026, 10, 5),
        closed_on=datetime.date(2026, 12, 1),
    )
    ComplaintFactory(
        school=world.school,
        officer=world.officer,
        status=ComplaintStatus.UNFOUNDED,
        received_date=datetime.date(2026, 10, 6),
    )

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    actions = dict(map(tuple, _rows(_section(snapshot, "enforcement"), "Actions by type")))
    assert actions["Arrest"] == 3
    chart = next(c for c in snapshot["summary"]["charts"] if c["key"] == "enforcement_alternatives")
    assert dict(zip(chart["labels"], chart["values"], strict=True)) == {
        "Alternative only": 1,
        "Formal action (arrest, citation, summons or referral)": 3,
    }
    complaints = _section(snapshot, "complaints")
    outcomes = dict(map(tuple, _rows(complaints, "Complaints by outcome")))
    assert (outcomes["Sustained"], outcomes["Unfounded"]) == (1, 1)
    assert _rows(complaints, "Sustained complaints")[0][:2] == ["2026-10-05", "2026-12-01"]


def test_the_officer_stands_beside_the_district_s_officers(world) -> None:
    peers = [
        AssignmentFactory(school=world.school, officer__agency=world.agency).officer
        for _ in range(3)
    ]
    for n, peer in enumerate(peers):
        for _ in range(n + 1):
            incident_with(
                ActionType.WARNING,
                officer=peer,
                school=world.school,
                date=datetime.date(2026, 9, 1),
            )
    for _ in range(10):
        incident_with(
            ActionType.ARREST,
            officer=world.officer,
            school=world.school,
            date=datetime.date(2026, 9, 2),
        )

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    rows = {
        row[0]: row[1:]
        for row in _rows(_section(snapshot, "enforcement"), "Beside the district's 4 officers")
    }
    officer, p25, median, p75 = rows["Incidents"]
    assert officer == 10
    assert median == 2.5
    assert p25 <= median <= p75
