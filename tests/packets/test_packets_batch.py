"""Batch builds: one task per officer, progress on a job, safe to retry, failures isolated."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core.errors import ApplicationError
from core.models import Job, JobStatus
from packets import assembler
from packets.models import PacketBuildItem, PacketBuildStatus, PacketVersion
from packets.sections import Section
from packets.services.batches import packet_batch_start, packet_build_item_run
from packets.services.versions import packet_build
from packets.tasks import packet_build_item
from roster.models import Role
from tests.factories.packets import add_packet_inputs
from tests.factories.roster import AgencyFactory, AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(world):
    """Four more officers at the home school: three of the home agency, one of another."""
    extra = [
        AssignmentFactory(school=world.school, officer__agency=world.agency).officer
        for _ in range(3)
    ]
    other_agency = AgencyFactory(code="COUNTY")
    extra.append(
        AssignmentFactory(school=world.school, officer=OfficerFactory(agency=other_agency)).officer
    )
    return [world.officer, *extra]


def test_a_district_batch_builds_every_officer_s_packet(
    world, officers, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])

    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.failed) == (JobStatus.DONE, 5, 5, 0)
    assert PacketVersion.objects.filter(packet__period=world.period).count() == 5
    assert job.message == "5 packets built, 0 failed."


def test_an_agency_batch_builds_only_that_agency(
    world, officers, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = packet_batch_start(
            period=world.period, agency=world.agency, started_by=world.users[Role.SUPERVISOR]
        )

    job.refresh_from_db()
    assert (job.total, job.done) == (4, 4)
    assert not PacketVersion.objects.filter(packet__officer=officers[-1]).exists()


def test_a_supervisor_can_t_build_the_whole_district_or_another_agency(world, officers) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    with pytest.raises(ApplicationError):
        packet_batch_start(period=world.period, started_by=supervisor)
    with pytest.raises(ApplicationError):
        packet_batch_start(period=world.period, agency=officers[-1].agency, started_by=supervisor)
    with pytest.raises(ApplicationError):
        packet_batch_start(period=world.period, started_by=world.users[Role.PRINCIPAL])


def test_a_failed_officer_doesn_t_stop_the_rest_and_the_reason_is_kept(
    world, officers, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    broken = officers[2]

    def refuse_one(context):
        if broken.pk in context.officer_ids:
            raise ApplicationError("the training records could not be read")
        return {pk: assembler.SECTIONS[0].collect(context)[pk] for pk in context.officer_ids}

    monkeypatch.setattr(
        assembler, "SECTIONS", [*assembler.SECTIONS, Section("broken", "Broken", refuse_one)]
    )

    with django_capture_on_commit_callbacks(execute=True):
        job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])

    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == (JobStatus.DONE, 4, 1)
    assert len(job.failures) == 1
    assert broken.full_name in job.failures[0]
    assert "the training records could not be read" in job.failures[0]
    item = PacketBuildItem.objects.get(job=job, officer=broken)
    assert item.status == PacketBuildStatus.FAILED


def test_a_redelivered_task_is_counted_once_and_makes_no_new_version(
    world, officers, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    item = PacketBuildItem.objects.filter(job=job).first()

    packet_build_item.delay(item.pk)
    packet_build_item_run(item_id=item.pk)

    job.refresh_from_db()
    assert (job.done, job.failed, job.total) == (5, 0, 5)
    assert PacketVersion.objects.filter(packet__officer_id=item.officer_id).count() == 1


def test_an_interrupted_item_is_built_again_without_a_second_version(
    world, officers, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    item = PacketBuildItem.objects.filter(job=job).first()
    # As if the worker died after building but before counting: the message comes back.
    PacketBuildItem.objects.filter(pk=item.pk).update(status=PacketBuildStatus.PENDING)
    Job.objects.filter(pk=job.pk).update(done=4, status=JobStatus.RUNNING)

    packet_build_item_run(item_id=item.pk)

    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.DONE, 5)
    assert PacketVersion.objects.filter(packet__officer_id=item.officer_id).count() == 1


def test_a_batch_with_nobody_in_it_finishes_at_once(world) -> None:
    from tests.factories.roster import EvaluationPeriodFactory

    empty = EvaluationPeriodFactory(
        district=world.district, name="2019-20", start_date="2019-08-01", end_date="2020-07-31"
    )

    job = packet_batch_start(period=empty, started_by=world.users[Role.COORDINATOR])

    job.refresh_from_db()
    assert (job.status, job.total) == (JobStatus.DONE, 0)


def test_the_build_packets_command_builds_a_district_and_an_agency(
    world, officers, capsys, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "build_packets",
            "--period",
            "2026-27",
            "--district",
            "HOME",
            "--agency",
            world.agency.code,
            "--no-wait",
        )
    out = capsys.readouterr().out

    assert "HOME 2026-27" in out
    assert "4 officers queued" in out
    assert PacketVersion.objects.filter(packet__period=world.period).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_build_packets_command_waits_and_reports(world, officers) -> None:
    from io import StringIO

    out = StringIO()
    call_command("build_packets", "--period", "2026-27", "--district", "HOME", stdout=out)

    assert "5 packets built, 0 failed." in out.getvalue()


def test_the_build_packets_command_names_an_unknown_period(world) -> None:
    with pytest.raises(CommandError, match="No evaluation period 1999-00"):
        call_command("build_packets", "--period", "1999-00")


def test_a_batch_and_a_single_build_give_the_same_version(
    world, officers, django_capture_on_commit_callbacks
) -> None:
    add_packet_inputs(world, scale=2)
    with django_capture_on_commit_callbacks(execute=True):
        packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    batched = PacketVersion.objects.get(packet__officer=world.officer)

    again, created = packet_build(officer=world.officer, period=world.period)

    assert not created
    assert again.pk == batched.pk
    peers = next(s for s in batched.snapshot["sections"] if s["key"] == "enforcement")["tables"][1]
    assert peers["title"] == "Beside the district's 5 officers"


def test_the_batch_assembles_its_officers_together_then_each_task_stores_one(
    world, officers, django_assert_max_num_queries
) -> None:
    from packets.services.batches import packet_batch_assemble_run

    # Outside django_capture_on_commit_callbacks the queued task doesn't run: the test runs it.
    job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    add_packet_inputs(world, scale=2)

    with django_assert_max_num_queries(40):
        item_ids = packet_batch_assemble_run(job_id=job.pk)

    items = PacketBuildItem.objects.filter(job=job)
    assert sorted(item_ids) == sorted(items.values_list("pk", flat=True))
    assert all(item.snapshot["officer"]["id"] == item.officer_id for item in items)
    for item_id in item_ids:
        packet_build_item_run(item_id=item_id)
    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.DONE, 5)
    assert not PacketBuildItem.objects.filter(job=job, snapshot__isnull=False).exists()


def test_with_the_broker_gone_the_assembling_worker_builds_the_officers_itself(
    world, officers, monkeypatch
) -> None:
    from kombu.exceptions import OperationalError as BrokerDown

    from packets.tasks import packet_batch_assemble

    job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])

    def broker_down(*args, **kwargs):
        raise BrokerDown("Connection refused")

    monkeypatch.setattr(packet_build_item, "apply_async", broker_down)
    packet_batch_assemble.run(job.pk)

    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == (JobStatus.DONE, 5, 0)


def test_a_batch_stored_under_the_task_s_name_before_the_split_still_builds(
    world, officers
) -> None:
    """A job stored by a web process that predates the evaluations split names the old
    task; jobs_redispatch finds it and the alias hands it to the current task."""
    from core.jobs import jobs_redispatch

    job = packet_batch_start(period=world.period, started_by=world.users[Role.COORDINATOR])
    Job.objects.filter(pk=job.pk).update(
        task_name="evaluations.tasks.packets.packet_batch_assemble"
    )

    assert jobs_redispatch(older_than_seconds=-60) == 1

    job.refresh_from_db()
    assert (job.status, job.done, job.failed) == (JobStatus.DONE, 5, 0)
