from __future__ import annotations


def load_demo(context) -> str:
    return ""
