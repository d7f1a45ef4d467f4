"""``manage.py selfassessment_checklist_check FILE``: check a district's checklist file
before it is added to ``selfassessment/checklists/`` (docs/selfassessment.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from selfassessment.checklist import ChecklistError, checklist_parse
from selfassessment.evidence.registry import EVIDENCE


class Command(BaseCommand):
    help = "Check a self-assessment checklist file: every problem with its line and column."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Can't read {file}: {exc.strerror}.") from exc
        try:
            checklist = checklist_parse(
                name=file.name, content=content, evidence_keys=EVIDENCE.keys()
            )
        except ChecklistError as exc:
            raise CommandError("\n".join([f"{file.name} can't be used:", *exc.problems])) from exc
        from_evidence = sum(bool(item.evidence) for item in checklist.items)
        self.stdout.write(
            f"{file.name}: {len(checklist.items)} items, {from_evidence} answered from evidence;"
            f" stored as {checklist.label}."
        )
