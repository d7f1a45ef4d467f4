"""Erasing what PostgreSQL itself records about when, and with which code, a response arrived.

The response table has no time column (anonymity invariant 1), yet PostgreSQL keeps
two traces of its own. Every row carries the id of the transaction that wrote it
(``xmin``), and a response is stored in the same transaction that spends its code:
until something rewrites them, a spent code and its response share that id, so
whoever can read the database and hash a printed code (with SECRET_KEY) could follow
a mailed code to its answers. And new rows go where the table ends, so the rows'
physical order is the order in which people answered.

``responses_unlink`` rewrites both: the spent codes of recent campaigns in one
transaction, their responses and answers in another (so no spent code shares a
transaction id with any response), then the three tables are rewritten in the order
of their keys with CLUSTER — random keys for responses and answers (and parents'
opt-outs, which the same pass reorders) — which also
drops the superseded row versions. It runs nightly (Celery beat). CLUSTER holds each
table's lock for the seconds it takes, and submissions wait meanwhile.

What it doesn't reach: the day's responses until the next run, and backups or WAL
archives made before it. Keep PostgreSQL's statement logging off: a logged submit
statement would hold the code's hash and the time.
On SQLite (the embedded default, for demos) it does nothing.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction

from core.dates import today
from surveys.models import Campaign

RECENT_DAYS = 7  # campaigns open now or closed within the last week


def responses_unlink(*, on: datetime.date | None = None) -> int:
    """Rewrite recent campaigns' spent codes, responses and answers; returns how many responses."""
    if connection.vendor != "postgresql":
        return 0
    day = on or today()
    campaign_ids = list(
        Campaign.objects.filter(
            closes_on__gte=day - datetime.timedelta(days=RECENT_DAYS)
        ).values_list("pk", flat=True)
    )
    if not campaign_ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE surveys_accesscode SET spent = true WHERE spent AND campaign_group_id IN "
            "(SELECT id FROM surveys_campaigngroup WHERE campaign_id = ANY(%s))",
            [campaign_ids],
        )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE surveys_response SET language = language WHERE campaign_id = ANY(%s)",
            [campaign_ids],
        )
        rewritten = cursor.rowcount
        cursor.execute(
            "UPDATE surveys_answer SET number = number WHERE response_id IN "
            "(SELECT id FROM surveys_response WHERE campaign_id = ANY(%s))",
            [campaign_ids],
        )
    with connection.cursor() as cursor:
        # Parents' opt-outs too: their physical order would be the order families sent them.
        tables = ("surveys_accesscode", "surveys_response", "surveys_answer", "surveys_optout")
        for table in tables:
            cursor.execute(f"CLUSTER {table} USING {table}_pkey")
    return rewritten
