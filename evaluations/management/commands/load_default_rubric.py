"""``manage.py load_default_rubric --district CODE``: give a district the SECURe rubric
from evaluations/fixtures/secure_default_rubric.json (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from evaluations.services.rubrics import rubric_load_default
from roster.models import District


class Command(BaseCommand):
    help = "Load the SECURe-aligned default rubric into a district (does nothing if it has it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--district", required=True, help="The district's code.")

    def handle(self, *args: Any, district: str, **options: Any) -> None:
        try:
            target = District.objects.get(code__iexact=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with code {district}.") from exc
        rubric = rubric_load_default(district=target)
        self.stdout.write(f"{target.name}: {rubric}, {rubric.competencies.count()} competencies.")
