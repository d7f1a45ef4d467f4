#!/usr/bin/env python
"""Fuzz the whole API with schemathesis, as anonymous and as every demo role.

Builds a throwaway database (SQLite, or PostgreSQL when DATABASE_URL points there),
loads the demo, serves it with gunicorn on a free loopback port, then runs
``schemathesis run`` against /api/schema/ once per role with a bounded number of
examples per operation. Fails (exit 1) on any 5xx or any response that doesn't
match the schema. Cleans up every process and database it made.

    .venv/bin/python scripts/fuzz_api.py [--max-examples 10]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROLES = ["coordinator", "principal", "supervisor", "officer"]
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    options = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sro360-fuzz-"))
    drop = None
    if options.database_url.startswith("postgres"):
        base = options.database_url.rsplit("/", 1)[0]
        name = f"sro360_fuzz_{uuid.uuid4().hex[:8]}"
        subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        database_url = f"{base}/{name}"

        def drop() -> None:
            subprocess.run(
                ["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                check=False,
            )
    else:
        database_url = f"sqlite:///{tmp / 'fuzz.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in ("CELERY_BROKER_URL", "DJANGO_ENV")}
    env.update(
        {
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(tmp / "media"),
            "AXES_FAILURE_LIMIT": "1000",
        }
    )
    server = None
    failures = 0
    try:
        manage("demo", "--no-serve", env=env)
        tokens = {}
        for role in ROLES:
            out = manage("drf_create_token", role, env=env)
            tokens[role] = out.strip().split()[2]
        port = free_port()
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        url = f"http://127.0.0.1:{port}"
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("gunicorn did not start")
        for who in ["anonymous", *ROLES]:
            print(f"\n=== schemathesis as {who} ===", flush=True)
            headers = [] if who == "anonymous" else ["-H", f"Authorization: Token {tokens[who]}"]
            result = subprocess.run(
                [
                    str(BIN / "schemathesis"),
                    "run",
                    f"{url}/api/schema/",
                    *headers,
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    str(options.max_examples),
                    "--seed",
                    "2026",
                    "--workers",
                    "1",
                    "--no-color",
                    "--generation-database",
                    "none",
                    "--request-timeout",
                    "30",
                    "--suppress-health-check",
                    "all",
                    "--output-truncate",
                    "true",
                ],
                cwd=tmp,
                env=env,
                check=False,
            )
            if result.returncode:
                failures += 1
                print(f"schemathesis as {who}: FAILED", flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if drop:
            drop()
    print(
        f"\nfuzz_api: {'FAILED for ' + str(failures) + ' role(s)' if failures else 'passed for anonymous and all 4 roles'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
