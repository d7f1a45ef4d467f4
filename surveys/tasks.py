from __future__ import annotations

from celery import shared_task
from django.conf import settings

from surveys.services.retention import comments_purge


@shared_task(soft_time_limit=570, time_limit=600)
def survey_comments_purge_task() -> int:
    """Nightly: empty survey comments older than SURVEY_COMMENT_RETENTION_YEARS."""
    return comments_purge(years=settings.SURVEY_COMMENT_RETENTION_YEARS)
