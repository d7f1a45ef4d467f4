"""Large files go through a Celery task with a job; the daily reminder email."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from core.models import JobStatus
from roster.models import Role
from tests.factories.roster import UserFactory
from training_records.models import ImportStatus, TrainingImport, TrainingRecord
from training_records.notifications import training_reminders_send
from training_records.services import imports as services

pytestmark = pytest.mark.django_db


def _log(officer, rows: int) -> bytes:
    start = datetime.date(2020, 1, 1)
    lines = ["Badge,Course Code,Date,Hours"] + [
        f"{officer.badge_number},CR-4,{(start + datetime.timedelta(days=i)).isoformat()},4"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def test_a_large_file_is_checked_and_imported_by_a_task_with_progress(
    trained, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setattr(services, "ASYNC_IMPORT_BYTES", 1000)
    supervisor = trained.users[Role.SUPERVISOR]
    data = _log(trained.officer, 300)

    with django_capture_on_commit_callbacks(execute=True):
        training_import = services.training_import_upload(
            agency=trained.agency, data=data, filename="big.csv", actor=supervisor
        )
    training_import.refresh_from_db()
    check_job = training_import.job

    assert training_import.status == ImportStatus.PREVIEWED
    assert (check_job.kind, check_job.status, check_job.total) == (
        "training import check",
        JobStatus.DONE,
        300,
    )
    assert TrainingRecord.objects.filter(officer=trained.officer).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.training_import_confirm(training_import=training_import, actor=supervisor)
    training_import.refresh_from_db()

    assert training_import.status == ImportStatus.IMPORTED
    assert training_import.job != check_job
    assert (training_import.job.status, training_import.job.percent) == (JobStatus.DONE, 100)
    assert TrainingRecord.objects.filter(training_import=training_import).count() == 300


def test_the_job_page_and_api_show_the_imports_progress(
    trained, client_for, api_for, monkeypatch
) -> None:
    monkeypatch.setattr(services, "ASYNC_IMPORT_BYTES", 1000)
    supervisor = trained.users[Role.SUPERVISOR]
    # Without running the on-commit callbacks the task never starts: the page waits.
    training_import = services.training_import_upload(
        agency=trained.agency, data=_log(trained.officer, 300), filename="big.csv", actor=supervisor
    )

    page = client_for(supervisor).get(f"/training/imports/{training_import.pk}/")
    api = api_for(supervisor).get(f"/api/v1/training/imports/{training_import.pk}/").json()

    assert b'http-equiv="refresh"' in page.content
    assert b"of 301 rows read" in page.content
    assert (api["status"], api["job"], api["job_percent"]) == (
        "checking",
        training_import.job_id,
        0,
    )


def test_a_task_that_fails_marks_the_import_and_its_job_failed(
    trained, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    monkeypatch.setattr(services, "ASYNC_IMPORT_BYTES", 1000)

    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "training_import_check", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        services.training_import_upload(
            agency=trained.agency,
            data=_log(trained.officer, 300),
            filename="big.csv",
            actor=trained.users[Role.SUPERVISOR],
        )

    training_import = TrainingImport.objects.get()
    assert training_import.status == ImportStatus.FAILED
    assert training_import.job.status == JobStatus.FAILED
    assert "disk on fire" in training_import.errors[0]["message"]


def test_the_daily_reminder_emails_each_supervisor_their_overdue_officers(trained) -> None:
    supervisor = trained.users[Role.SUPERVISOR]
    supervisor.email = "sgt@homepd.example"
    supervisor.save()
    from tests.factories.roster import supervisor_of

    away = supervisor_of(trained.other_agency, trained.other_district, username="away-sgt")
    away.email = "sgt@awaypd.example"
    away.save()

    sent = training_reminders_send(on=datetime.date(2026, 11, 27))

    assert sent == 1
    assert mail.outbox[0].to == ["sgt@homepd.example"]
    assert (
        f"{trained.officer.full_name} (#{trained.officer.badge_number}): Civil Rights in Schools: overdue since 2025-09-02"
        in mail.outbox[0].body
    )


def test_no_email_goes_out_when_nothing_needs_attention(trained) -> None:
    UserFactory()
    TrainingRecord.objects.filter(officer=trained.officer, course__code="CR-4").update(
        completed_on=datetime.date(2026, 9, 1)
    )
    supervisor = trained.users[Role.SUPERVISOR]
    supervisor.email = "sgt@homepd.example"
    supervisor.save()

    assert training_reminders_send(on=datetime.date(2026, 11, 27)) == 0
    assert mail.outbox == []


def test_the_reminder_task_is_scheduled_daily(settings) -> None:
    from training_records.tasks import training_reminders_task

    entry = settings.CELERY_BEAT_SCHEDULE["training-reminders"]
    assert entry["task"] == training_reminders_task.name
    assert entry["schedule"] == 24 * 60 * 60
