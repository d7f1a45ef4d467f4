"""Applying a roster file's rows to the district: the body of every roster import.

Each function writes what differs and appends one preview row per file row (its
values, then what happened to it); the caller holds the transaction and decides
whether it is kept (an import) or rolled back (a preview).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from core.dates import today
from core.tabular import CellError, ImportRejected
from roster.imports import OfficerRow, RosterFile, SchoolRow
from roster.models import Agency, Assignment, District, EvaluationPeriod, Officer, School

# What a row's action starts with; ", assignment starts at X" may follow.
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
# Held by an agency only inside a preview's rolled-back transaction.
_UNNAMED = "(name to be given)"


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
    # New agency codes with no name in the file nor given: a preview lists them,
    # an import refuses them.
    agencies_unnamed: list[str] = field(default_factory=list)
    preview: list[list[Any]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.created or self.updated or self.assignments_started or self.agencies_created
        )

    @property
    def summary(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "assignments_started": self.assignments_started,
        }


def _clean(obj: models.Model, row: int, roster: RosterFile, fields: dict[str, str]) -> None:
    """``full_clean`` whose refusal names the row and the file's column."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ImportRejected(
            [
                CellError(row, roster.column(fields.get(name, name)), " ".join(messages))
                for name, messages in error.message_dict.items()
            ]
        ) from None


def import_schools(district: District, roster: RosterFile, result: RosterImportResult) -> None:
    existing = {s.code.upper(): s for s in School.objects.filter(district=district)}
    fields = {"code": "school_code"}
    for row in roster.schools:
        school = existing.get(row.code.upper())
        action = _school_apply(district, school, row, roster, fields)
        counter = {NEW: "created", CHANGED: "updated", UNCHANGED: "unchanged"}[action]
        setattr(result, counter, getattr(result, counter) + 1)
        result.preview.append([row.row, row.code, row.name, row.level, row.enrollment, action])


def _school_apply(
    district: District,
    school: School | None,
    row: SchoolRow,
    roster: RosterFile,
    fields: dict[str, str],
) -> str:
    if school is None:
        school = School(
            district=district,
            code=row.code,
            name=row.name,
            level=row.level,
            enrollment=row.enrollment,
        )
        _clean(school, row.row, roster, fields)
        school.save()
        return NEW
    wanted: dict[str, str | int] = {"name": row.name, "level": row.level}
    if row.enrollment is not None:
        wanted["enrollment"] = row.enrollment
    if all(getattr(school, k) == v for k, v in wanted.items()):
        return UNCHANGED
    for key, value in wanted.items():
        setattr(school, key, value)
    _clean(school, row.row, roster, fields)
    school.save()
    return CHANGED


def _assignment_start(district: District) -> datetime.date:
    """New assignments start with the current school year (or today if none is set up)."""
    day = today()
    period = EvaluationPeriod.objects.filter(district=district).containing(day).first()
    return period.start_date if period else day


def _schools_by_code_or_name(district: District) -> dict[str, School]:
    schools: dict[str, School] = {}
    for school in School.objects.filter(district=district):
        schools.setdefault(school.name.upper(), school)
    for school in School.objects.filter(district=district):
        schools[school.code.upper()] = school
    return schools


def _agencies_for(
    district: District,
    roster: RosterFile,
    result: RosterImportResult,
    names: dict[str, str],
    *,
    allow_unnamed: bool,
) -> dict[str, Agency]:
    """The file's agencies: existing ones by code, new ones created with their name
    (from the file, or given) and linked to the district."""
    codes = {row.agency_code for row in roster.officers}
    agencies = {a.code.upper(): a for a in Agency.objects.filter(code__in=codes)}
    first_row: dict[str, OfficerRow] = {}
    for row in roster.officers:
        first_row.setdefault(row.agency_code, row)
    unnamed: list[CellError] = []
    for code in sorted(codes - set(agencies)):
        name = next(
            (r.agency_name for r in roster.officers if r.agency_code == code and r.agency_name),
            names.get(code, ""),
        )
        if not name:
            result.agencies_unnamed.append(code)
            unnamed.append(
                CellError(
                    first_row[code].row,
                    roster.column("agency_code"),
                    f"{code} is a new agency and its name is not given: add an agency name "
                    "column to the file, or give the name (on the preview page, or "
                    "--agency-name CODE=Name on the command line)",
                )
            )
            if not allow_unnamed:
                continue
            name = _UNNAMED
        agency = Agency(code=code, name=name)
        _clean(agency, first_row[code].row, roster, {"code": "agency_code", "name": "agency_name"})
        agency.save()
        agencies[code] = agency
        result.agencies_created.append(code)
    if unnamed and not allow_unnamed:
        raise ImportRejected(unnamed)
    linked = set(
        district.agencies.filter(pk__in=[a.pk for a in agencies.values()]).values_list(
            "pk", flat=True
        )
    )
    district.agencies.add(*[a for a in agencies.values() if a.pk not in linked])
    return agencies


def import_officers(
    district: District,
    roster: RosterFile,
    result: RosterImportResult,
    names: dict[str, str],
    *,
    allow_unnamed: bool,
) -> None:
    rows = roster.officers
    schools = _schools_by_code_or_name(district)
    errors = [
        CellError(
            row.row,
            roster.column("school_code"),
            f"there is no school {row.school_code} in {district.code}",
        )
        for row in rows
        if row.school_code and row.school_code not in schools
    ]
    if errors:
        raise ImportRejected(errors)
    agencies = _agencies_for(district, roster, result, names, allow_unnamed=allow_unnamed)

    officers = {
        (o.agency.code.upper(), o.badge_number.upper()): o
        for o in Officer.objects.select_related("agency").filter(agency__in=agencies.values())
    }
    _refuse_officers_of_other_districts(district, roster, officers, list(agencies.values()))
    open_assignments: dict[int, list[Assignment]] = {}
    for assignment in Assignment.objects.select_related("school").filter(
        end_date__isnull=True, officer__in=officers.values()
    ):
        open_assignments.setdefault(assignment.officer_id, []).append(assignment)
    period_start = _assignment_start(district)
    fields = {"badge_number": "badge_number", "first_name": "first_name"}

    for row in rows:
        officer = officers.get((row.agency_code, row.badge_number.upper()))
        wanted = {"first_name": row.first_name, "last_name": row.last_name}
        if row.email:
            wanted["email"] = row.email
        if officer is None:
            officer = Officer(
                agency=agencies[row.agency_code], badge_number=row.badge_number, **wanted
            )
            _clean(officer, row.row, roster, fields)
            officer.save()
            result.created += 1
            action = NEW
        elif all(getattr(officer, k) == v for k, v in wanted.items()):
            result.unchanged += 1
            action = UNCHANGED
        else:
            for key, value in wanted.items():
                setattr(officer, key, value)
            _clean(officer, row.row, roster, fields)
            officer.save()
            result.updated += 1
            action = CHANGED
        school = schools[row.school_code] if row.school_code else None
        if school is not None and _ensure_assignment(
            officer, school, open_assignments, row.start_date or period_start, result
        ):
            action += f", assignment starts at {school.code}"
        result.preview.append(
            [
                row.row,
                row.agency_code,
                row.badge_number,
                row.first_name,
                row.last_name,
                school.code if school else "",
                action,
            ]
        )


def _refuse_officers_of_other_districts(
    district: District,
    roster: RosterFile,
    officers: dict[tuple[str, str], Officer],
    agencies: list[Agency],
) -> None:
    """Refuse the rows of officers who serve only another district's schools.

    A file may name any agency by its code, and an agency may serve several
    districts; without this, a coordinator's file would rename another district's
    SRO and place them at their own school, and its preview ("unchanged") would
    confirm a guessed name. The rule is the coordinator's scope
    (``Scope.coordinator_officer_ids``): an officer assigned here, or one who has
    never served another district, is the district's to import.
    """
    served = Assignment.objects.filter(officer__agency__in=agencies)
    here = set(served.filter(school__district=district).values_list("officer_id", flat=True))
    elsewhere = set(served.exclude(school__district=district).values_list("officer_id", flat=True))
    out_of_reach = elsewhere - here
    errors = [
        CellError(
            row.row,
            roster.column("badge_number"),
            f"badge {row.badge_number} of {row.agency_code} serves another district's "
            "schools: only that district's coordinator changes or places this officer",
        )
        for row in roster.officers
        if (officer := officers.get((row.agency_code, row.badge_number.upper()))) is not None
        and officer.pk in out_of_reach
    ]
    if errors:
        raise ImportRejected(errors)


def _ensure_assignment(
    officer: Officer,
    school: School,
    open_assignments: dict[int, list[Assignment]],
    period_start: datetime.date,
    result: RosterImportResult,
) -> bool:
    current = open_assignments.get(officer.pk, [])
    if any(a.school_id == school.pk for a in current):
        return False
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
    return True
