"""``manage.py build_packets --period 2026-27 [--agency CODE] [--district CODE]``.

Queues one task per officer (or runs them in-process without a broker) and
reports each batch's progress until it finishes.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from packets.services.batches import packet_batch_start
from roster.models import Agency, EvaluationPeriod


class Command(BaseCommand):
    help = "Build the evaluation packets of a period, for every district that has it or one district/agency."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--period", required=True, help="The school year, e.g. 2026-27.")
        parser.add_argument("--agency", help="Only this agency's officers (its code).")
        parser.add_argument("--district", help="Only this district (its code).")
        parser.add_argument(
            "--no-wait", action="store_true", help="Queue the batch and exit without waiting."
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=3600,
            help="Seconds to wait for the batch (default 3600).",
        )

    def handle(
        self,
        *args: Any,
        period: str,
        agency: str | None,
        district: str | None,
        no_wait: bool,
        timeout: int,
        **options: Any,
    ) -> None:
        matching = EvaluationPeriod.objects.filter(name=period).select_related("district")
        if district:
            matching = matching.filter(district__code__iexact=district)
        periods = list(matching)
        if not periods:
            raise CommandError(
                f"No evaluation period {period}"
                + (f" in district {district}." if district else ".")
            )
        agency_obj = None
        if agency:
            agency_obj = Agency.objects.filter(code__iexact=agency).first()
            if agency_obj is None:
                raise CommandError(f"No agency with code {agency}.")
        jobs = [
            packet_batch_start(period=p, agency=agency_obj, started_by=None, enforce_rights=False)
            for p in periods
        ]
        for job, p in zip(jobs, periods, strict=True):
            self.stdout.write(
                f"{p.district.code} {p.name}: batch #{job.pk}, {job.total} officers queued."
            )
        if no_wait:
            return
        failed = False
        deadline = time.monotonic() + timeout
        for job in jobs:
            job.refresh_from_db()
            while not job.is_finished:
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"Batch #{job.pk} is still running ({job.done + job.failed} of {job.total}); see /jobs/{job.pk}/."
                    )
                time.sleep(1)
                job.refresh_from_db()
            self.stdout.write(f"Batch #{job.pk}: {job.message or job.get_status_display()}")
            for reason in job.failures:
                self.stderr.write(f"  failed: {reason}")
            failed = failed or bool(job.failed)
        if failed:
            raise CommandError("Some packets failed to build (see above).")
