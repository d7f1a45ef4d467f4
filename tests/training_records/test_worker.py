"""A large training log checked and imported by a real Celery worker."""

from __future__ import annotations

import datetime
import time

import pytest

from roster.models import Role
from training_records.models import ImportStatus, TrainingImport, TrainingRecord
from training_records.services import imports as services

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(training_import: TrainingImport, *statuses: str) -> TrainingImport:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        training_import.refresh_from_db()
        if training_import.status in statuses:
            return training_import
        time.sleep(0.3)
    pytest.fail(f"the import stayed {training_import.status}; see var/test-worker.log")


def test_a_worker_checks_then_imports_a_large_file(
    celery_worker_process, world, monkeypatch
) -> None:
    from tests.factories.training_records import CourseFactory

    CourseFactory(code="CR-4")
    monkeypatch.setattr(services, "ASYNC_IMPORT_BYTES", 1000)
    start = datetime.date(2015, 1, 1)
    rows = "".join(
        f"{world.officer.badge_number},CR-4,{(start + datetime.timedelta(days=i)).isoformat()}\n"
        for i in range(400)
    )
    supervisor = world.users[Role.SUPERVISOR]

    training_import = services.training_import_upload(
        agency=world.agency,
        data=("Badge,Course Code,Date\n" + rows).encode(),
        filename="big.csv",
        actor=supervisor,
    )
    training_import = _wait_for(
        training_import, ImportStatus.PREVIEWED, ImportStatus.REJECTED, ImportStatus.FAILED
    )
    assert (training_import.status, training_import.new_records) == (ImportStatus.PREVIEWED, 400)

    services.training_import_confirm(training_import=training_import, actor=supervisor)
    training_import = _wait_for(
        training_import, ImportStatus.IMPORTED, ImportStatus.REJECTED, ImportStatus.FAILED
    )

    assert training_import.status == ImportStatus.IMPORTED
    assert TrainingRecord.objects.filter(training_import=training_import).count() == 400
    assert training_import.job.percent == 100
    training_import.file.delete(save=False)
