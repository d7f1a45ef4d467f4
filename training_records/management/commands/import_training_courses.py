from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.tabular import ImportRejected
from training_records.services.catalog import course_catalog_import


class Command(BaseCommand):
    help = "Load a course catalog (code, title, category, hours, refresher months, aliases); all rows or none."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            counts = course_catalog_import(data=file.read_bytes(), filename=file.name)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(
                f"{file.name} was not loaded: {len(exc.errors)} problem(s)."
            ) from None
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"{file.name}: {counts['created']} courses created, {counts['updated']} updated, {counts['unchanged']} unchanged"
        )
