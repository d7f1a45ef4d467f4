"""Training-log imports: preview, confirm, tasks' bodies, and the column names."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.changes import evidence_changed
from core.errors import ApplicationError, ConflictError
from core.jobs import (
    job_claim,
    job_create,
    job_enqueue,
    job_finish,
    job_progress_callback,
    job_set_total,
)
from core.tabular import CellError, ImportRejected, read_upload
from roster.models import Agency, District
from training_records.imports import (
    TrainingLog,
    estimate_rows,
    read_training_log,
)
from training_records.imports.status import (
    status_rule,
)
from training_records.models import (
    ColumnMapping,
    ImportStatus,
    TrainingImport,
    TrainingRecord,
)
from training_records.services.column_mappings import column_mapping_save
from training_records.services.records import agency_district_id

# The pages and APIs import the column mapping's service from here, with the imports.
__all__ = [
    "column_mapping_save",
    "training_import_confirm",
    "training_import_file",
    "training_import_upload",
]

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from core.models import Job

# Files larger than this are checked and imported by a Celery task with a progress
# page: reading XLSX runs at about 6,000 rows/s, too slow for one request.
ASYNC_IMPORT_BYTES = 256 * 1024
BULK_BATCH = 2000

# The tasks (training_records/tasks.py) call this module; it names them rather than
# importing them (core.queue.task_named).
IMPORT_CHECK_TASK = "training_records.import_check"
IMPORT_COMMIT_TASK = "training_records.import_commit"


# Imports ------------------------------------------------------------------------


def _reading(agency: Agency) -> dict[str, Any]:
    """How the agency's files are read: its header names and its status values."""
    saved = ColumnMapping.objects.filter(agency=agency).first()
    if saved is None:
        return {"mapping": {}, "status": status_rule()}
    return {
        "mapping": dict(saved.mapping),
        "status": status_rule(counts=saved.status_counts, skips=saved.status_skips),
    }


def _store(log: TrainingLog, training_import: TrainingImport) -> int:
    for record in log.records:
        record.training_import_id = training_import.pk
        record.entered_by_id = training_import.created_by_id
    TrainingRecord.objects.bulk_create(log.records, batch_size=BULK_BATCH)
    return len(log.records)


def training_import_file(
    *,
    agency: Agency,
    data: IO[bytes] | bytes,
    filename: str,
    actor: User | None = None,
    dry_run: bool = False,
    on_progress=None,
) -> tuple[TrainingImport | None, TrainingLog]:
    """Check and store a training log in one pass and one transaction (the command
    line and the benchmark). Raises ``ImportRejected`` listing every bad row; a dry
    run stores nothing and returns no import row."""
    data = read_upload(data)
    if dry_run:
        log = read_training_log(
            data=data,
            filename=filename,
            agency=agency,
            **_reading(agency),
            on_progress=on_progress,
        )
        if log.errors:
            raise ImportRejected(log.errors)
        return None, log
    with transaction.atomic():
        training_import = TrainingImport(
            agency=agency,
            filename=filename[:255],
            status=ImportStatus.IMPORTING,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        training_import.save()
        log = read_training_log(
            data=data,
            filename=filename,
            agency=agency,
            **_reading(agency),
            on_progress=on_progress,
        )
        if log.errors:
            raise ImportRejected(log.errors)
        _finish_import(training_import, log, actor)
        # The file is written last, so a refused file leaves nothing behind.
        training_import.file.save(filename, ContentFile(data), save=True)
    return training_import, log


def _finish_import(training_import: TrainingImport, log: TrainingLog, actor: User | None) -> None:
    created = _store(log, training_import)
    training_import.status = ImportStatus.IMPORTED
    training_import.rows = log.rows
    training_import.new_records = created
    training_import.created_records = created
    training_import.duplicates = log.duplicates
    training_import.skipped = log.skipped
    training_import.errors = []
    training_import.imported_at = timezone.now()
    training_import.save()
    audit_record(
        actor=actor,
        action="training.imported",
        target=training_import,
        district=agency_district_id(training_import.agency),
        reason=f"training log {training_import.filename}",
        changes={
            "records": [0, created],
            "duplicates skipped": [0, log.duplicates],
            "rows not counted (status)": [0, log.skipped],
        },
    )
    if created:
        evidence_changed(district_ids=[agency_district_id(training_import.agency)])


def training_import_upload(
    *, agency: Agency, data: IO[bytes] | bytes, filename: str, actor: User
) -> TrainingImport:
    """Keep the uploaded file on an import row and check it: the preview.

    Nothing but the import row is stored; a large file is checked by a task.
    """
    data = read_upload(data)
    training_import = TrainingImport(
        agency=agency,
        filename=filename[:255],
        status=ImportStatus.CHECKING,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        training_import.file.save(filename, ContentFile(data), save=False)
        training_import.full_clean()
        training_import.save()
        if len(data) > ASYNC_IMPORT_BYTES:
            job = _start_job(
                training_import,
                kind="training import check",
                total=estimate_rows(data),
                actor=actor,
            )
            job_enqueue(job=job, task_name=IMPORT_CHECK_TASK)
            return training_import
    training_import_check(training_import=training_import)
    training_import.refresh_from_db()
    return training_import


def _start_job(training_import: TrainingImport, *, kind: str, total: int, actor: User) -> Job:
    district = (
        District.objects.filter(mous__agency=training_import.agency)
        .order_by("-mous__effective_date")
        .first()
    )
    if district is None:
        raise ApplicationError(
            f"{training_import.agency.code} serves no district under an MOU yet."
        )
    job = job_create(kind=kind, district=district, created_by=actor, total=total)
    training_import.job = job
    training_import.save(update_fields=["job", "updated_at"])
    return job


def _progress(training_import: TrainingImport) -> Callable[[int], None] | None:
    job = training_import.job
    return job_progress_callback(job) if job is not None else None


def training_import_check(*, training_import: TrainingImport) -> TrainingImport:
    """Read the stored file and record the preview: every row and every error."""
    with training_import.file.open("rb") as handle:
        data = handle.read()
    try:
        log = read_training_log(
            data=data,
            filename=training_import.filename,
            agency=training_import.agency,
            **_reading(training_import.agency),
            on_progress=_progress(training_import),
            keep_preview=True,
        )
        errors = log.errors
    except ImportRejected as rejected:
        log, errors = TrainingLog(), rejected.errors
    training_import.rows = log.rows
    training_import.new_records = len(log.records)
    training_import.duplicates = log.duplicates
    training_import.skipped = log.skipped
    training_import.errors = [e.as_dict() for e in errors]
    training_import.preview = log.preview
    training_import.status = ImportStatus.REJECTED if errors else ImportStatus.PREVIEWED
    training_import.save()
    return training_import


def training_import_confirm(*, training_import: TrainingImport, actor: User) -> TrainingImport:
    """Import a previewed file. Claimed with a conditional UPDATE, so a double-clicked
    confirm imports once; the second is refused."""
    claimed = TrainingImport.objects.filter(
        pk=training_import.pk, status=ImportStatus.PREVIEWED
    ).update(status=ImportStatus.IMPORTING, updated_at=timezone.now())
    if not claimed:
        training_import.refresh_from_db()
        raise ConflictError(
            f"This file can't be imported now: it is {training_import.get_status_display().lower()}."
        )
    training_import.refresh_from_db()
    if training_import.file.size > ASYNC_IMPORT_BYTES:
        with transaction.atomic():
            job = _start_job(
                training_import, kind="training import", total=training_import.rows, actor=actor
            )
            job_enqueue(job=job, task_name=IMPORT_COMMIT_TASK)
        return training_import
    return training_import_commit(training_import=training_import, actor=actor)


def training_import_commit(
    *, training_import: TrainingImport, actor: User | None = None
) -> TrainingImport:
    """Read the stored file again (records may have arrived since the preview) and
    store its new rows in one transaction, or none if a row is now bad.

    The file is read before the transaction opens so the job's progress is visible
    meanwhile; a record stored concurrently trips the unique constraint and the
    whole import rolls back.
    """
    with training_import.file.open("rb") as handle:
        data = handle.read()
    try:
        log = read_training_log(
            data=data,
            filename=training_import.filename,
            agency=training_import.agency,
            **_reading(training_import.agency),
            on_progress=_progress(training_import),
        )
        if log.errors:
            raise ImportRejected(log.errors)
        with transaction.atomic():
            _finish_import(training_import, log, actor)
    except ImportRejected as rejected:
        TrainingImport.objects.filter(pk=training_import.pk).update(
            status=ImportStatus.REJECTED,
            errors=[e.as_dict() for e in rejected.errors],
            updated_at=timezone.now(),
        )
        training_import.refresh_from_db()
    return training_import


def training_import_run_job(*, job_id: int, commit: bool) -> None:
    """The body of the import tasks: claim the job, check or commit, finish the job."""
    training_import = TrainingImport.objects.select_related("agency", "created_by").get(
        job_id=job_id
    )
    if job_claim(job_id=job_id) is None:
        return
    if commit:
        training_import_commit(training_import=training_import, actor=training_import.created_by)
    else:
        training_import_check(training_import=training_import)
    training_import.refresh_from_db()
    job = training_import.job
    assert job is not None  # the import was found by its job id above
    job_set_total(job=job, total=training_import.rows)
    job_progress_callback(job, every=0)(training_import.rows)
    job_finish(
        job=job,
        result={
            "status": training_import.status,
            "rows": training_import.rows,
            "created": training_import.created_records,
            "duplicates": training_import.duplicates,
            "skipped": training_import.skipped,
            "errors": len(training_import.errors),
        },
        message=f"{training_import.get_status_display()}: {training_import.rows} rows, "
        f"{len(training_import.errors)} errors",
        failed=training_import.status == ImportStatus.REJECTED,
    )


def training_import_fail(*, job_id: int, message: str) -> None:
    """A task gave up: mark the import and its job failed so the page stops waiting."""
    training_import = TrainingImport.objects.get(job_id=job_id)
    TrainingImport.objects.filter(pk=training_import.pk).update(
        status=ImportStatus.FAILED,
        errors=[CellError(0, "", message).as_dict()],
        updated_at=timezone.now(),
    )
    if training_import.job is not None:
        job_finish(job=training_import.job, message=message, failed=True)
