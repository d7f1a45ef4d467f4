"""Roster imports: schools and officers files, all rows or none."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError
from core.tabular import CellError, ImportRejected, read_upload
from roster.imports import OfficerRow, SchoolRow, detect_kind, read_officer_rows, read_school_rows
from roster.models import Agency, Assignment, District, EvaluationPeriod, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass
class RosterImportResult:
    kind: str
    rows: int
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assignments_started: int = 0
    agencies_created: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.created or self.updated or self.assignments_started or self.agencies_created
        )


class _DryRunRollback(Exception):
    pass


def district_for_import(*, code: str | None) -> District:
    """The district named by ``code``, or the only one when there is just one."""
    if code:
        try:
            return District.objects.get(code__iexact=code)
        except District.DoesNotExist:
            raise ApplicationError(f"There is no district with the code {code!r}.") from None
    districts = list(District.objects.all()[:2])
    if len(districts) == 1:
        return districts[0]
    if not districts:
        raise ApplicationError("There is no district yet; create one first.")
    raise ApplicationError("There is more than one district; name one with --district CODE.")


def roster_import(
    *,
    district: District,
    data: IO[bytes] | bytes,
    filename: str,
    dry_run: bool = False,
    actor: User | None = None,
) -> RosterImportResult:
    """Import a schools or officers file into ``district``, all rows or none.

    Importing the same file again changes nothing: rows are matched by school code
    and by (agency, badge number), and only differences are written.
    """
    data = read_upload(data)
    kind = detect_kind(data, filename)
    officer_rows: list[OfficerRow] = []
    school_rows: list[SchoolRow] = []
    if kind == "officers":
        officer_rows = read_officer_rows(data, filename)
    else:
        school_rows = read_school_rows(data, filename)
    result = RosterImportResult(
        kind=kind, rows=len(officer_rows) + len(school_rows), dry_run=dry_run
    )
    try:
        with transaction.atomic():
            if kind == "officers":
                _import_officers(district, officer_rows, result)
            else:
                _import_schools(district, school_rows, result)
            if result.changed:
                audit_record(
                    actor=actor,
                    action="roster.imported",
                    target=district,
                    district=district,
                    reason=f"{kind} file {filename}",
                    changes={
                        "created": [0, result.created],
                        "updated": [0, result.updated],
                        "assignments_started": [0, result.assignments_started],
                    },
                )
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _import_schools(district: District, rows: list[SchoolRow], result: RosterImportResult) -> None:
    existing = {s.code.upper(): s for s in School.objects.filter(district=district)}
    for row in rows:
        school = existing.get(row.code.upper())
        if school is None:
            school = School(
                district=district,
                code=row.code,
                name=row.name,
                level=row.level,
                enrollment=row.enrollment,
            )
            school.full_clean()
            school.save()
            result.created += 1
            continue
        wanted: dict[str, str | int] = {"name": row.name, "level": row.level}
        if row.enrollment is not None:
            wanted["enrollment"] = row.enrollment
        if all(getattr(school, k) == v for k, v in wanted.items()):
            result.unchanged += 1
            continue
        for key, value in wanted.items():
            setattr(school, key, value)
        school.full_clean()
        school.save()
        result.updated += 1


def _assignment_start(district: District) -> datetime.date:
    """New assignments start with the current school year (or today if none is set up)."""
    day = today()
    period = EvaluationPeriod.objects.filter(district=district).containing(day).first()
    return period.start_date if period else day


def _import_officers(
    district: District, rows: list[OfficerRow], result: RosterImportResult
) -> None:
    schools = {s.code.upper(): s for s in School.objects.filter(district=district)}
    errors = [
        CellError(
            row.row, "school_code", f"there is no school {row.school_code} in {district.code}"
        )
        for row in rows
        if row.school_code and row.school_code not in schools
    ]
    if errors:
        raise ImportRejected(errors)

    agencies = {a.code.upper(): a for a in Agency.objects.all()}
    for code in sorted({row.agency_code for row in rows} - set(agencies)):
        name = next((r.agency_name for r in rows if r.agency_code == code and r.agency_name), code)
        agency = Agency(code=code, name=name)
        agency.full_clean()
        agency.save()
        agencies[code] = agency
        result.agencies_created.append(code)

    officers = {
        (o.agency.code.upper(), o.badge_number.upper()): o
        for o in Officer.objects.select_related("agency").filter(agency__in=agencies.values())
    }
    open_assignments: dict[int, list[Assignment]] = {}
    for assignment in Assignment.objects.filter(
        end_date__isnull=True, officer__in=officers.values()
    ):
        open_assignments.setdefault(assignment.officer_id, []).append(assignment)
    period_start = _assignment_start(district)

    for row in rows:
        officer = officers.get((row.agency_code, row.badge_number.upper()))
        wanted = {"first_name": row.first_name, "last_name": row.last_name}
        if row.email:
            wanted["email"] = row.email
        if officer is None:
            officer = Officer(
                agency=agencies[row.agency_code], badge_number=row.badge_number, **wanted
            )
            officer.full_clean()
            officer.save()
            result.created += 1
        elif all(getattr(officer, k) == v for k, v in wanted.items()):
            result.unchanged += 1
        else:
            for key, value in wanted.items():
                setattr(officer, key, value)
            officer.full_clean()
            officer.save()
            result.updated += 1
        if row.school_code:
            _ensure_assignment(
                officer, schools[row.school_code], open_assignments, period_start, result
            )


def _ensure_assignment(
    officer: Officer,
    school: School,
    open_assignments: dict[int, list[Assignment]],
    period_start: datetime.date,
    result: RosterImportResult,
) -> None:
    current = open_assignments.get(officer.pk, [])
    if any(a.school_id == school.pk for a in current):
        return
    start = period_start
    # A move within the district ends the open assignment elsewhere the day before.
    for old in current:
        if old.school.district_id != school.district_id:
            continue
        start = max(today(), old.start_date)
        old.end_date = max(old.start_date, start - datetime.timedelta(days=1))
        old.save(update_fields=["end_date", "updated_at"])
    assignment = Assignment(officer=officer, school=school, start_date=start)
    assignment.full_clean()
    assignment.save()
    open_assignments[officer.pk] = [assignment]
    result.assignments_started += 1
