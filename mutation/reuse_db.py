"""pytest plugin for the mutation run: keep the SQLite test database in a file.

Each mutant starts a fresh pytest; migrating a new in-memory database costs more
than most targeted test files. With ``-p mutation.reuse_db --reuse-db`` the first
run migrates once into the file and every later run reuses it. The mutated
modules are never migrations, so the schema does not depend on the mutant.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Under var/, which git ignores, beside the mutation sessions.
_DEFAULT = Path(__file__).resolve().parent.parent / "var" / "mutation" / "test.sqlite3"


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.db import connections

    database = connections["default"].settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = os.environ.get("MUTATION_TEST_DB", str(_DEFAULT))
