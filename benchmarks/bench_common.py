"""What every benchmark shares: its own throwaway database, and its verdict.

BENCHMARKS.md's form: a benchmark creates the database it writes to and drops it
afterwards (``--database-url`` names a PostgreSQL *server*, never a database to
fill or flush), and ends with one line, ``NAME: ratio R (target <= T)``, unless
something did not match, when the last line is ``NAME: MISMATCH ...`` and the exit
code 1 whatever the ratio. ``--check`` (CI, after the suite) asserts the work and
prints the ratio but does not fail on it: a shared machine can't time it fairly.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent


def add_common_arguments(parser: argparse.ArgumentParser, *, sqlite_default: bool) -> None:
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="a smaller size, within 60 s on 2 cores")
    size.add_argument(
        "--check",
        action="store_true",
        help="CI's size: assert the work (counted in the database), print the ratio, "
        "exit 1 on a mismatch but not on the ratio",
    )
    parser.add_argument(
        "--database-url",
        default=None if sqlite_default else "postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server: the benchmark creates its own database there and drops it"
        + (" (default: a temporary SQLite file)" if sqlite_default else ""),
    )


@contextlib.contextmanager
def throwaway_database(server_url: str | None, label: str) -> Iterator[str]:
    """A database URL that exists only for this run: a new PostgreSQL database named
    ``sro360_bench_<label>_<pid>`` on ``server_url``'s server, or a SQLite file in a
    temporary folder when no server is named. Dropped (or deleted) on the way out."""
    if server_url is None:
        with tempfile.TemporaryDirectory(prefix=f"sro360-bench-{label}-") as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    import psycopg

    parsed = urlparse(server_url)
    # The maintenance database, whichever database the URL named: nothing is
    # written there, and the URL's own database is never touched.
    admin = urlunparse(parsed._replace(path="/postgres", scheme="postgresql"))
    name = f"sro360_bench_{label}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(parsed._replace(path=f"/{name}"))
    finally:
        from django.conf import settings

        if settings.configured:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url: str, media_root: str, *, broker_url: str | None = None) -> None:
    """Django on the benchmark's own database. Tasks run eagerly in this process unless
    ``broker_url`` is given, whatever CELERY_BROKER_URL the calling shell exports."""
    os.environ["DATABASE_URL"] = database_url
    if broker_url is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = broker_url
    os.environ["MEDIA_ROOT"] = media_root
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    # Timing with DEBUG on would also time Django's query log.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    assert not settings.DEBUG, "benchmarks time with DEBUG off (no query log)"


def verdict(
    name: str,
    *,
    ratio: float,
    target: float,
    bigger_is_better: bool,
    mismatches: list[str],
    check: bool,
) -> int:
    """Print the ratio line, then MISMATCH as the last line if anything differed."""
    sign = ">=" if bigger_is_better else "<="
    print(f"{name}: ratio {ratio:.2f} (target {sign} {target})")
    if mismatches:
        for mismatch in mismatches:
            print(f"mismatch: {mismatch}")
        print(f"{name}: MISMATCH {len(mismatches)} check(s) failed: {'; '.join(mismatches)}")
        return 1
    if check:
        return 0
    holds = ratio >= target if bigger_is_better else ratio <= target
    return 0 if holds else 1


def run(name: str, main: Callable[[], int]) -> None:
    """Exit with ``main``'s code; a crash ends with a MISMATCH line too, never a pass-looking one."""
    try:
        code = main()
    except KeyboardInterrupt:
        print(f"{name}: MISMATCH interrupted")
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - printed with its traceback, and the run fails
        traceback.print_exc()
        sys.stdout.flush()
        print(f"{name}: MISMATCH the benchmark failed: {error!r}")
        sys.exit(1)
    sys.exit(code)
