#!/usr/bin/env python
"""Make the migration baseline: the demo district as this commit's migrations store it.

    .venv/bin/python scripts/make_migration_baseline.py

runs ``manage.py migrate`` and the demo's data loading (``manage.py demo --no-serve``;
it also prints its survey codes to ``var/``, as ``make demo`` does) on a throwaway
SQLite file, and writes to ``tests/data/``:

- ``demo_db_<commit>.sqlite3.xz``: that database, vacuumed, in rollback-journal mode,
  compressed with lzma;
- ``demo_db_<commit>.json``: its manifest, made at the same time: per table its
  columns, row count, checksum (``tests/migration_baseline.py`` says how it is
  computed) and the models that read it.

``tests/core/test_migrate_forward.py`` migrates a copy forward with the tree's
migrations and requires every row of the manifest to be found, unchanged, and read by
a model. The baseline stays what an older commit made, on purpose: every migration
written after it is tested on real data until the baseline is replaced.

Refresh it only when you want a newer starting point (say, a release that every
deployed database has reached, or a demo that now fills the new tables). The new one
replaces the old one (one baseline at a time keeps the test quick); migrations written
before the new commit are then no longer replayed on data. Run it on a committed tree:
it refuses uncommitted migrations, because the file is named after the commit.
"""

from __future__ import annotations

import argparse
import datetime
import json
import lzma
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.migration_baseline import (  # noqa: E402 - needs the checkout on sys.path
    BASELINE_GLOB,
    DATA_DIR,
    describe_tables,
    manifest_path,
    sqlite_env,
)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def demo_database(workdir: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    """The demo on a fresh SQLite file, and what the ORM reads from it."""
    path = workdir / "demo.sqlite3"
    env = sqlite_env(path, workdir)
    run([sys.executable, "manage.py", "demo", "--no-serve"], env)
    orm = json.loads(run([sys.executable, "-m", "tests.migration_baseline", "orm-read"], env))
    errors = {label: read["error"] for label, read in orm.items() if "error" in read}
    if errors:
        sys.exit(f"the ORM can't read the demo database: {errors}")
    return path, orm


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    if git("status", "--porcelain", "--", "*/migrations/*"):
        sys.exit("uncommitted migrations: commit them first (the baseline is named after HEAD)")
    commit = git("rev-parse", "--short=7", "HEAD")

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        demo, orm = demo_database(workdir)
        # VACUUM INTO writes a compact copy without the WAL; DELETE mode lets a reader
        # open the committed file without leaving -wal and -shm files beside it.
        baseline = workdir / "baseline.sqlite3"
        con = sqlite3.connect(demo)
        con.execute("VACUUM INTO ?", (str(baseline),))
        con.close()
        con = sqlite3.connect(baseline)
        con.execute("PRAGMA journal_mode=DELETE")
        tables = describe_tables(con)
        con.close()
        readers: dict[str, list[str]] = {}
        for label, read in sorted(orm.items()):
            table = str(read["table"])
            if read["rows"] != tables[table]["rows"]:
                sys.exit(
                    f"{label} read {read['rows']} rows of {table}, not {tables[table]['rows']}"
                )
            readers.setdefault(table, []).append(label)
        for table, described in tables.items():
            described["models"] = readers.get(table, [])
        compressed = lzma.compress(baseline.read_bytes(), preset=9 | lzma.PRESET_EXTREME)

    replaced = sorted(DATA_DIR.glob(BASELINE_GLOB))
    for old in replaced:
        old.unlink()
        manifest_path(old).unlink(missing_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    target = DATA_DIR / f"demo_db_{commit}.sqlite3.xz"
    target.write_bytes(compressed)
    manifest = {
        "baseline": target.name,
        "made_by": "scripts/make_migration_baseline.py",
        "commit": commit,
        "tree_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "made_on": datetime.datetime.now(tz=datetime.UTC).date().isoformat(),
        "django": run([sys.executable, "-m", "django", "--version"], dict(os.environ)).strip(),
        "checksum": "sha256 of the table's rows over its columns; see tests/migration_baseline.py",
        "tables": tables,
    }
    manifest_path(target).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    for old in replaced:
        print(f"replaced {old.relative_to(ROOT)}")
    rows = sum(table["rows"] for table in tables.values())
    print(
        f"wrote {target.relative_to(ROOT)} ({len(compressed) / 1e6:.2f} MB, "
        f"{len(tables)} tables, {rows} rows) and {manifest_path(target).name}"
    )


if __name__ == "__main__":
    main()
