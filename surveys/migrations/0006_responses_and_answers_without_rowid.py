"""SQLite: responses and answers become WITHOUT ROWID tables (anonymity invariant 1).

Their keys are random (uuid4), but a SQLite table keeps an implicit ``rowid`` that
grows with every insert, and stores its rows in rowid order: reading the table, or
any of its indexes among equal keys, lists responses and answers in the order
people answered. A WITHOUT ROWID table has no rowid and keeps its rows in
primary-key order, so there is no arrival order left to read. PostgreSQL has no
rowid; its physical row order is rewritten nightly (``surveys.services.unlinking``),
and this migration does nothing there.

The rebuild (``core.sqlite_tables.rebuild_table``) remakes a table from its own
``CREATE TABLE`` text; Django's SQLite schema editor rebuilds a table from the model
on many later operations and that rebuild silently drops WITHOUT ROWID: a migration
that touches these tables must apply this again. ``tests/surveys/test_arrival_order.py``
fails if it is lost.
"""

from __future__ import annotations

from django.db import migrations

# The rebuild lives in core, shared with every table that must carry no arrival order;
# ``_rebuild`` stays this migration's name for it (0009 and the tests import it from here).
from core.sqlite_tables import rebuild_table as _rebuild

TABLES = ("surveys_response", "surveys_answer")


def without_rowid(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            _rebuild(schema_editor, table, without_rowid=True)


def with_rowid(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            _rebuild(schema_editor, table, without_rowid=False)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0005_releases_and_late_codes"),
    ]

    operations = [
        migrations.RunPython(without_rowid, with_rowid),
    ]
