"""How a checked response is written: spending its code and storing it as one step.

``responses.py`` decides what a response may contain; this module only writes.
Nothing here writes an audit row or a log line: either would record when a
response arrived, which invariant 1 forbids.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from django.db import connection, transaction

from surveys.models import Answer, Response


@dataclass(frozen=True)
class FoundCode:
    """An access code's row as it was when the submission looked at it."""

    id: int
    spent: bool
    school_id: int
    campaign_group_id: int


@dataclass(frozen=True)
class Target:
    """Where a response is meant to go: stored only if the code opens exactly this."""

    campaign_group_id: int
    school_id: int
    response: Response
    rows: list[tuple]  # (officer id, question id, number, choice, text), already checked


def code_find(code_hash: str) -> FoundCode | None:
    """The code's row, without spending it (the respondent pages' first step)."""
    with _submit_cursor() as cursor:
        cursor.execute(_FIND_SQL, [code_hash])
        found = cursor.fetchone()
    return None if found is None else FoundCode(found[0], bool(found[1]), found[2], found[3])


def code_spend_and_store(code_hash: str, target: Target | None) -> tuple[FoundCode | None, bool]:
    """Spend the code and store ``target``'s response, if the code opens ``target``.

    Returns ``(row, stored)``: the code's row as the statement found it (None: no
    such code; on SQLite, also None once stored) and whether the response was stored. Without a target, or when the code opens another
    school's or group's survey, nothing is written and the row tells the caller
    what the code really opens. The spend is a
    conditional UPDATE (``AND NOT spent``) in the same transaction as the inserts:
    of any number of concurrent submissions with one code, exactly one stores.
    """
    if connection.vendor == "postgresql":
        return _spend_and_store_in_one_statement(code_hash, target)
    return _spend_and_store_in_a_transaction(code_hash, target)


# PostgreSQL: find the code, spend it, store the response and its answers in ONE
# statement, so a submission is one round trip and one transaction. (The survey
# is compared on the row read first, and the UPDATE joins it by primary key:
# that plan reads one row whatever the table's statistics say.) The UPDATE's
# "AND NOT spent" takes the row lock; a concurrent statement with the same code
# waits, re-checks, matches nothing, and so inserts nothing. The last SELECT
# reports the code's row (from before this statement) and how many answers went in.
_SPEND_AND_STORE_SQL = """
    WITH code AS (
        SELECT id, spent, school_id, campaign_group_id FROM surveys_accesscode WHERE code_hash = %s
    ), spent AS (
        UPDATE surveys_accesscode AS c SET spent = true FROM code
        WHERE c.id = code.id AND NOT c.spent AND code.campaign_group_id = %s AND code.school_id = %s
        RETURNING c.id, c.late
    ), response AS (
        INSERT INTO surveys_response (id, campaign_id, "group", school_id, language, late)
        SELECT %s, %s, %s, %s, %s, spent.late FROM spent
        RETURNING id
    ), answers AS (
        INSERT INTO surveys_answer (id, response_id, officer_id, question_id, number, choice, text)
        SELECT gen_random_uuid(), response.id, a.o, a.q, a.n, a.c, a.t
        FROM response CROSS JOIN jsonb_to_recordset(%s::jsonb) AS a(o bigint, q bigint, n smallint, c text, t text)
        RETURNING 1
    )
    SELECT id, spent, school_id, campaign_group_id, (SELECT count(*) FROM answers) FROM code
"""

# Elsewhere (SQLite 3.35+): the conditional spend, returning whether the code was late.
_SPEND_SQL = (
    "UPDATE surveys_accesscode SET spent = true WHERE code_hash = %s AND NOT spent"
    " AND campaign_group_id = %s AND school_id = %s RETURNING late"
)

_FIND_SQL = (
    "SELECT id, spent, school_id, campaign_group_id FROM surveys_accesscode WHERE code_hash = %s"
)


def _spend_and_store_in_one_statement(
    code_hash: str, target: Target | None
) -> tuple[FoundCode | None, bool]:
    params: list[object]
    if target is None:
        params = [code_hash, None, None, None, None, None, None, None, "[]"]
    else:
        r = target.response
        answers = json.dumps(
            [{"o": o, "q": q, "n": n, "c": c, "t": t} for o, q, n, c, t in target.rows]
        )
        params = [
            code_hash,
            target.campaign_group_id,
            target.school_id,
            r.id,
            r.campaign_id,
            r.group,
            r.school_id,
            r.language,
            answers,
        ]
    with _submit_cursor() as cursor:
        cursor.execute(_SPEND_AND_STORE_SQL, params)
        found = cursor.fetchone()
    if found is None:
        return None, False
    stored = target is not None and found[4] == len(target.rows)
    return FoundCode(found[0], bool(found[1]), found[2], found[3]), stored


def _spend_and_store_in_a_transaction(
    code_hash: str, target: Target | None
) -> tuple[FoundCode | None, bool]:
    """Elsewhere (SQLite): a conditional UPDATE and the inserts in one transaction."""
    if target is not None:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(_SPEND_SQL, [code_hash, target.campaign_group_id, target.school_id])
                spent = cursor.fetchone()
            if spent is not None:
                target.response.late = bool(spent[0])
                _insert(target.response, target.rows)
                return None, True
    return code_find(code_hash), False


def _insert(response: Response, rows: list[tuple]) -> None:
    response.save(force_insert=True)
    Answer.objects.bulk_create(
        Answer(response=response, officer_id=o, question_id=q, number=n, choice=c, text=t)
        for o, q, n, c, t in rows
    )


def _submit_cursor():
    """A cursor for the submit path's statements.

    On PostgreSQL it binds parameters on the server and prepares each statement
    once per connection (connections persist), so the server stops parsing and
    planning them on every submission. Django still wraps it, so it is counted
    and logged like any other query.

    It also skips Django's per-request health check (``CONN_HEALTH_CHECKS``, a
    ``SELECT 1`` round trip before a reused connection's first query): a
    submission is one round trip. After a database restart a thread's first
    submission fails instead, answered 503 with Retry-After by
    ``DatabaseUnavailableMiddleware`` with nothing written, and Django replaces the
    broken connection when that request ends (``scripts/faults.py postgres-restart``).
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (None), which would also ignore an
        # explicit prepare=True. A threshold no query reaches keeps automatic
        # preparing off and lets these statements ask for it. Django's own
        # cursors bind on the client and never prepare either way.
        connection.connection.prepare_threshold = _ONLY_WHEN_ASKED
    raw = _preparing_cursor_class()(connection.connection)
    return (
        connection.make_debug_cursor(raw)
        if connection.queries_logged
        else connection.make_cursor(raw)
    )


_ONLY_WHEN_ASKED = 2**31 - 1


@functools.cache
def _preparing_cursor_class() -> type:
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True, **options)

    return PreparingCursor
