"""Assembling a packet: a bounded number of queries, a stable hash, immutable versions."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEvent
from packets.assembler import assemble_snapshots
from packets.models import Packet, PacketVersion
from packets.sections import SECTIONS
from packets.services.versions import packet_build
from packets.snapshot import canonical_json, content_hash
from tests.factories.packets import add_packet_inputs
from tests.factories.roster import AssignmentFactory, SchoolFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30


def _assembly_queries(officer, period) -> int:
    with CaptureQueriesContext(connection) as captured:
        assemble_snapshots(officer_ids=[officer.pk], period=period)
    return len(captured)


def _add_history(world, schools: int) -> list:
    """Many assignments at many schools of the district during the period."""
    made = []
    for n in range(schools):
        school = SchoolFactory(district=world.district)
        start = datetime.date(2026, 8, 1) + datetime.timedelta(days=n)
        AssignmentFactory(
            officer=world.officer,
            school=school,
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
        )
        made.append(school)
    return made


def test_assembly_runs_a_bounded_number_of_queries_with_little_data(
    world, django_assert_max_num_queries
) -> None:
    add_packet_inputs(world, scale=1)

    with django_assert_max_num_queries(MAX_QUERIES):
        snapshots = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)

    assert [s["key"] for s in snapshots[world.officer.pk]["sections"]] == [s.key for s in SECTIONS]


def test_assembly_runs_the_same_number_of_queries_with_much_more_data(
    world, django_assert_max_num_queries
) -> None:
    add_packet_inputs(world, scale=1)
    small = _assembly_queries(world.officer, world.period)
    schools = _add_history(world, schools=60)
    add_packet_inputs(world, scale=20, evaluate_at=schools[:6])

    with django_assert_max_num_queries(MAX_QUERIES):
        snapshots = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)

    assert _assembly_queries(world.officer, world.period) == small
    assignments = snapshots[world.officer.pk]["sections"][0]["tables"][1]["rows"]
    assert len(assignments) == 61
    facts = dict(map(tuple, snapshots[world.officer.pk]["summary"]["facts"]))
    assert facts["Incidents"] == 105
    assert facts["Complaints (sustained)"] == "21 (21)"
    assert facts["Rubric evaluations"] == 7
    assert facts["Training hours in the period"] == 4 * 10 * 21
    assert facts["Survey respondents"] == 14 * 21
    assert facts["Flags"] == 21


def test_a_batch_of_officers_costs_no_more_queries_than_one(world) -> None:
    others = [
        AssignmentFactory(school=world.school, officer__agency=world.agency).officer
        for _ in range(15)
    ]
    one = _assembly_queries(world.officer, world.period)

    with CaptureQueriesContext(connection) as captured:
        snapshots = assemble_snapshots(
            officer_ids=[world.officer.pk, *[o.pk for o in others]], period=world.period
        )

    assert len(captured) == one
    assert set(snapshots) == {world.officer.pk, *[o.pk for o in others]}


def test_the_snapshot_holds_the_profile_and_the_assignments_of_the_period(world) -> None:
    AssignmentFactory(
        officer=world.officer,
        school=SchoolFactory(district=world.district, name="Old School"),
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    assert snapshot["officer"]["name"] == world.officer.full_name
    assert snapshot["period"] == {
        "id": world.period.pk,
        "name": "2026-27",
        "start": "2026-08-01",
        "end": "2027-07-31",
    }
    profile = snapshot["sections"][0]
    assert profile["title"] == "Profile and assignments"
    schools = [row[0] for row in profile["tables"][1]["rows"]]
    assert schools == [world.school.name]
    assert ["Schools served", world.school.name] in snapshot["summary"]["facts"]


def test_the_content_hash_is_the_sha256_of_the_canonical_json(world) -> None:
    import hashlib

    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]
    again = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    assert content_hash(snapshot) == hashlib.sha256(canonical_json(snapshot)).hexdigest()
    assert content_hash(snapshot) == content_hash(again)


def test_an_unchanged_rebuild_makes_no_new_version(world) -> None:
    first, created = packet_build(officer=world.officer, period=world.period)
    second, created_again = packet_build(officer=world.officer, period=world.period)

    assert created
    assert not created_again
    assert second.pk == first.pk
    assert PacketVersion.objects.filter(packet__officer=world.officer).count() == 1
    assert AuditEvent.objects.filter(action="packet.version_built").count() == 1


def test_a_changed_input_makes_a_new_version_and_keeps_the_old_one(world) -> None:
    first, _ = packet_build(officer=world.officer, period=world.period)
    old_snapshot, old_hash = first.snapshot, first.content_hash
    AssignmentFactory(
        officer=world.officer,
        school=SchoolFactory(district=world.district),
        start_date=datetime.date(2027, 1, 10),
    )

    second, created = packet_build(officer=world.officer, period=world.period)

    assert created
    assert (second.number, first.number) == (2, 1)
    assert second.content_hash != old_hash
    first.refresh_from_db()
    assert (first.snapshot, first.content_hash) == (old_snapshot, old_hash)
    assert Packet.objects.filter(officer=world.officer).count() == 1


def test_a_version_stores_its_pdf_and_xlsx(world) -> None:
    version, _ = packet_build(officer=world.officer, period=world.period)

    assert version.pdf.read(5) == b"%PDF-"
    assert version.xlsx.read(2) == b"PK"
