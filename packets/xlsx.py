"""The packet XLSX, from a snapshot alone, written for people by ``core.spreadsheets``.

Sheets: About (what the file is, its version, hash and status from the stamp, the
confidentiality note and the legend), Summary (the facts, the narrative, the
cautions and the sections' notes), the comparison with the district when the
summary has one, then one sheet per section table. A table's ``formats`` (packets/snapshot.py COLUMN_FORMATS)
say how its cells are stored: dates as dates, percentages as numbers formatted as %.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from core.spreadsheets import About, Sheet, xlsx_bytes
from packets.snapshot import content_hash
from packets.stamp import VersionStamp, preview_stamp

CONFIDENTIALITY = (
    "Confidential personnel record of one officer: share it only with the people who "
    "review, sign or acknowledge it."
)


def _about(snapshot: dict, stamp: VersionStamp) -> About:
    officer = snapshot["officer"]
    facts: list[tuple[str, Any]] = [
        ("Officer", officer["name"]),
        ("Badge number", officer["badge_number"]),
        ("Agency", officer["agency_name"]),
        ("Period", snapshot["period"]["name"]),
        ("Version", stamp.label),
        ("Status", stamp.status_label),
        ("Built", stamp.built_at or "—"),
        ("Content hash (sha256)", stamp.content_hash),
    ]
    if stamp.reviewed_by:
        facts.append(("Signed off by", f"{stamp.reviewed_by}, {stamp.reviewed_at}"))
    if stamp.acknowledged_by:
        facts.append(("Acknowledged by", f"{stamp.acknowledged_by}, {stamp.acknowledged_at}"))
    if stamp.officer_comment:
        facts.append(("Officer's response", stamp.officer_comment))
    if stamp.copy_note:
        facts.append(("This copy", stamp.copy_note))
    return About(
        f"Annual evaluation packet of {officer['name']}, {snapshot['period']['name']}",
        district=snapshot["district"]["name"],
        facts=facts,
        confidentiality=CONFIDENTIALITY,
        legend=[("—", "No figure: nothing was recorded, or the figure does not apply.")],
    )


def _summary_rows(snapshot: dict) -> Iterator[list[Any]]:
    summary = snapshot["summary"]
    yield from (list(fact) for fact in summary["facts"])
    # Added by later snapshots; older ones have neither key.
    yield from (["Summary", line] for line in summary.get("narrative", []))
    yield from (["Caution", line] for line in summary.get("cautions", []))
    for section in snapshot["sections"]:
        yield from ([f"Note ({section['title']})", note] for note in section["notes"])


def _table_sheet(table: dict, title: str) -> Sheet:
    # The About sheet lists each sheet with ``title`` in full; the name is cut from it.
    return Sheet(title, table["columns"], table["rows"], table.get("formats", []))


def render_packet_xlsx(snapshot: dict, *, stamp: VersionStamp | None = None) -> bytes:
    stamp = stamp or preview_stamp(content_hash(snapshot))
    sheets = [
        Sheet("Summary", ["Measure", "Value"], _summary_rows(snapshot), names_rows=True),
    ]
    comparisons = snapshot["summary"].get("comparisons")
    if comparisons:
        sheets.append(_table_sheet(comparisons, comparisons["title"]))
    for section in snapshot["sections"]:
        sheets += [_table_sheet(table, table["title"]) for table in section["tables"]]
    return xlsx_bytes(sheets, about=_about(snapshot, stamp))
