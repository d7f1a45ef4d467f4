"""The annual packet shows the officer's selection record's date and outcome, never the
panel's scores; and adding it does not make a signed packet stale for nothing."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from hiring.contracts import selections_for_officers
from hiring.models import SelectionCriterion, SelectionDecision, SelectionRecord
from hiring.services.selections import (
    PanelSeat,
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_create,
    selection_record_decide,
)
from packets.assembler import assemble_snapshots
from packets.readiness import packet_is_stale
from packets.sections.selection import TITLE
from packets.snapshot import canonical_json
from tests.factories.packets import built_version
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.hiring.conftest import seat_of

pytestmark = pytest.mark.django_db


def _selected(world, officer, coordinator, note: str = "Calm under pressure.") -> SelectionRecord:
    record = selection_record_create(
        school=world.school,
        candidate=officer,
        panel=[PanelSeat(user=coordinator)],
        actor=coordinator,
    )
    seat = seat_of(record, coordinator)
    entries = [
        ScoreEntry(c.pk, 4, note)
        for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    ]
    panel_scores_save(panelist=seat, scores=entries, actor=coordinator)
    panelist_submit(panelist=seat, actor=coordinator)
    return selection_record_decide(
        record=record,
        decision=SelectionDecision.SELECTED,
        reason="A private reason of the panel.",
        actor=coordinator,
    )


def _profile_tables(snapshot: dict) -> dict[str, dict]:
    profile = next(s for s in snapshot["sections"] if s["key"] == "profile")
    return {t["title"]: t for t in profile["tables"]}


def test_the_packet_shows_the_selection_date_and_outcome_and_no_scores(
    world, guideline, coordinator
) -> None:
    record = _selected(world, world.officer, coordinator, note="Panel note nobody else reads")

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    table = _profile_tables(snapshot)[TITLE]
    assert table["rows"] == [[world.school.name, record.decided_on.isoformat(), "Selected"]]
    text = canonical_json(snapshot).decode()
    assert "Panel note nobody else reads" not in text
    assert "A private reason of the panel." not in text
    version = built_version(world.officer, world.period)
    with version.xlsx.open("rb") as handle:
        workbook = load_workbook(handle, read_only=True)
        cells = {
            str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row
        }
    assert TITLE in cells
    assert "Panel note nobody else reads" not in cells


def test_an_officer_without_a_selection_record_keeps_the_same_packet(
    world, guideline, coordinator
) -> None:
    # A colleague at the school (there before the packet: the packet compares the
    # officer with the district's officers) is selected afterwards.
    colleague = OfficerFactory(agency=world.agency)
    AssignmentFactory(officer=colleague, school=world.school)
    version = built_version(world.officer, world.period)
    _selected(world, colleague, coordinator)

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    assert TITLE not in _profile_tables(snapshot)
    assert list(_profile_tables(snapshot)) == ["Officer", "Assignments during the period"]
    assert packet_is_stale(version=version) is False


def test_a_selection_decided_after_the_period_leaves_its_packet_fresh(
    world, guideline, coordinator
) -> None:
    version = built_version(world.officer, world.period)
    record = _selected(world, world.officer, coordinator)
    SelectionRecord.objects.filter(pk=record.pk).update(
        decided_on=world.period.end_date + datetime.timedelta(days=1)
    )

    assert packet_is_stale(version=version) is False
    assert selections_for_officers(
        officer_ids=[world.officer.pk], decided_by=world.period.end_date
    ) == {world.officer.pk: None}
