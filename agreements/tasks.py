from __future__ import annotations

from celery import shared_task

from agreements.services.comments import comments_unlink


@shared_task(soft_time_limit=570, time_limit=600)
def public_comments_unlink_task() -> int:
    """Nightly: rewrite recent public comments so no trace of their arrival order remains."""
    return comments_unlink()
