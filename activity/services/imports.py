"""Importing activity and enrollment files: all rows or none, preview first.

Same rules as the roster and training imports (core/tabular.py): header found
wherever it is, every problem reported with its row and column, one transaction.
Incidents are matched by (agency, incident number): a row already recorded with
the same details is left alone, so importing a file twice changes nothing; one
recorded with different details is an error (edit it instead).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import IO, TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from activity.imports import (
    ActivityRow,
    EnrollmentRow,
    detect_kind,
    read_activity_rows,
    read_enrollment_rows,
)
from activity.models import ActivityImport, ActivityImportStatus, Enrollment, Incident
from activity.models.demographics import ALL_GROUP, Dimension
from activity.services.incidents import INCIDENT_FIELDS, build_incident, save_incident
from core.audit import audit_record
from core.changes import evidence_changed
from core.errors import ConflictError
from core.tabular import CellError, ImportRejected, Table, read_upload
from roster.models import District, EvaluationPeriod, Officer, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PREVIEW_ROWS = 50


@dataclass
class ActivityImportResult:
    kind: str
    rows: int
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    preview: list[dict] = field(default_factory=list)


class _DryRunRollback(Exception):
    pass


def activity_import(
    *,
    district: District,
    actor: User,
    data: IO[bytes] | bytes,
    filename: str,
    dry_run: bool = False,
) -> ActivityImportResult:
    """Import an activity or enrollment file into ``district``; ImportRejected lists every problem."""
    data = read_upload(data)
    kind = detect_kind(data, filename)
    enrollment_rows: list[EnrollmentRow] = []
    activity_rows: list[ActivityRow] = []
    if kind == "enrollment":
        table, enrollment_rows, errors = read_enrollment_rows(data, filename)
    else:
        table, activity_rows, errors = read_activity_rows(data, filename)
    result = ActivityImportResult(
        kind=kind, rows=len(enrollment_rows) + len(activity_rows), dry_run=dry_run
    )
    try:
        with transaction.atomic():
            if kind == "enrollment":
                errors += _apply_enrollment(district, table, enrollment_rows, result)
            else:
                # Rows whose cells were already refused are not checked against the database.
                refused = {error.row for error in errors}
                errors += _apply_activity(
                    district,
                    actor,
                    table,
                    [r for r in activity_rows if r.row not in refused],
                    result,
                )
            if errors:
                raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.column)))
            if result.created or result.updated:
                audit_record(
                    actor=actor,
                    action=f"activity.{kind}_imported",
                    target=district,
                    district=district,
                    reason=f"file {filename}",
                    changes={"created": [0, result.created], "updated": [0, result.updated]},
                )
                evidence_changed(district_ids=[district.pk])
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _apply_activity(
    district: District,
    actor: User,
    table: Table,
    rows: list[ActivityRow],
    result: ActivityImportResult,
) -> list[CellError]:
    errors: list[CellError] = []
    schools = {
        s.code.upper(): s
        for s in School.objects.filter(district=district).select_related("district")
    }
    # Only officers the importer may see: a supervisor imports for their own agency.
    officers: dict[tuple[str, str], Officer] = {}
    by_badge: dict[str, list[Officer]] = {}
    for officer in Officer.objects.visible_to(actor).select_related("agency"):
        officers[(officer.agency.code.upper(), officer.badge_number.upper())] = officer
        by_badge.setdefault(officer.badge_number.upper(), []).append(officer)
    existing = {
        (i.agency_id, i.incident_number.upper()): i
        for i in Incident.objects.filter(school__district=district).prefetch_related("actions")
    }
    for row in rows:
        officer = _officer_for(row, officers, by_badge, table, errors)
        school = schools.get(row.school_code)
        if school is None:
            errors.append(
                CellError(
                    row.row,
                    table.column_name("school_code"),
                    f"there is no school {row.school_code} in {district.code}",
                )
            )
        if officer is None or school is None:
            continue
        try:
            incident, actions = build_incident(
                officer=officer,
                school=school,
                incident_number=row.incident_number,
                date=row.date,
                actions=row.actions,
                force_level=row.force_level,
                **{name: getattr(row, name) for name in INCIDENT_FIELDS},
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.append(
                    CellError(
                        row.row,
                        table.column_name(name if name != "__all__" else ""),
                        " ".join(messages),
                    )
                )
            continue
        known = existing.get((officer.agency_id, row.incident_number.upper()))
        if known is not None:
            if _same(known, incident, actions):
                result.unchanged += 1
            else:
                errors.append(
                    CellError(
                        row.row,
                        table.column_name("incident_number"),
                        f"{row.incident_number} is already recorded with other details; correct it on its page instead",
                    )
                )
            continue
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(
                {
                    "row": row.row,
                    "incident_number": row.incident_number,
                    "date": row.date.isoformat(),
                    "officer": f"{officer.first_name} {officer.last_name}",
                    "school": school.code,
                    "actions": ", ".join(a.get_action_type_display() for a in actions),
                }
            )
        if not errors:
            save_incident(incident, actions)
        result.created += 1
    return errors


def _officer_for(
    row: ActivityRow, officers, by_badge, table: Table, errors: list[CellError]
) -> Officer | None:
    if row.agency_code:
        officer = officers.get((row.agency_code, row.badge_number.upper()))
        if officer is None:
            errors.append(
                CellError(
                    row.row,
                    table.column_name("badge_number"),
                    f"no officer with badge {row.badge_number} in {row.agency_code} that you may record for",
                )
            )
        return officer
    candidates = by_badge.get(row.badge_number.upper(), [])
    if len(candidates) == 1:
        return candidates[0]
    message = (
        f"badge {row.badge_number} belongs to officers of several agencies; add an agency column"
        if candidates
        else f"no officer with badge {row.badge_number} that you may record for"
    )
    errors.append(CellError(row.row, table.column_name("badge_number"), message))
    return None


def _same(known: Incident, incident: Incident, actions) -> bool:
    fields = ("officer_id", "school_id", "date", *INCIDENT_FIELDS)
    if any(getattr(known, name) != getattr(incident, name) for name in fields):
        return False
    return {(a.action_type, a.force_level) for a in known.actions.all()} == {
        (a.action_type, a.force_level) for a in actions
    }


def _apply_enrollment(
    district: District, table: Table, rows: list[EnrollmentRow], result: ActivityImportResult
) -> list[CellError]:
    errors: list[CellError] = []
    schools = {s.code.upper(): s for s in School.objects.filter(district=district)}
    periods = {p.name: p for p in EvaluationPeriod.objects.filter(district=district)}
    current = {
        (e.school_id, e.period_id, e.dimension, e.group): e
        for e in Enrollment.objects.filter(school__district=district)
    }
    for row in rows:
        school, period = schools.get(row.school_code), periods.get(row.period)
        if row.school_code and school is None:
            errors.append(
                CellError(
                    row.row,
                    table.column_name("school_code"),
                    f"there is no school {row.school_code} in {district.code}",
                )
            )
        if row.period and period is None:
            errors.append(
                CellError(
                    row.row,
                    table.column_name("period"),
                    f"there is no school year {row.period} in {district.code}",
                )
            )
        if school is None or period is None:
            continue
        figures = {f"{Dimension.ALL}:{ALL_GROUP}": row.total, **row.groups}
        for key, students in figures.items():
            dimension, group = key.split(":")
            known = current.get((school.pk, period.pk, dimension, group))
            if known is None:
                if not errors:
                    Enrollment.objects.create(
                        school=school,
                        period=period,
                        dimension=dimension,
                        group=group,
                        students=students,
                    )
                result.created += 1
            elif known.students != students:
                if not errors:
                    known.students = students
                    known.save(update_fields=["students", "updated_at"])
                result.updated += 1
            else:
                result.unchanged += 1
        if len(result.preview) < PREVIEW_ROWS:
            result.preview.append(
                {"row": row.row, "school": school.code, "period": period.name, "total": row.total}
            )
    return errors


def activity_import_preview(
    *, district: District, actor: User, upload, filename: str
) -> ActivityImport:
    """Keep the file and check it without storing rows; the page shows the outcome."""
    data = read_upload(upload)
    record = ActivityImport(
        district=district, uploaded_by=actor, filename=filename[:200], data=data
    )
    try:
        result = activity_import(
            district=district, actor=actor, data=data, filename=filename, dry_run=True
        )
    except ImportRejected as rejected:
        record.status = ActivityImportStatus.REJECTED
        record.summary = {
            "message": rejected.message,
            "errors": [e.as_dict() for e in rejected.errors],
        }
    else:
        record.summary = asdict(result)
    record.full_clean()
    record.save()
    return record


def activity_import_confirm(*, record: ActivityImport, actor: User) -> ActivityImportResult:
    """Import a previewed file for real, in one transaction."""
    with transaction.atomic():
        locked = ActivityImport.objects.select_for_update().get(pk=record.pk)
        if locked.status != ActivityImportStatus.PREVIEWED:
            raise ConflictError(f"This file was already {locked.get_status_display().lower()}.")
        result = activity_import(
            district=locked.district, actor=actor, data=bytes(locked.data), filename=locked.filename
        )
        locked.status = ActivityImportStatus.IMPORTED
        locked.summary = asdict(result)
        locked.save(update_fields=["status", "summary", "updated_at"])
    return result
