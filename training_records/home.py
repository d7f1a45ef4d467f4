"""What this app adds to a signed-in person's home page (see config/home.py)."""

from __future__ import annotations


def home_tasks(*, user) -> list[dict]:
    return []


def nav_items(*, user) -> list[dict]:
    return []
