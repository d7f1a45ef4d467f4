"""SQLite: public comments become a WITHOUT ROWID table (anonymity invariant 1, as for
survey responses): a rowid would keep the order in which people commented. The
rebuild is ``core.sqlite_tables.rebuild_table`` (its docstring says why and when it
must be applied again); on PostgreSQL this does nothing and the nightly
``comments_unlink`` rewrites the rows' order instead.
"""

from __future__ import annotations

from django.db import migrations

from core.sqlite_tables import rebuild_table

TABLE = "agreements_publiccomment"


def without_rowid(apps, schema_editor) -> None:
    rebuild_table(schema_editor, TABLE, without_rowid=True)


def with_rowid(apps, schema_editor) -> None:
    rebuild_table(schema_editor, TABLE, without_rowid=False)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(without_rowid, with_rowid),
    ]
