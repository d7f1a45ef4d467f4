from __future__ import annotations

import os


def pg_command_env(
    command: list[str], db: dict, *, database_flag: bool = False
) -> tuple[list[str], dict[str, str]]:
    """A pg_dump/pg_restore command line for Django's connection settings.

    The password travels in the environment, never on the command line.
    """
    args = list(command)
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    args.append(f"--dbname={db['NAME']}" if database_flag else db["NAME"])
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env
