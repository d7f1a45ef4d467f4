"""Roster imports: schools and officers files, all rows or none.

A file is uploaded and kept on a ``RosterImport`` with its preview (the import run
in a transaction that is rolled back, so the preview says exactly what confirm
will do); confirm runs it again against the roster as it is then. If the outcome
differs from the preview the coordinator read, nothing is stored and the new
preview is shown to confirm again.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between
from core.errors import ApplicationError, ConflictError
from core.tabular import ImportRejected, read_upload
from roster.imports import COLUMNS, Mappings, RosterFile, read_roster
from roster.models import (
    District,
    RosterColumnMapping,
    RosterImport,
    RosterImportStatus,
    RosterKind,
)
from roster.services.import_rows import RosterImportResult, import_officers, import_schools

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class _Rollback(Exception):
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


def roster_mappings(*, district: District) -> Mappings:
    return {
        kind: dict(mapping)
        for kind, mapping in RosterColumnMapping.objects.filter(district=district).values_list(
            "kind", "mapping"
        )
    }


def roster_import(
    *,
    district: District,
    data: IO[bytes] | bytes,
    filename: str,
    dry_run: bool = False,
    actor: User | None = None,
    agency_names: dict[str, str] | None = None,
    agency_code: str = "",
) -> RosterImportResult:
    """Import a schools or officers file into ``district``, all rows or none.

    Importing the same file again changes nothing: rows are matched by school code
    and by (agency, badge number), and only differences are written. A new agency
    takes its name from the file or from ``agency_names`` (code -> name); without
    one the import is refused (a dry run lists it in ``agencies_unnamed``).
    ``agency_code`` is the agency of an officers file without an agency column.
    """
    roster = read_roster(
        read_upload(data), filename, roster_mappings(district=district), agency_code
    )
    return _run(
        district=district,
        roster=roster,
        filename=filename,
        dry_run=dry_run,
        actor=actor,
        agency_names=agency_names or {},
    )


def _run(
    *,
    district: District,
    roster: RosterFile,
    filename: str,
    dry_run: bool,
    actor: User | None,
    agency_names: dict[str, str],
    expected: list[list[Any]] | None = None,
) -> RosterImportResult:
    result = RosterImportResult(kind=roster.kind, rows=roster.rows, dry_run=dry_run)
    names = {code.strip().upper(): name.strip() for code, name in agency_names.items()}
    try:
        with transaction.atomic():
            if roster.kind == RosterKind.OFFICERS:
                import_officers(district, roster, result, names, allow_unnamed=dry_run)
            else:
                import_schools(district, roster, result)
            if expected is not None and result.preview != expected:
                raise _Rollback
            if result.changed:
                audit_record(
                    actor=actor,
                    action="roster.imported",
                    target=district,
                    district=district,
                    reason=f"{roster.kind} file {filename}",
                    changes={
                        "created": [0, result.created],
                        "updated": [0, result.updated],
                        "assignments_started": [0, result.assignments_started],
                    },
                )
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return result


# The import page: upload -> preview -> confirm ------------------------------------


def roster_import_upload(
    *,
    district: District,
    data: IO[bytes] | bytes,
    filename: str,
    actor: User,
    agency_code: str = "",
) -> RosterImport:
    """Keep the file on an import row with its preview (or its problems); nothing
    else is stored until the coordinator confirms. ``agency_code``: the agency of an
    officers file without an agency column."""
    data = read_upload(data)
    upload = RosterImport(
        district=district,
        filename=filename[:255],
        created_by=actor,
        agency_code=agency_code.strip().upper(),
    )
    _check(upload, data)
    with transaction.atomic():
        upload.file.save(filename, ContentFile(data), save=False)
        upload.full_clean()
        upload.save()
    return upload


def _check(upload: RosterImport, data: bytes, agency_names: dict[str, str] | None = None) -> None:
    """Fill the import's preview by running it in a transaction that is rolled back."""
    try:
        roster = read_roster(
            data, upload.filename, roster_mappings(district=upload.district), upload.agency_code
        )
        result = _run(
            district=upload.district,
            roster=roster,
            filename=upload.filename,
            dry_run=True,
            actor=None,
            agency_names=agency_names or {},
        )
    except ImportRejected as rejected:
        upload.status = RosterImportStatus.REJECTED
        upload.errors = [e.as_dict() for e in rejected.errors]
        upload.preview = []
        upload.unnamed_agencies = []
        return
    upload.kind = result.kind
    upload.rows = result.rows
    upload.status = RosterImportStatus.PREVIEWED
    upload.errors = []
    upload.preview = result.preview
    upload.summary = result.summary
    upload.unnamed_agencies = result.agencies_unnamed


def roster_import_confirm(
    *, roster_import: RosterImport, agency_names: dict[str, str], actor: User
) -> RosterImport:
    """Import a previewed file. Claimed with a conditional UPDATE, so a double-clicked
    confirm imports once (the second is refused). Run against the roster as it is
    now: if that gives another outcome than the preview, nothing is stored and the
    import shows its new preview, to be confirmed again."""
    missing = [
        code for code in roster_import.unnamed_agencies if not agency_names.get(code, "").strip()
    ]
    # A second click finds the import no longer previewed: the claim below says so.
    if missing and roster_import.status == RosterImportStatus.PREVIEWED:
        raise ApplicationError(
            f"Give the name of each new agency before importing: {', '.join(missing)}."
        )
    claimed = RosterImport.objects.filter(
        pk=roster_import.pk, status=RosterImportStatus.PREVIEWED
    ).update(status=RosterImportStatus.IMPORTING, updated_at=timezone.now())
    if not claimed:
        roster_import.refresh_from_db()
        raise ConflictError(
            f"This file can't be imported now: it is {roster_import.get_status_display().lower()}."
        )
    roster_import.refresh_from_db()
    names = {code: agency_names.get(code, "").strip() for code in roster_import.unnamed_agencies}
    with roster_import.file.open("rb") as handle:
        data = handle.read()
    try:
        roster = read_roster(
            data,
            roster_import.filename,
            roster_mappings(district=roster_import.district),
            roster_import.agency_code,
        )
        with transaction.atomic():
            result = _run(
                district=roster_import.district,
                roster=roster,
                filename=roster_import.filename,
                dry_run=False,
                actor=actor,
                agency_names=names,
                expected=roster_import.preview,
            )
            if result.preview != roster_import.preview:
                return _stale(roster_import, data)
            before = {"status": RosterImportStatus.PREVIEWED}
            roster_import.status = RosterImportStatus.IMPORTED
            roster_import.agency_names = names
            roster_import.summary = result.summary
            roster_import.imported_at = timezone.now()
            roster_import.save()
            audit_record(
                actor=actor,
                action="roster.import_confirmed",
                target=roster_import,
                district=roster_import.district,
                reason=f"{roster_import.kind} file {roster_import.filename}",
                changes=changes_between(before, {"status": roster_import.status}),
            )
    except ImportRejected as rejected:
        RosterImport.objects.filter(pk=roster_import.pk).update(
            status=RosterImportStatus.REJECTED,
            errors=[e.as_dict() for e in rejected.errors],
            updated_at=timezone.now(),
        )
        roster_import.refresh_from_db()
    except Exception:
        # Not the file's fault (the database went away): leave it to confirm again.
        RosterImport.objects.filter(pk=roster_import.pk).update(
            status=RosterImportStatus.PREVIEWED, updated_at=timezone.now()
        )
        raise
    return roster_import


def _stale(roster_import: RosterImport, data: bytes) -> RosterImport:
    """The roster changed since the preview: store the new preview, nothing else.
    New agencies' names are asked again with it."""
    _check(roster_import, data)
    roster_import.save()
    return roster_import


def roster_column_mapping_save(
    *, district: District, kind: str, mapping: dict[str, str], actor: User
) -> RosterColumnMapping:
    """Save the district's header names for ``kind``; blank entries use the built-in names."""
    known = {column.field for column in COLUMNS[RosterKind(kind)]}
    unknown = set(mapping) - known
    if unknown:
        raise ApplicationError(f"Unknown fields in the mapping: {', '.join(sorted(unknown))}.")
    cleaned = {k: str(v).strip() for k, v in mapping.items() if v and str(v).strip()}
    with transaction.atomic():
        saved, created = RosterColumnMapping.objects.select_for_update().get_or_create(
            district=district, kind=kind
        )
        before = dict(saved.mapping)
        if before == cleaned and not created:
            return saved
        saved.mapping = cleaned
        saved.updated_by = actor
        saved.full_clean()
        saved.save()
        audit_record(
            actor=actor,
            action="roster.column_mapping_saved",
            target=saved,
            district=district,
            changes=changes_between(before, cleaned),
        )
    return saved
