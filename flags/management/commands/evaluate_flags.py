"""``manage.py evaluate_flags [--district CODE]``: run the flag rules now (the nightly job does this too)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from roster.models import District


class Command(BaseCommand):
    help = "Evaluate every active flag rule for one district, or all districts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", help="The district's code; all districts when omitted.")
        parser.add_argument(
            "--install-defaults",
            action="store_true",
            help="First add the default rules the district lacks.",
        )

    def handle(self, *args, district: str | None, install_defaults: bool, **options) -> None:
        districts = District.objects.order_by("code")
        if district:
            districts = districts.filter(code__iexact=district)
            if not districts.exists():
                raise CommandError(f"There is no district with the code {district!r}.")
        for each in districts:
            if install_defaults:
                installed = flags_install_defaults(district=each)
                self.stdout.write(f"{each.code}: installed {len(installed)} default rule(s).")
            result = flags_evaluate_district(district=each)
            if result.period is None:
                self.stdout.write(
                    f"{each.code}: no evaluation period contains today; nothing evaluated."
                )
                continue
            self.stdout.write(
                f"{each.code} {result.period}: {result.rules} rule(s), {result.officers} officer(s); "
                f"{result.created} raised, {result.updated} updated, {result.unchanged} unchanged, "
                f"{result.cleared} cleared."
                + (
                    f" Skipped (metric not available): {', '.join(result.skipped_rules)}."
                    if result.skipped_rules
                    else ""
                )
            )
