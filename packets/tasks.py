"""Celery tasks for packets: a batch assembles its officers together, then one task
per officer stores and renders each packet."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.queue import send_now
from packets.services.batches import (
    BATCH_ASSEMBLE_TASK,
    BUILD_ITEM_TASK,
    packet_batch_assemble_run,
    packet_build_item_run,
)


@shared_task(
    name=BUILD_ITEM_TASK,
    bind=True,
    # Idempotent: the item is counted once (conditional UPDATE) and an unchanged
    # rebuild finds its version by hash, so a redelivered message is harmless.
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=240,
    time_limit=300,
)
def packet_build_item(self, item_id: int) -> None:
    packet_build_item_run(item_id=item_id, last_attempt=self.request.retries >= self.max_retries)


@shared_task(
    name=BATCH_ASSEMBLE_TASK,
    bind=True,
    # Redelivered, it assembles the still-pending officers again and queues their
    # tasks again: an item counts once and an unchanged packet keeps its version.
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
)
def packet_batch_assemble(self, job_id: int) -> None:
    for item_id in packet_batch_assemble_run(job_id=job_id):
        # With the broker gone mid-batch, this worker builds the officer itself
        # rather than leave an item that no message will ever reach.
        if not send_now(packet_build_item, item_id):
            packet_build_item_run(item_id=item_id)


# Until issue 14 these tasks were named after their module in evaluations. Messages still
# in the broker from before a deploy, and batch jobs that a web process not yet restarted
# stored under the old names (jobs_redispatch sends those again), arrive under the old
# names: each alias hands its work to the task's current name. Remove them once every
# deployment has drained its queue since the split.
@shared_task(name="evaluations.tasks.packets.packet_build_item")
def packet_build_item_by_old_name(item_id: int) -> None:
    if not send_now(packet_build_item, item_id):
        packet_build_item_run(item_id=item_id)


@shared_task(name="evaluations.tasks.packets.packet_batch_assemble")
def packet_batch_assemble_by_old_name(job_id: int) -> None:
    # Not sent, the job stays queued and jobs_redispatch sends it again.
    send_now(packet_batch_assemble, job_id)
