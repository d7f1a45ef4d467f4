"""Backup and restore, end to end, on a throwaway database of the suite's engine."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _throwaway_database_url(tmp_path: Path) -> tuple[str, object]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        name = f"sro360_backup_{uuid.uuid4().hex[:8]}"
        base = url.rsplit("/", 1)[0]
        subprocess.run(
            ["psql", f"{base}/postgres", "-c", f"CREATE DATABASE {name}"],
            check=True,
            capture_output=True,
        )

        def drop() -> None:
            subprocess.run(
                ["psql", f"{base}/postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                capture_output=True,
                check=False,
            )

        return f"{base}/{name}", drop
    return f"sqlite:///{tmp_path / 'site.sqlite3'}", lambda: None


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result


def _count(env: dict[str, str]) -> str:
    code = "from roster.models import Officer, Membership; print(Officer.objects.count(), Membership.objects.count())"
    return _manage("shell", "--no-imports", "-c", code, env=env).stdout.strip()


def test_a_backup_restores_the_database_and_uploaded_files(tmp_path) -> None:
    database_url, drop = _throwaway_database_url(tmp_path)
    media = tmp_path / "media"
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    env.pop("CELERY_BROKER_URL", None)
    try:
        _manage("demo", "--no-serve", env=env)
        (media / "certificates").mkdir(parents=True)
        (media / "certificates" / "cit.pdf").write_bytes(b"%PDF-1.4 certificate")
        before = _count(env)

        _manage("backup", str(tmp_path / "backup"), env=env)
        _manage(
            "shell",
            "--no-imports",
            "-c",
            "from roster.models import Membership, Officer; Membership.objects.all().delete(); Officer.objects.filter(badge_number='4113').update(first_name='Changed')",
            env=env,
        )
        (media / "certificates" / "cit.pdf").unlink()
        _manage("restore", str(tmp_path / "backup"), "--yes", env=env)

        assert _count(env) == before
        name = _manage(
            "shell",
            "--no-imports",
            "-c",
            "from roster.models import Officer; print(Officer.objects.get(badge_number='4113').first_name)",
            env=env,
        )
        assert name.stdout.strip() == "Luis"
        assert (media / "certificates" / "cit.pdf").read_bytes() == b"%PDF-1.4 certificate"
    finally:
        drop()


def test_restore_refuses_without_confirmation(tmp_path) -> None:
    (tmp_path / "manifest.json").write_text('{"engine": "sqlite", "database": "database.sqlite3"}')
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"},
        check=False,
    )

    assert result.returncode != 0
    assert "--yes" in result.stderr


pytestmark = pytest.mark.timeout(600)
