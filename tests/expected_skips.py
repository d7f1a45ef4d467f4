"""A CI run fails on a skip nobody expected.

With ``EXPECTED_SKIPS`` naming a file of test ids (one per line, ``#`` starts a comment;
a module path covers every test in it), the run fails when any other test skipped: a
PostgreSQL-only test that quietly skips, or a worker test without its worker, is a
failure, not a line in the summary. ``.ci/run`` sets it for both of its runs
(tests/skips_expected/sqlite.txt and postgresql.txt say why each skip is expected).
Its hooks are registered by tests/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_skipped: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.add(report.nodeid)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped:
        _skipped.add(report.nodeid)


def _expected(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def _is_expected(nodeid: str, expected: list[str]) -> bool:
    return any(nodeid == each or nodeid.startswith(f"{each}::") for each in expected)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = os.environ.get("EXPECTED_SKIPS")
    if not path:
        return
    expected = _expected(Path(path))
    unexpected = sorted(nodeid for nodeid in _skipped if not _is_expected(nodeid, expected))
    if not unexpected:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\n{len(unexpected)} unexpected skip(s), not in {path}:", red=True)
        for nodeid in unexpected:
            reporter.write_line(f"  {nodeid}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
