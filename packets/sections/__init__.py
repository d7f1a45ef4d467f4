"""Packet sections, in the order the packet shows them.

Each section is a small function that calls one contract selector (docs/contracts.md)
for every officer of a batch at once and returns each officer's ``SectionContent``,
so a packet costs a fixed number of queries per section whatever the batch size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from packets.sections import activity, evaluations, flags, profile, surveys, training
from packets.sections.base import BatchContext
from packets.snapshot import SectionContent


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    collect: Callable[[BatchContext], dict[int, SectionContent]]


SECTIONS: list[Section] = [
    Section("profile", "Profile and assignments", profile.collect),
    Section("training", "Training", training.collect),
    Section("evaluations", "Rubric evaluations", evaluations.collect),
    Section("surveys", "Survey results", surveys.collect),
    Section("enforcement", "Enforcement and alternatives", activity.collect),
    Section("complaints", "Complaints", activity.collect_complaints),
    Section("commendations", "Commendations", evaluations.collect_commendations),
    Section("flags", "Flags and removal requests", flags.collect),
]

__all__ = ["SECTIONS", "BatchContext", "Section"]
