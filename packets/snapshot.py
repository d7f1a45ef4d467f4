"""The snapshot's shape, its canonical JSON and its content hash.

A snapshot is plain JSON, so a signed version can be rendered again years later
without the database::

    {"schema": 1,
     "officer": {"id", "name", "badge_number", "agency_code", "agency_name"},
     "period": {"id", "name", "start", "end"},
     "district": {"code", "name"},
     "summary": {"facts": [[label, value], ...], "charts": [Chart, ...]},
     "sections": [{"key", "title", "notes": [str], "tables": [Table, ...]}, ...]}

    Table = {"title", "columns": [str], "rows": [[str | int | float | None]],
             "formats": [str] (optional, one per column, see COLUMN_FORMATS),
             "private_columns": [str] (optional, left out of the officer's copy)}
    Chart = {"key", "title", "unit", "max", "labels": [str], "values": [number | None]}
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = 2


def plain(value: Any) -> Any:
    """A JSON value whose text is the same on every run (no Decimal, no dates)."""
    if isinstance(value, decimal.Decimal):
        return float(round(value, 2))
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def canonical_json(snapshot: dict) -> bytes:
    return json.dumps(
        snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def content_hash(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


# What a column holds, for the renderers: spreadsheets store real dates and numbers
# with a number format, the PDF writes them with the same decimals. A "percent"
# value is a number of percent (66.7), "date" an ISO date text.
COLUMN_FORMATS = ("text", "integer", "decimal", "percent", "date")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # empty: every column is text
    # Columns written about the officer by others, which the officer's copy leaves
    # out (packets/readers.py).
    private_columns: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        found = {"title": self.title, "columns": list(self.columns), "rows": plain(self.rows)}
        if self.formats:
            found["formats"] = list(self.formats)
        if self.private_columns:
            found["private_columns"] = list(self.private_columns)
        return found


@dataclass
class Chart:
    """A bar chart on the summary page: one bar per label."""

    key: str
    title: str
    labels: list[str]
    values: list[decimal.Decimal | float | None]  # plain() rounds them for the snapshot
    unit: str = ""
    max: float | None = None

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "max": self.max,
            "labels": list(self.labels),
            "values": plain(self.values),
        }


@dataclass
class SectionContent:
    """What one section contributes to one officer's packet."""

    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: list[tuple[str, Any]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    # What the section needs to be read again later (the survey section keeps the
    # releases it read and the k it applied, see packets/privacy.py); plain JSON.
    meta: dict[str, Any] | None = None
