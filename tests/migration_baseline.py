"""What a migration baseline records, shared by its maker and the test that replays it.

A baseline is a SQLite database made by the demo at one commit, committed compressed
under ``tests/data/`` beside a JSON manifest made at the same time
(``scripts/make_migration_baseline.py``); ``tests/core/test_migrate_forward.py``
migrates a copy forward with the tree's migrations and checks every row against it.

A table's checksum is the sha256 of its rows, each rendered as one line of JSON
(columns in the manifest's order; ``null``, integers, floats as Python's ``repr`` and
text as themselves, blobs as ``{"blob": hex}`` so that no two kinds of value print
alike), the lines sorted and joined by newlines. Sorting the rendered lines rather than
ordering by primary key keeps the checksum independent of how SQLite happens to store a
table (``WITHOUT ROWID``, a table a migration remade) and of collations. The checksum
covers the baseline's columns only, so a later migration may add columns freely.

``python -m tests.migration_baseline orm-read`` (with ``DATABASE_URL`` set) reads every
row of every model through the ORM and prints, per model, its table and the number of
rows it read, or the database error it met.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "data"
BASELINE_GLOB = "demo_db_*.sqlite3.xz"


def manifest_path(baseline: Path) -> Path:
    """``demo_db_X.sqlite3.xz`` is described by ``demo_db_X.json``."""
    return baseline.with_name(baseline.name.removesuffix(".sqlite3.xz") + ".json")


def sqlite_env(database: Path, workdir: Path) -> dict[str, str]:
    """The environment for a ``manage.py`` run on ``database``: development settings,
    uploads under ``workdir``, tasks in-process (whatever the calling shell points at)."""
    env = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CONN_MAX_AGE": "0",
    }
    env.pop("CELERY_BROKER_URL", None)
    return env


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def user_tables(con: sqlite3.Connection) -> list[str]:
    """Every table but SQLite's own (``sqlite_sequence`` holds counters, not rows)."""
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name"
    )
    return [name for (name,) in rows]


def table_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in con.execute(f"PRAGMA table_info({quote(table)})")]


def _value(value: object) -> object:
    return {"blob": value.hex()} if isinstance(value, bytes) else value


def rendered_rows(con: sqlite3.Connection, table: str, columns: Iterable[str]) -> list[str]:
    """The table's rows over ``columns``, one canonical line each, sorted."""
    selected = ", ".join(quote(column) for column in columns)
    cursor = con.execute(f"SELECT {selected} FROM {quote(table)}")  # noqa: S608 - quoted names from the schema
    return sorted(
        json.dumps([_value(value) for value in row], ensure_ascii=False, separators=(",", ":"))
        for row in cursor
    )


def checksum(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def describe_tables(con: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Per table: its columns, row count and checksum (the manifest's ``tables``)."""
    described: dict[str, dict[str, Any]] = {}
    for table in user_tables(con):
        columns = table_columns(con, table)
        lines = rendered_rows(con, table, columns)
        described[table] = {"columns": columns, "rows": len(lines), "sha256": checksum(lines)}
    return described


def orm_read() -> dict[str, dict[str, object]]:
    """Per model (``app_label.ModelName``, through tables included): its table and the
    rows the ORM read, every field converted, or the database error that stopped it."""
    import django

    django.setup()
    from django.apps import apps
    from django.db import DatabaseError

    read: dict[str, dict[str, object]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        try:
            rows = sum(1 for _ in meta.base_manager.all().iterator(chunk_size=2000))
        except DatabaseError as exc:
            read[meta.label] = {"table": meta.db_table, "error": f"{type(exc).__name__}: {exc}"}
        else:
            read[meta.label] = {"table": meta.db_table, "rows": rows}
    return read


if __name__ == "__main__":
    if sys.argv[1:] != ["orm-read"]:
        sys.exit("usage: python -m tests.migration_baseline orm-read")
    json.dump(orm_read(), sys.stdout, indent=1, sort_keys=True)
