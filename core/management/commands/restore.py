"""``manage.py restore DIR --yes``: put back what ``backup`` wrote, replacing current data."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.backups import pg_command_env


class Command(BaseCommand):
    help = "Restore the database and uploaded files from a backup folder (replaces current data)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that current data is replaced."
        )

    def handle(self, *args, source: Path, yes: bool, **options) -> None:
        manifest_path = source / "manifest.json"
        if not manifest_path.is_file():
            raise CommandError(f"{source} holds no backup (manifest.json is missing)")
        if not yes:
            raise CommandError(
                "restore replaces the current database and files: run again with --yes"
            )
        manifest = json.loads(manifest_path.read_text())
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"the backup is of {manifest['engine']}, this site runs {connection.vendor}"
            )
        db = connection.settings_dict
        connection.close()
        if connection.vendor == "postgresql":
            command, env = pg_command_env(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    str(source / manifest["database"]),
                ],
                db,
                database_flag=True,
            )
            result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - fixed program, arguments from settings
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            shutil.copyfile(source / manifest["database"], db["NAME"])
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
            members = [
                m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")
            ]
            if media.exists():
                shutil.rmtree(media)
            media.parent.mkdir(parents=True, exist_ok=True)
            archive.extractall(media.parent, members=members, filter="data")
            if media.parent / "media" != media and (media.parent / "media").exists():
                (media.parent / "media").rename(media)
        self.stdout.write(f"Restored the database and uploaded files from {source}")
