"""A database made before the kernel moved to core keeps every job and audit row.

``Job`` and ``AuditEvent`` moved from roster to core with state-only migrations and
their old table names. This builds the schema as main had it before the move,
writes rows through the historical roster models, migrates forward, and reads the
same rows through the core models (and a training import still finds its job).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import AuditEvent, Job, JobStatus

BEFORE_THE_MOVE = [
    ("roster", "0002_job_task_name"),
    ("training_records", "0001_initial"),
    ("evaluations", "0003_packets"),
]


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_move_are_found_through_core() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    district = old.get_model("roster", "District").objects.create(code="OLD", name="Old District")
    job = old.get_model("roster", "Job").objects.create(
        kind="training import",
        task_name="training_records.tasks.x",
        district=district,
        status="done",
        total=3,
        done=3,
    )
    event = old.get_model("roster", "AuditEvent").objects.create(
        district=district,
        action="roster.imported",
        target_type="roster.district",
        target_id=str(district.pk),
        reason="Before the move",
        changes={"name": ["", "Old District"]},
    )
    agency = old.get_model("roster", "Agency").objects.create(
        code="PD", name="Old Police Department"
    )
    batch = old.get_model("training_records", "TrainingImport").objects.create(
        agency=agency, file="training-imports/old.csv", filename="old.csv", job=job
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved_job = Job.objects.get(pk=job.pk)
    assert (moved_job.kind, moved_job.status, moved_job.total, moved_job.district_id) == (
        "training import",
        JobStatus.DONE,
        3,
        district.pk,
    )
    moved_event = AuditEvent.objects.get(pk=event.pk)
    assert (moved_event.action, moved_event.reason, moved_event.changes) == (
        "roster.imported",
        "Before the move",
        {"name": ["", "Old District"]},
    )
    from training_records.models import TrainingImport

    assert TrainingImport.objects.get(pk=batch.pk).job == moved_job
