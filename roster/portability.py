"""A district's data, all of it, as CSV and XLSX files in one zip (for portability).

Each app may have a ``portability`` module with ``district_tables(district)``
returning ``[(name, header, rows)]``; they are found in INSTALLED_APPS order, like the
demo loaders, so roster needs no import of the apps above it. Survey data leaves only
as aggregates (no app exports individual responses).
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.utils import timezone

from core.spreadsheets import About, Sheet, csv_bytes, district_time_zone, xlsx_bytes
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    School,
)

Table = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def _agencies(district: District) -> list[tuple[Agency, bool, bool]]:
    linked = set(district.agencies.values_list("pk", flat=True))
    under_mou = set(MOU.objects.filter(district=district).values_list("agency_id", flat=True))
    return [
        (agency, agency.pk in linked, agency.pk in under_mou)
        for agency in Agency.objects.filter(pk__in=linked | under_mou).order_by("code")
    ]


def district_tables(district: District) -> list[Table]:
    officers = Officer.objects.filter(
        pk__in=Assignment.objects.filter(school__district=district).values("officer_id")
    ).select_related("agency")
    return [
        (
            "schools",
            ["code", "name", "level", "enrollment"],
            School.objects.filter(district=district).values_list(
                "code", "name", "level", "enrollment"
            ),
        ),
        (
            # Agencies the district works with: linked before any MOU, or under one.
            "agencies",
            ["code", "name", "contact_name", "contact_email", "contact_phone", "linked", "mou"],
            (
                (a.code, a.name, a.contact_name, a.contact_email, a.contact_phone, linked, mou)
                for a, linked, mou in _agencies(district)
            ),
        ),
        (
            "officers",
            ["agency", "badge_number", "first_name", "last_name", "email"],
            ((o.agency.code, o.badge_number, o.first_name, o.last_name, o.email) for o in officers),
        ),
        (
            "assignments",
            ["agency", "badge_number", "school", "start_date", "end_date"],
            Assignment.objects.filter(school__district=district).values_list(
                "officer__agency__code",
                "officer__badge_number",
                "school__code",
                "start_date",
                "end_date",
            ),
        ),
        (
            "mous",
            ["agency", "effective_date", "end_date", "next_review_date", "removal_response_days"],
            MOU.objects.filter(district=district).values_list(
                "agency__code",
                "effective_date",
                "end_date",
                "next_review_date",
                "removal_response_days",
            ),
        ),
        (
            "periods",
            ["name", "start_date", "end_date"],
            EvaluationPeriod.objects.filter(district=district).values_list(
                "name", "start_date", "end_date"
            ),
        ),
        (
            "memberships",
            ["username", "role", "school", "agency", "officer_badge", "active"],
            Membership.objects.filter(district=district).values_list(
                "user__username",
                "role",
                "school__code",
                "agency__code",
                "officer__badge_number",
                "is_active",
            ),
        ),
    ]


def _sheet_title(config: AppConfig, name: str) -> str:
    """The table in words, after its app: "Survey results", "Training records", "Flags"."""
    app = config.label.split("_")[0]
    app = app.removesuffix("s")
    words = name.replace("_", " ")
    return (words if words.startswith(app) else f"{app} {words}").capitalize()


def district_export_zip(*, district: District) -> bytes:
    """Every app's tables for ``district``: one CSV per table and one XLSX with a sheet each."""
    tables: list[tuple[str, str, Sequence[str], list[Sequence[Any]]]] = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.portability")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.portability":
                raise
            continue
        for name, header, rows in module.district_tables(district):
            rows = [list(row) for row in rows]
            tables.append((f"{config.label}_{name}", _sheet_title(config, name), header, rows))
    # Datetimes in the district's zone, in the files as in the README.
    zone = district_time_zone()
    exported_at = timezone.localtime(timezone.now(), zone)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, _title, header, rows in tables:
            archive.writestr(f"csv/{name}.csv", csv_bytes(header, rows, time_zone=zone))
        archive.writestr(
            f"{district.code}.xlsx",
            xlsx_bytes(
                (
                    Sheet(title, header, rows, description=f"{title} (csv/{name}.csv)")
                    for name, title, header, rows in tables
                ),
                about=About(
                    f"SRO360 export of {district.name} ({district.code}): every table, one a sheet",
                    district=district.name,
                    confidentiality="Confidential: names, contacts and evaluations of people. "
                    "Survey results are aggregates only.",
                ),
                time_zone=zone,
            ),
        )
        archive.writestr(
            "README.txt",
            f"SRO360 export of {district.name} ({district.code}), {exported_at:%Y-%m-%d %H:%M %Z}.\n"
            "One CSV per table in csv/, the same tables as sheets in the XLSX.\n"
            "Survey results are aggregates only: individual responses never leave SRO360.\n",
        )
    return buffer.getvalue()
