"""Packets for tests: built through the service, as the product builds them."""

from __future__ import annotations

import datetime

from activity.models import ActionType, ComplaintStatus
from evaluations.models import Packet, PacketBuildItem, PacketVersion
from evaluations.services.packets import packet_batch_start, packet_build
from roster.models import EvaluationPeriod, Officer
from tests.factories.activity import ComplaintFactory, incident_with
from tests.scoping import out_of_scope


def built_version(officer: Officer, period: EvaluationPeriod, built_by=None) -> PacketVersion:
    version, _ = packet_build(officer=officer, period=period, built_by=built_by)
    return version


def add_packet_inputs(world, scale: int) -> None:
    """Every input app's records about ``world.officer`` in ``world.period``, ``scale`` times over."""
    for n in range(5 * scale):
        incident_with(ActionType.ARREST if n % 2 else ActionType.DIVERSION, officer=world.officer, school=world.school,
                      date=datetime.date(2026, 10, 1) + datetime.timedelta(days=n % 200))
    for _ in range(scale):
        ComplaintFactory(school=world.school, officer=world.officer, status=ComplaintStatus.SUSTAINED,
                         received_date=datetime.date(2026, 11, 1))


@out_of_scope(PacketVersion)
def _version(world) -> PacketVersion:
    return built_version(world.other_officer, world.other_period)


@out_of_scope(Packet)
def _packet(world) -> Packet:
    return _version(world).packet


@out_of_scope(PacketBuildItem)
def _item(world) -> PacketBuildItem:
    job = packet_batch_start(period=world.other_period, started_by=None, enforce_rights=False)
    return PacketBuildItem.objects.get(job=job)
