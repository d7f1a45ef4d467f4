"""Comments are emptied N years after their campaign closed; numbers stay."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from core.dates import today
from surveys.services.retention import comments_purge
from tests.factories.surveys import make_campaign, submit_many

pytestmark = pytest.mark.django_db


def _comments(campaign) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.text FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
            "WHERE r.campaign_id = %s AND a.text <> '' ORDER BY a.text",
            [campaign.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def _numbers(campaign) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
            "WHERE r.campaign_id = %s AND a.number IS NOT NULL",
            [campaign.pk],
        )
        return cursor.fetchone()[0]


def test_comments_older_than_the_retention_are_emptied_and_numbers_kept(world) -> None:
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer], groups=["student"]
    )
    submit_many(campaign, "student", world.school, world.officer, 3, comment="Kind")
    numbers = _numbers(campaign)
    closed = today() + datetime.timedelta(days=21)

    assert comments_purge(years=3, on=closed.replace(year=closed.year + 3)) == 0, (
        "exactly three years old is kept"
    )
    assert _comments(campaign) == ["Kind 0", "Kind 1", "Kind 2"]

    emptied = comments_purge(
        years=3, on=closed.replace(year=closed.year + 3) + datetime.timedelta(days=1)
    )

    assert emptied == 3
    assert _comments(campaign) == []
    assert _numbers(campaign) == numbers


def test_the_nightly_task_reads_the_setting(world, settings) -> None:
    from surveys.tasks import survey_comments_purge_task

    settings.SURVEY_COMMENT_RETENTION_YEARS = 1
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer], groups=["student"]
    )
    submit_many(campaign, "student", world.school, world.officer, 2, comment="Old")
    campaign.__class__.objects.filter(pk=campaign.pk).update(
        opens_on=today() - datetime.timedelta(days=420),
        closes_on=today() - datetime.timedelta(days=400),
    )

    assert survey_comments_purge_task.delay().get() == 2
    assert _comments(campaign) == []
