"""Thin Celery tasks for the MOU record."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from agreements.notifications import mou_reviews_remind
from agreements.services.comments import comments_unlink


# No acks_late needed for safety, but a rerun is harmless: reminders are claimed with a
# conditional UPDATE and a scheduled review is only created when none is pending.
@shared_task(
    name="agreements.mou_reviews_remind",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def mou_reviews_remind_task() -> int:
    return mou_reviews_remind()


@shared_task(soft_time_limit=570, time_limit=600)
def public_comments_unlink_task() -> int:
    """Nightly: rewrite recent public comments so no trace of their arrival order remains."""
    return comments_unlink()
