"""A database made by an older commit's migrations and demo migrates forward, every row kept.

The baseline in ``tests/data`` is the demo district as an older commit stored it
(``scripts/make_migration_baseline.py`` made it and says when to replace it). A copy
is migrated with this tree's migrations by ``manage.py migrate`` in a subprocess, on
SQLite, and then every table of the manifest must still hold the same rows (count and
checksum over the baseline's columns, so added columns don't matter), and every model
must read its table through the ORM, so a model whose state moved to another app but
whose ``db_table`` no longer names the table that holds the rows is caught. The test
uses no database of the suite's, so it runs the same in the PostgreSQL pass of CI.

A migration that moves or rewrites data on purpose says so below, with the reason.
"""

from __future__ import annotations

import json
import lzma
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.migration_baseline import (
    BASELINE_GLOB,
    DATA_DIR,
    ROOT,
    checksum,
    describe_tables,
    manifest_path,
    rendered_rows,
    sqlite_env,
    table_columns,
    user_tables,
)

# A migration that renames a table: the baseline's name -> the table that holds its rows now.
RENAMED_TABLES: dict[str, str] = {}

# Tables to which migrating adds rows by design: each baseline row must still be there.
APPEND_ONLY_TABLES = {
    "django_migrations": "each migration applied adds its row",
    "django_content_type": "post_migrate adds one for each new model, a moved one included",
    "auth_permission": "post_migrate adds four for each new model",
}

# Columns a data migration rewrites on purpose: table -> {column: why}. The other
# columns of every row must be unchanged.
REWRITTEN_COLUMNS: dict[str, dict[str, str]] = {
    # evaluations 0005 (issue 14): flags, removal requests and packets moved to the flags
    # and packets apps; what named them by app label follows them (checked exactly by
    # test_moved_models_keep_their_audit_trail_and_content_types below).
    "roster_auditevent": {"target_type": "'evaluations.flag' -> 'flags.flag' etc."},
    "django_content_type": {"app_label": "the moved models' content types"},
    # surveys 0009 (issue 20): default-bank questions whose text is still the old default
    # get the reviewed Spanish with its feminine/masculine variants (and the comment
    # question loses its repeated "don't write names"); a district's edits stay.
    "surveys_question": {"text": "the default bank's reviewed wording"},
}

# The models that left evaluations, by their new app label (evaluations 0005).
MOVED_MODELS = {
    "flagrule": "flags",
    "flag": "flags",
    "removalrequest": "flags",
    "packet": "packets",
    "packetversion": "packets",
    "packetbuilditem": "packets",
}


@dataclass(frozen=True)
class Replay:
    manifest: dict[str, Any]
    baseline: sqlite3.Connection
    migrated: sqlite3.Connection
    check: subprocess.CompletedProcess[str]
    orm: dict[str, dict[str, Any]]

    def current_tables(self) -> set[str]:
        return set(user_tables(self.migrated))

    def raw_count(self, table: str) -> int:
        return self.migrated.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - a model's db_table


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    found = sorted(DATA_DIR.glob(BASELINE_GLOB))
    if len(found) != 1 or not manifest_path(found[0]).is_file():
        pytest.fail(
            f"expected one {BASELINE_GLOB} and its .json manifest in {DATA_DIR}, found "
            f"{sorted(path.name for path in DATA_DIR.glob('demo_db_*'))}; "
            "make them with scripts/make_migration_baseline.py"
        )
    manifest = json.loads(manifest_path(found[0]).read_text())
    workdir = tmp_path_factory.mktemp("migrate-forward")
    pristine = workdir / "baseline.sqlite3"
    pristine.write_bytes(lzma.decompress(found[0].read_bytes()))
    database = workdir / "migrated.sqlite3"
    shutil.copyfile(pristine, database)
    env = sqlite_env(database, workdir)

    migrate = run(["manage.py", "migrate", "--no-input"], env)
    if migrate.returncode:
        pytest.fail(f"migrate failed on {found[0].name}:\n{migrate.stdout}\n{migrate.stderr}")
    check = run(["manage.py", "migrate", "--check"], env)
    orm = run(["-m", "tests.migration_baseline", "orm-read"], env)
    if orm.returncode:
        pytest.fail(f"reading the migrated baseline through the ORM failed:\n{orm.stderr}")

    baseline = sqlite3.connect(f"file:{pristine}?mode=ro", uri=True)
    migrated = sqlite3.connect(database)
    yield Replay(manifest, baseline, migrated, check, json.loads(orm.stdout))
    baseline.close()
    migrated.close()


def test_the_baseline_is_what_its_manifest_says(replay: Replay) -> None:
    described = describe_tables(replay.baseline)
    manifest = {
        table: {key: value for key, value in recorded.items() if key != "models"}
        for table, recorded in replay.manifest["tables"].items()
    }
    assert described == manifest, "the baseline and its manifest disagree: remake both"


def test_no_migration_is_left_unapplied(replay: Replay) -> None:
    assert replay.check.returncode == 0, replay.check.stdout + replay.check.stderr


def _example(lines: Counter[str]) -> str:
    line = next(iter(lines))
    return line if len(line) <= 160 else line[:157] + "..."


def _row_problem(replay: Replay, table: str, manifest: dict[str, Any]) -> str | None:
    current = RENAMED_TABLES.get(table, table)
    if current not in replay.current_tables():
        return f"{table}: gone (a migration that renames it says where in RENAMED_TABLES)"
    rewritten = REWRITTEN_COLUMNS.get(table, {})
    columns = [column for column in manifest["columns"] if column not in rewritten]
    gone = sorted(set(columns) - set(table_columns(replay.migrated, current)))
    if gone:
        return f"{table}: columns {gone} are gone (list them in REWRITTEN_COLUMNS with the reason)"
    before = Counter(rendered_rows(replay.baseline, table, columns))
    after_lines = rendered_rows(replay.migrated, current, columns)
    after = Counter(after_lines)
    lost = before - after
    if table in APPEND_ONLY_TABLES:
        if lost:
            return f"{table}: {lost.total()} baseline rows lost or changed, e.g. {_example(lost)}"
        return None
    expected = (manifest["rows"], manifest["sha256"])
    if rewritten:
        expected = (before.total(), checksum(sorted(before.elements())))
    if (len(after_lines), checksum(after_lines)) == expected:
        return None
    added = after - before
    return (
        f"{current}: {len(after_lines)} rows, {expected[0]} in the baseline; "
        f"{lost.total()} baseline rows lost or changed"
        + (f", e.g. {_example(lost)}" if lost else "")
        + f"; {added.total()} rows not in the baseline"
        + (f", e.g. {_example(added)}" if added else "")
    )


def test_every_row_of_the_baseline_is_kept(replay: Replay) -> None:
    problems = [
        problem
        for table, manifest in replay.manifest["tables"].items()
        if (problem := _row_problem(replay, table, manifest))
    ]
    assert not problems, "\n".join(problems)


def test_every_model_reads_every_row_of_its_table(replay: Replay) -> None:
    errors = {label: read["error"] for label, read in replay.orm.items() if "error" in read}
    assert not errors, "\n".join(f"{label}: {error}" for label, error in errors.items())
    misread = {
        label: (read["rows"], replay.raw_count(read["table"]))
        for label, read in replay.orm.items()
        if read["rows"] != replay.raw_count(read["table"])
    }
    assert not misread, f"rows read through the ORM, rows in the table: {misread}"


def test_every_baseline_table_is_still_read_by_a_model(replay: Replay) -> None:
    readers: dict[str, list[str]] = {}
    for label, read in replay.orm.items():
        if "error" not in read:
            readers.setdefault(read["table"], []).append(label)
    unread = {
        table: manifest["models"]
        for table, manifest in replay.manifest["tables"].items()
        if manifest["models"] and not readers.get(RENAMED_TABLES.get(table, table))
    }
    assert not unread, (
        "no model reads these baseline tables any more (their models in the baseline beside "
        "them): a moved model keeps its db_table, a renamed table is in RENAMED_TABLES: "
        f"{unread}"
    )


def test_moved_models_keep_their_audit_trail_and_content_types(replay: Replay) -> None:
    """The relabelling is exactly the moved models' labels: every other row of the
    audit trail and of the content types reads as it did."""

    def relabelled(label: str) -> str:
        app, _, model = label.partition(".")
        return (
            f"{MOVED_MODELS[model]}.{model}"
            if app == "evaluations" and model in MOVED_MODELS
            else label
        )

    audit_sql = "SELECT id, target_type FROM roster_auditevent ORDER BY id"
    before = replay.baseline.execute(audit_sql).fetchall()
    after = replay.migrated.execute(audit_sql).fetchall()
    assert after == [(pk, relabelled(label)) for pk, label in before]
    assert any(label.startswith("flags.") for _, label in after)

    types_sql = "SELECT id, app_label || '.' || model FROM django_content_type ORDER BY id"
    baseline_types = replay.baseline.execute(types_sql).fetchall()
    migrated_types = dict(replay.migrated.execute(types_sql).fetchall())
    for pk, label in baseline_types:
        assert migrated_types[pk] == relabelled(label)
