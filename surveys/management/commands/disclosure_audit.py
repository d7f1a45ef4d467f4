"""``manage.py disclosure_audit --district CODE [--role ROLE]``: the exact disclosure
audit for every person of the district (or of one role), as a release runs it."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roster.models import District, Role
from surveys.disclosure.audit import audited_users, disclosure_audit_user


class Command(BaseCommand):
    help = "Check that no survey figure anyone in the district can see pins down a hidden count."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--district", required=True, help="The district's code.")
        parser.add_argument("--role", choices=Role.values, help="Only the people with this role.")

    def handle(self, *args: object, **options: object) -> None:
        district = District.objects.filter(code=options["district"]).first()
        if district is None:
            raise CommandError(f"No district with the code {options['district']!r}.")
        roles = [str(options["role"])] if options["role"] else None
        users = audited_users(district=district, roles=roles)
        started = time.perf_counter()
        failures = 0
        for user in users:
            findings = disclosure_audit_user(user=user, district=district)
            failures += len(findings)
            self.stdout.write(
                f"{user.username}: {'no hidden count can be pinned' if not findings else 'FAILED'}"
            )
            for finding in findings:
                self.stdout.write(f"  - {finding.describe()}")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"disclosure_audit: {len(users)} people, {failures} finding(s), {elapsed:.1f} s"
        )
        if failures:
            raise CommandError(f"{failures} hidden count(s) can be pinned down; see above.")
