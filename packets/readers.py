"""One packet, read by different people: the officer's copy leaves out what others
wrote about them.

ARCHITECTURE.md's roles table: the officer "reads their own packet (without what is
written about them by others: removal-request reasons, case notes)". A section marks
such columns in its table as ``private_columns``; every reading by the officer — the
page, the API snapshot, the PDF and the XLSX — goes through ``snapshot_for_reader``,
which drops them. The stored snapshot and its hash are the full record.
"""

from __future__ import annotations

import copy

# Snapshots of schema 1 were built before tables marked their private columns.
LEGACY_PRIVATE_COLUMNS = {("flags", "Removal requests"): ["Reason", "Decision"]}

OFFICER_COPY_NOTE = "The officer's copy: removal-request reasons and decision reasons are left out."


def _private_columns(section: dict, table: dict) -> list[str]:
    return table.get("private_columns") or LEGACY_PRIVATE_COLUMNS.get(
        (section["key"], table["title"]), []
    )


def _without(table: dict, private: list[str]) -> dict:
    keep = [i for i, name in enumerate(table["columns"]) if name not in private]
    shown = {
        **table,
        "columns": [table["columns"][i] for i in keep],
        "rows": [[row[i] for i in keep] for row in table["rows"]],
        "private_columns": [],
    }
    if table.get("formats"):
        shown["formats"] = [table["formats"][i] for i in keep]
    return shown


def snapshot_for_reader(snapshot: dict, *, officer_reads: bool) -> dict:
    """The snapshot as this reader may read it: whole, or the officer's copy."""
    if not officer_reads:
        return snapshot
    shown = copy.deepcopy(snapshot)
    for section in shown["sections"]:
        section["tables"] = [
            _without(table, private) if (private := _private_columns(section, table)) else table
            for table in section["tables"]
        ]
    return shown
