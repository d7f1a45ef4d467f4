from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.tabular import ImportRejected
from roster.services.imports import district_for_import, roster_import


class Command(BaseCommand):
    help = "Import schools or officers from a CSV or XLSX file; a file with any bad row stores nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--district", help="District code (optional when there is only one).")
        parser.add_argument(
            "--agency",
            default="",
            metavar="CODE",
            help="The agency of an officers file that has no agency column.",
        )
        parser.add_argument(
            "--agency-name",
            action="append",
            default=[],
            metavar="CODE=Name",
            help="The name of a new agency the officers file names only by its code (repeatable).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, storing nothing."
        )

    def handle(
        self,
        *args,
        file: Path,
        district: str | None,
        dry_run: bool,
        agency_name: list[str],
        agency: str,
        **options,
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        names: dict[str, str] = {}
        for given in agency_name:
            code, sep, name = given.partition("=")
            if not sep or not code.strip() or not name.strip():
                raise CommandError(f"--agency-name {given!r}: write it CODE=Name")
            names[code.strip().upper()] = name.strip()
        try:
            target = district_for_import(code=district)
            result = roster_import(
                district=target,
                data=file.read_bytes(),
                filename=file.name,
                dry_run=dry_run,
                agency_names=names,
                agency_code=agency,
            )
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(
                f"{file.name} was not imported: {len(exc.errors)} problem(s); nothing was stored."
            ) from None
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        if result.agencies_unnamed:
            self.stderr.write(
                "New agencies without a name (give one with --agency-name CODE=Name): "
                + ", ".join(result.agencies_unnamed)
            )
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{file.name}: {result.rows} {result.kind} rows — {result.created} {verb} created, "
            f"{result.updated} updated, {result.unchanged} unchanged; "
            f"{result.assignments_started} assignments started"
            + (
                f"; agencies created: {', '.join(result.agencies_created)}"
                if result.agencies_created
                else ""
            )
            + (" (dry run: nothing stored)" if dry_run else "")
        )
