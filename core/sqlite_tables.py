"""SQLite tables without a rowid, for tables whose rows must carry no arrival order.

Anonymity invariant 1 (ARCHITECTURE.md): survey responses, answers, parents'
opt-outs and public comments have random keys, but a SQLite table keeps an implicit
``rowid`` that grows with every insert, and stores its rows in rowid order: reading
the table, or any of its indexes among equal keys, lists rows in the order they
arrived. A WITHOUT ROWID table has no rowid and keeps its rows in primary-key
order, so there is no arrival order left to read. PostgreSQL has no rowid; its
physical row order is rewritten nightly (``surveys.services.unlinking``,
``agreements.services.comments.comments_unlink``).

The table is rebuilt from its own ``CREATE TABLE`` text in ``sqlite_master``, not
from the models, so it keeps whatever columns and constraints earlier migrations
gave it. Django's SQLite schema editor rebuilds a table from the model on many
later operations (AlterField, AddField with a default, constraint changes) and that
rebuild silently drops WITHOUT ROWID: a migration that touches such a table must
apply this again (the arrival-order tests fail if it is lost).
"""

from __future__ import annotations

import re
from typing import Any

WITHOUT_ROWID = re.compile(r"\bWITHOUT\s+ROWID\b", re.IGNORECASE)


def rebuild_table(schema_editor: Any, table: str, *, without_rowid: bool) -> None:
    """Remake ``table`` with or without rowid; its rows, columns, indexes and triggers stay.

    Runs inside the schema editor, which turns SQLite's foreign key enforcement off
    for the migration (so dropping a table doesn't touch the rows that reference it)
    and runs ``PRAGMA foreign_key_check`` at the end. Does nothing on another database.
    """
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        (create_sql,) = cursor.fetchone()
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
        dependents = [row[0] for row in cursor.fetchall()]
        cursor.execute(f'PRAGMA table_info("{table}")')
        columns = [row[1] for row in cursor.fetchall()]
    # "CREATE TABLE name (definitions) options": rows are never read by name here, so
    # only the part from the first "(" on is kept; the options follow the last ")".
    body_start, body_end = create_sql.index("("), create_sql.rindex(")") + 1
    body, options = create_sql[body_start:body_end], create_sql[body_end:]
    if bool(WITHOUT_ROWID.search(options)) == without_rowid:
        return
    kept = [o.strip() for o in WITHOUT_ROWID.sub("", options).split(",") if o.strip()]
    if without_rowid:
        kept.append("WITHOUT ROWID")
    quoted = ", ".join(f'"{c}"' for c in columns)
    new = f"new__{table}"
    schema_editor.execute(f'CREATE TABLE "{new}" {body} {", ".join(kept)}'.rstrip())
    schema_editor.execute(f'INSERT INTO "{new}" ({quoted}) SELECT {quoted} FROM "{table}"')  # noqa: S608 - names from sqlite_master
    schema_editor.execute(f'DROP TABLE "{table}"')
    schema_editor.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for sql in dependents:
        schema_editor.execute(sql)
