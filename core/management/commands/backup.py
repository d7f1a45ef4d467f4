"""``manage.py backup DIR``: the database and uploaded files, restorable with ``restore``.

PostgreSQL is dumped with ``pg_dump --format=custom`` (so ``pg_restore`` can
recreate it into an empty database); SQLite with its online backup API, which is
safe while the site runs. Uploaded files go into ``media.tar.gz``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core.backups import pg_command_env


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("destination", type=Path)

    def handle(self, *args, destination: Path, **options) -> None:
        destination.mkdir(parents=True, exist_ok=True)
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            target = destination / "database.dump"
            command, env = pg_command_env(
                ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], db
            )
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed program, arguments from settings
            if result.returncode:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        elif connection.vendor == "sqlite":
            target = destination / "database.sqlite3"
            source = sqlite3.connect(db["NAME"])
            copy = sqlite3.connect(target)
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        else:
            raise CommandError(f"backups of {connection.vendor} are not supported")
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(destination / "media.tar.gz", "w:gz") as archive:
            if media.is_dir():
                archive.add(media, arcname="media")
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "database": target.name,
        }
        (destination / "manifest.json").write_text(json.dumps(manifest, indent=2))
        self.stdout.write(
            f"Backed up the {connection.vendor} database and uploaded files to {destination}"
        )
