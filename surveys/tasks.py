from __future__ import annotations

from celery import shared_task
from django.conf import settings

from surveys.services.retention import comments_purge
from surveys.services.unlinking import responses_unlink


@shared_task(soft_time_limit=570, time_limit=600)
def survey_comments_purge_task() -> int:
    """Nightly: empty survey comments older than SURVEY_COMMENT_RETENTION_YEARS."""
    return comments_purge(years=settings.SURVEY_COMMENT_RETENTION_YEARS)


@shared_task(soft_time_limit=570, time_limit=600)
def survey_responses_unlink_task() -> int:
    """Nightly: rewrite recent responses so no trace of arrival order or code remains."""
    return responses_unlink()
