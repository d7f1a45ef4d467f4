"""The demo's evaluations, flags and packets, loaded in that order (packets show flags)."""

from __future__ import annotations

from evaluations.demos import evaluations, flags, packets


def load_demo(context) -> str:
    parts = [module.load_demo(context) for module in (evaluations, flags, packets)]
    return "; ".join(part for part in parts if part)
