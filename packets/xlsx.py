"""The packet XLSX, from a snapshot alone: a summary sheet, then a sheet per section.

Each section's tables are stacked on its sheet, each under its title row; every
text cell goes through ``core.spreadsheets`` so no value can run as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from core.spreadsheets import xlsx_bytes
from packets.snapshot import content_hash
from packets.stamp import VersionStamp, preview_stamp


def _section_rows(section: dict) -> Iterator[list[Any]]:
    for note in section["notes"]:
        yield [note]
    for index, table in enumerate(section["tables"]):
        if index or section["notes"]:
            yield []
        yield [table["title"]]
        yield list(table["columns"])
        yield from (list(row) for row in table["rows"])


def sheet_title(index: int, title: str) -> str:
    """Sheet names are unique, at most 31 characters, without []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return f"{index} {cleaned}"[:31]


def render_packet_xlsx(snapshot: dict, *, stamp: VersionStamp | None = None) -> bytes:
    stamp = stamp or preview_stamp(content_hash(snapshot))
    officer = snapshot["officer"]
    period = snapshot["period"]
    summary_rows = [
        ["Version", stamp.label],
        ["Content hash (sha256)", stamp.content_hash],
        ["Officer", officer["name"]],
        ["Badge number", officer["badge_number"]],
        ["Agency", officer["agency_name"]],
        ["District", snapshot["district"]["name"]],
        ["Period", period["name"]],
        *[list(fact) for fact in snapshot["summary"]["facts"]],
    ]
    sheets: list[tuple[str, list[str], Iterable[list[Any]]]] = [
        ("Summary", ["Measure", "Value"], summary_rows)
    ]
    for index, section in enumerate(snapshot["sections"], start=1):
        sheets.append(
            (sheet_title(index, section["title"]), [section["title"]], _section_rows(section))
        )
    return xlsx_bytes(sheets)
