"""The demo's packets: one per demo officer for the current period, the first
one signed off, so every role's login has a packet to look at."""

from __future__ import annotations

from typing import TYPE_CHECKING

from packets.models import PacketStatus
from packets.services.review import packet_sign_off
from packets.services.versions import packet_build

if TYPE_CHECKING:
    from roster.demo import DemoContext


def load_demo(context: DemoContext) -> str:
    built = 0
    versions = []
    for officer in sorted(context.officers.values(), key=lambda o: o.pk):
        version, created = packet_build(officer=officer, period=context.period)
        built += created
        versions.append(version)
    # The demo officer's own packet is signed off by the demo supervisor, so the
    # officer login has something to acknowledge.
    officer_id = context.users["officer"].memberships.get().officer_id
    mine = next(v for v in versions if v.packet.officer_id == officer_id)
    if mine.status == PacketStatus.READY:
        packet_sign_off(version=mine, user=context.users["supervisor"])
    return f"{len(versions)} packets for {context.period.name} ({built} new versions)"
