from __future__ import annotations

from celery import shared_task

from core.jobs import jobs_redispatch


@shared_task(soft_time_limit=100, time_limit=120)
def jobs_redispatch_task() -> int:
    """Send again jobs whose message was lost while the broker was down."""
    return jobs_redispatch()
