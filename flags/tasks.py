"""Celery tasks for flags and removal requests: ids in, one service call each."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from core.queue import send_now
from flags.services import flags as flag_services
from flags.services import removals as removal_services
from roster.models import District


@shared_task(
    name=flag_services.EVALUATE_DISTRICT_TASK,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
    time_limit=10 * 60,
    soft_time_limit=9 * 60,
)
def flags_evaluate_district_task(district_id: int) -> dict:
    # Evaluation is idempotent (one active flag per rule, officer and period), so a
    # redelivered or repeated message changes nothing.
    district = District.objects.filter(pk=district_id).first()
    if district is None:
        return {}
    return vars(flag_services.flags_evaluate_district(district=district))


@shared_task(name="flags.evaluate_all", time_limit=60 * 60, soft_time_limit=55 * 60)
def flags_evaluate_all_task() -> int:
    return len(flag_services.flags_evaluate_all())


@shared_task(
    name="flags.removal_requests_notify_overdue", time_limit=10 * 60, soft_time_limit=9 * 60
)
def removal_requests_notify_overdue_task() -> int:
    # The day's notice is claimed per request with a conditional UPDATE, so running
    # twice in a day (a redelivery, a second beat) mails nothing more.
    return removal_services.removal_requests_notify_overdue()


# Until issue 14 this task was named after its module in evaluations; a message sent
# under that name before a deploy is handed to the current name. (The nightly run would
# catch up anyway.) Remove once every deployment has drained its queue since the split.
@shared_task(name="evaluations.tasks.flags.flags_evaluate_district_task")
def flags_evaluate_district_by_old_name(district_id: int) -> None:
    send_now(flags_evaluate_district_task, district_id)
