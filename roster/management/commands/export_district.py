from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from roster.portability import district_export_zip
from roster.services.imports import district_for_import


class Command(BaseCommand):
    help = "Write all of a district's data as CSV and XLSX files in one zip."

    def add_arguments(self, parser) -> None:
        parser.add_argument("output", type=Path)
        parser.add_argument("--district", help="District code (optional when there is only one).")

    def handle(self, *args, output: Path, district: str | None, **options) -> None:
        try:
            target = district_for_import(code=district)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        output.write_bytes(district_export_zip(district=target))
        self.stdout.write(f"Wrote {target.code}'s data to {output}")
