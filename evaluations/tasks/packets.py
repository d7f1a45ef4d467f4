"""Celery tasks for packets: one task per officer of a batch build."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from evaluations.services.packets import packet_build_item_run


@shared_task(
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
