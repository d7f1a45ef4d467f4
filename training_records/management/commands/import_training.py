from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.tabular import ImportRejected
from roster.models import Agency
from training_records.services.imports import training_import_file


class Command(BaseCommand):
    help = "Import an agency's training log (CSV or XLSX); a file with any bad row stores nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", required=True, help="The agency's code, e.g. MCPD.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, storing nothing."
        )

    def handle(self, *args, file: Path, agency: str, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            target = Agency.objects.get(code__iexact=agency)
        except Agency.DoesNotExist:
            raise CommandError(f"There is no agency with the code {agency!r}.") from None
        try:
            training_import, log = training_import_file(
                agency=target, data=file.read_bytes(), filename=file.name, dry_run=dry_run
            )
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(
                f"{file.name} was not imported: {len(exc.errors)} problem(s); nothing was stored."
            ) from None
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        verb = "would be added" if dry_run else "added"
        self.stdout.write(
            f"{file.name}: {log.rows} rows — {len(log.records)} records {verb}, "
            f"{log.duplicates} already stored (skipped)"
            + (f", {log.skipped} whose completion status doesn't count" if log.skipped else "")
            + (
                " (dry run: nothing stored)"
                if training_import is None  # a dry run stores no import row
                else f"; import #{training_import.pk}"
            )
        )
