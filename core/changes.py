"""Telling the apps above that a district's evidence changed.

A training import, a logged incident or a submitted evaluation can raise or clear
a flag, but the middle apps may not import ``evaluations``. So ``evaluations``
registers a listener when it starts, and the services below call
``evidence_changed`` inside their transaction; the listener defers its work to a
task after commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_listeners: list[Callable[[int], None]] = []


def on_evidence_changed(listener: Callable[[int], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def evidence_changed(*, district_ids: Iterable[int | None]) -> None:
    for district_id in {d for d in district_ids if d}:
        for listener in _listeners:
            listener(district_id)
