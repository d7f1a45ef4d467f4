"""No arrival order on SQLite (anonymity invariant 1): responses and answers are
WITHOUT ROWID tables, so rows live in the order of their random keys.

A rowid table would keep them in insertion order: in the table, and among equal
keys of every index. PostgreSQL has no rowid; its physical order is rewritten
nightly, shown in ``test_unlinking.py``.

SQLite is the embedded default, so its guarantee is checked on every run: on another
database each test is the same test, run by a pytest of its own on a SQLite database
(one run for the module), and passes only if that one passed.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from surveys.models import RespondentGroup
from surveys.services import response_submit
from tests.factories.surveys import agree_answers, issue_codes

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("surveys_response", "surveys_answer")
# 40 responses (80 answers) in random key order come out in arrival order with a
# chance of 1 in 40! — never.
RESPONSES = 40
migration = importlib.import_module("surveys.migrations.0006_responses_and_answers_without_rowid")
# The migration's table rebuild is what is under test; a migration module has no public API.
rebuild = migration._rebuild  # noqa: SLF001


@functools.cache
def _outcomes_on_sqlite(module_file: str) -> tuple[dict[str, str], str]:
    """A test module run by a pytest of its own on a SQLite database: each test's
    outcome by name, and the run's output. Only a ``PASSED`` line counts as a pass."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CELERY_BROKER_URL", "EXPECTED_SKIPS", "REQUIRE_SERVICES"}
    }
    with tempfile.TemporaryDirectory() as tmp:
        env["DATABASE_URL"] = f"sqlite:///{tmp}/arrival-order.sqlite3"
        run = subprocess.run(
            [sys.executable, "-m", "pytest", module_file, "-p", "no:cacheprovider", "-rA", "-q"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    output = run.stdout + run.stderr
    outcomes = {
        name: outcome
        for outcome, name in re.findall(r"^([A-Z]+) \S+::(\w+)", output, flags=re.MULTILINE)
    }
    return outcomes, output


def on_sqlite_for(module_file: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator for the tests of ``module_file``: on SQLite, the test itself; on
    another database, the same test run on SQLite by a pytest of its own."""

    def on_sqlite(test: Callable[..., None]) -> Callable[..., None]:
        if connection.vendor == "sqlite":
            return test

        def passes_on_sqlite() -> None:
            outcomes, output = _outcomes_on_sqlite(module_file)
            assert outcomes.get(test.__name__) == "PASSED", (
                f"{test.__name__} did not pass on SQLite: {outcomes.get(test.__name__)}\n{output}"
            )

        passes_on_sqlite.__name__ = passes_on_sqlite.__qualname__ = test.__name__
        passes_on_sqlite.__doc__ = test.__doc__
        return passes_on_sqlite

    return on_sqlite


on_sqlite = on_sqlite_for(__file__)


def _rows(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ids_as_stored(table: str) -> list[str]:
    """The table's rows as stored, as anyone reading the file would list them: every
    column and no ORDER BY (``SELECT id`` alone would read the key's index instead)."""
    return [row[0] for row in _rows(f'SELECT id, * FROM "{table}"')]  # noqa: S608 - constant names


def _create_sql(table: str) -> str:
    return _rows("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])[0][0]


def _submit_observing_arrival(survey) -> dict[str, dict[str, int]]:
    """Submit responses one by one; for each table, the submission each new row arrived with."""
    arrival: dict[str, dict[str, int]] = {table: {} for table in TABLES}
    codes = issue_codes(survey.campaign, RespondentGroup.STUDENT, survey.school, RESPONSES)
    for n, code in enumerate(codes):
        response_submit(code=code, language="en", answers=agree_answers(survey.officer, 1 + n % 5))
        for table, seen in arrival.items():
            new = [i for i in _ids_as_stored(table) if i not in seen]
            assert len(new) == (1 if table == "surveys_response" else 2)
            seen.update(dict.fromkeys(new, n))
    return arrival


def _in_arrival_order(ids: list[str], arrival: dict[str, int]) -> bool:
    submissions = [arrival[i] for i in ids]
    return submissions == sorted(submissions)


def _index_scans(table: str) -> Iterator[tuple[str, list[tuple]]]:
    """Each index of ``table`` read in its own order: (key columns..., id) per row."""
    for _, index, *_ in _rows(f'PRAGMA index_list("{table}")'):
        columns = [row[2] for row in _rows(f'PRAGMA index_info("{index}")')]
        selected = ", ".join(f'"{c}"' for c in [*columns, "id"])
        yield index, _rows(f'SELECT {selected} FROM "{table}" INDEXED BY "{index}"')  # noqa: S608 - from the catalog


@on_sqlite
@pytest.mark.django_db
def test_responses_and_answers_are_tables_without_rowid() -> None:
    for table in TABLES:
        assert "WITHOUT ROWID" in _create_sql(table).upper(), (
            f"{table} lost WITHOUT ROWID (a later migration remade it?): rows would keep arrival order; "
            "see surveys/migrations/0006_responses_and_answers_without_rowid.py"
        )
        with pytest.raises(OperationalError, match="rowid"):
            _rows(f'SELECT rowid FROM "{table}"')  # noqa: S608 - constant names


@on_sqlite
@pytest.mark.django_db
def test_responses_and_answers_are_stored_in_random_key_order_not_arrival_order(survey) -> None:
    arrival = _submit_observing_arrival(survey)

    for table in TABLES:
        stored = _ids_as_stored(table)
        assert sorted(stored) == sorted(arrival[table])
        assert not _in_arrival_order(stored, arrival[table]), (
            f"{table} lists rows in the order they arrived"
        )


@on_sqlite
@pytest.mark.django_db
def test_no_index_lists_equal_keys_in_arrival_order(survey) -> None:
    """A rowid table's index orders equal keys by rowid: ``WHERE officer_id = ?`` would
    list that officer's answers as they arrived. Here ties go by the random key."""
    arrival = _submit_observing_arrival(survey)

    for table in TABLES:
        scans = dict(_index_scans(table))
        assert len(scans) >= 2, scans.keys()
        for index, rows in scans.items():
            assert len(rows) == len(arrival[table]), index
            assert rows == sorted(rows), (
                f"{index} lists equal keys in another order than by their random id"
            )
            assert not _in_arrival_order([row[-1] for row in rows], arrival[table]), index


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_the_migration_rebuilds_a_table_from_its_own_definition_both_ways() -> None:
    """Columns, indexes, triggers and references a migration added before are kept."""
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE TABLE "scratch_parent" ("id" char(32) NOT NULL PRIMARY KEY, "added_later" integer NULL)'
        )
        cursor.execute('CREATE INDEX "scratch_parent_added" ON "scratch_parent" ("added_later")')
        cursor.execute(
            'CREATE TABLE "scratch_child" ("id" integer NOT NULL PRIMARY KEY, '
            '"parent_id" char(32) NOT NULL REFERENCES "scratch_parent" ("id") DEFERRABLE INITIALLY DEFERRED)'
        )
        cursor.execute(
            'CREATE TRIGGER "scratch_parent_guard" BEFORE DELETE ON "scratch_parent" '
            "BEGIN SELECT RAISE(ABORT, 'kept'); END"
        )
        cursor.execute("INSERT INTO scratch_parent VALUES ('b', 2), ('a', 1), ('c', 3)")
        cursor.execute("INSERT INTO scratch_child VALUES (1, 'b')")
    dependents = "SELECT name FROM sqlite_master WHERE tbl_name = 'scratch_parent' AND sql IS NOT NULL ORDER BY name"
    try:
        before = _rows(dependents)
        with connection.schema_editor() as editor:
            rebuild(editor, "scratch_parent", without_rowid=True)
        assert _create_sql("scratch_parent").endswith(") WITHOUT ROWID")
        assert _rows("SELECT id, added_later FROM scratch_parent") == [("a", 1), ("b", 2), ("c", 3)]
        assert _rows(dependents) == before
        assert _rows("PRAGMA foreign_key_check") == []

        with connection.schema_editor() as editor:
            rebuild(editor, "scratch_parent", without_rowid=False)
            rebuild(editor, "scratch_parent", without_rowid=False)  # already so: nothing to do
        assert "ROWID" not in _create_sql("scratch_parent").upper()
        assert sorted(_rows("SELECT id, added_later FROM scratch_parent")) == [
            ("a", 1),
            ("b", 2),
            ("c", 3),
        ]
        assert _rows(dependents) == before
        assert _rows("PRAGMA foreign_key_check") == []
    finally:
        with connection.cursor() as cursor:
            cursor.execute('DROP TABLE IF EXISTS "scratch_child"')
            cursor.execute('DROP TABLE IF EXISTS "scratch_parent"')


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_and_applies_again_keeping_every_response(survey) -> None:
    arrival = _submit_observing_arrival(survey)
    answers = (
        "SELECT id, response_id, officer_id, question_id, number FROM surveys_answer ORDER BY id"
    )
    before = _rows(answers)
    try:
        with connection.schema_editor() as editor:
            migration.with_rowid(None, editor)
        assert all("ROWID" not in _create_sql(table).upper() for table in TABLES)
    finally:
        with connection.schema_editor() as editor:
            migration.without_rowid(None, editor)

    assert all("WITHOUT ROWID" in _create_sql(table) for table in TABLES)
    assert sorted(_ids_as_stored("surveys_response")) == sorted(arrival["surveys_response"])
    assert _rows(answers) == before
    assert _rows("PRAGMA foreign_key_check") == []
