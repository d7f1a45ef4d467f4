"""Packets for tests: built through the service, as the product builds them."""

from __future__ import annotations

from evaluations.models import Packet, PacketBuildItem, PacketVersion
from evaluations.services.packets import packet_batch_start, packet_build
from roster.models import EvaluationPeriod, Officer
from tests.scoping import out_of_scope


def built_version(officer: Officer, period: EvaluationPeriod, built_by=None) -> PacketVersion:
    version, _ = packet_build(officer=officer, period=period, built_by=built_by)
    return version


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
