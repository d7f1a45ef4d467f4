"""With a real Celery worker (two processes) on the broker, a batch builds every packet."""

from __future__ import annotations

import time

import pytest

from core.models import Job, JobStatus
from packets.models import PacketVersion
from packets.services.batches import packet_batch_start
from roster.models import Role
from tests.factories.roster import AssignmentFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _wait_for(job: Job, seconds: float = 90) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.5)
    pytest.fail(
        f"the batch did not finish within {seconds} s: {job.done + job.failed} of {job.total}"
    )


def test_a_batch_runs_on_real_workers_and_a_rerun_makes_no_new_versions(
    celery_worker_process,
) -> None:
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    officers = [world.officer.pk] + [
        AssignmentFactory(school=world.school, officer__agency=world.agency).officer_id
        for _ in range(5)
    ]

    first = _wait_for(
        packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    )
    second = _wait_for(
        packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    )

    assert (first.status, first.total, first.done, first.failed) == (JobStatus.DONE, 6, 6, 0)
    assert (second.done, second.failed) == (6, 0)
    # Counted in the database, not by the job: every officer has exactly one version.
    versions = PacketVersion.objects.filter(packet__period=world.period)
    assert sorted(versions.values_list("packet__officer_id", flat=True)) == sorted(officers)
