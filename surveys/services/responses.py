"""Storing an anonymous response and spending the code that paid for it.

Nothing here writes an audit row or a log line: either would record when a
response arrived, which invariant 1 forbids.
"""

from __future__ import annotations

import datetime
import functools
import json
import time
from dataclasses import dataclass

from django.db import connection, transaction

from roster.errors import ApplicationError
from roster.models import Assignment
from roster.tabular import today
from surveys import codes
from surveys.models import (
    MAX_TEXT_ANSWER,
    AccessCode,
    Answer,
    CampaignGroup,
    Language,
    Question,
    QuestionKind,
    Response,
    StaffLink,
)


class RespondentError(ApplicationError):
    """A refusal a respondent sees; ``reason`` picks the message in their language."""

    def __init__(self, reason: str, message: str, *, status: int = 400, **extra) -> None:
        super().__init__(message, status=status, extra={"reason": reason, **extra})
        self.reason = reason


@dataclass(frozen=True)
class Ballot:
    """What a code or a staff link opens: one group's survey at one school."""

    campaign_id: int
    campaign_name: str
    opens_on: datetime.date
    closes_on: datetime.date
    group: str
    school_id: int
    template_id: int


def _check_open(opens_on: datetime.date, closes_on: datetime.date) -> None:
    day = today()
    if day < opens_on:
        raise RespondentError("not_open", f"This survey opens on {opens_on:%Y-%m-%d}.", opens_on=opens_on.isoformat())
    if day > closes_on:
        raise RespondentError("closed", f"This survey closed on {closes_on:%Y-%m-%d}.", closes_on=closes_on.isoformat())


@dataclass(frozen=True)
class _GroupInfo:
    """A campaign group as the submit path needs it (cached, see below)."""

    campaign_id: int
    campaign_name: str
    opens_on: datetime.date
    closes_on: datetime.date
    group: str
    template_id: int
    template_version: str

    def ballot(self, school_id: int) -> Ballot:
        return Ballot(self.campaign_id, self.campaign_name, self.opens_on, self.closes_on, self.group, school_id,
                      self.template_id)


@dataclass(frozen=True)
class _CodeRow:
    id: int
    spent: bool
    ballot: Ballot
    template_version: str


# Per-process caches for the submit path, the busiest request of the product.
# A template a campaign uses never changes (template_revise makes a new version),
# so its questions are cached for good, keyed with its creation time. Campaign
# groups and the officers at a school are cached briefly; this process forgets
# them at once when a campaign changes (surveys.apps connects forget_campaigns),
# other processes within CAMPAIGN_CACHE_SECONDS.
CAMPAIGN_CACHE_SECONDS = 30
_CACHE_LIMIT = 2000
_GROUPS: dict[int, tuple[float, _GroupInfo]] = {}
_OFFICERS: dict[tuple[int, int], tuple[float, frozenset[int]]] = {}


def forget_campaigns(**_signal_arguments) -> None:
    _GROUPS.clear()
    _OFFICERS.clear()


def _group_info(campaign_group_id: int) -> _GroupInfo:
    now = time.monotonic()
    cached = _GROUPS.get(campaign_group_id)
    if cached is not None and now - cached[0] < CAMPAIGN_CACHE_SECONDS:
        return cached[1]
    group = CampaignGroup.objects.select_related("campaign", "template").get(pk=campaign_group_id)
    campaign = group.campaign
    info = _GroupInfo(campaign.pk, campaign.name, campaign.opens_on, campaign.closes_on, group.group,
                      group.template_id, str(group.template.created_at))
    if len(_GROUPS) > _CACHE_LIMIT:
        _GROUPS.clear()
    _GROUPS[campaign_group_id] = (now, info)
    return info


def _submit_cursor():
    """A cursor for the submit path's two statements.

    On PostgreSQL it binds parameters on the server and prepares each statement
    once per connection (connections persist), so the server stops parsing and
    planning them on every submission. Django still
    wraps it, so it is counted and logged like any other query.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off (None), which would also ignore an
        # explicit prepare=True. A threshold no query reaches keeps automatic
        # preparing off and lets these two statements ask for it. Django's own
        # cursors bind on the client and never prepare either way.
        connection.connection.prepare_threshold = _ONLY_WHEN_ASKED
    raw = _preparing_cursor_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


_ONLY_WHEN_ASKED = 2**31 - 1


@functools.cache
def _preparing_cursor_class() -> type:
    import psycopg

    class PreparingCursor(psycopg.Cursor):
        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True, **options)

    return PreparingCursor


# Plain SQL: the one read every submission makes, kept to a single indexed row.
_CODE_SQL = "SELECT id, spent, school_id, campaign_group_id FROM surveys_accesscode WHERE code_hash = %s"


def _code_row(code: str) -> _CodeRow:
    normal = codes.normalise(code or "")
    if normal is None:
        raise RespondentError("mistyped", "That code doesn't look right. Check each letter and number.")
    with _submit_cursor() as cursor:
        cursor.execute(_CODE_SQL, [codes.lookup_hash(normal)])
        found = cursor.fetchone()
    if found is None:
        raise RespondentError("unknown", "We couldn't find that code. Check it and try again.")
    code_id, spent, school_id, campaign_group_id = found
    info = _group_info(campaign_group_id)
    return _CodeRow(code_id, bool(spent), info.ballot(school_id), info.template_version)


def ballot_for_code(*, code: str) -> Ballot:
    """What ``code`` opens, or the reason it can't be used (mistyped, unknown, used, closed)."""
    row = _code_row(code)
    _check_open(row.ballot.opens_on, row.ballot.closes_on)
    if row.spent:
        raise RespondentError("used", "This code has already been used.", status=409)
    return row.ballot


def _link_ballot(token: str) -> tuple[Ballot, str]:
    link = StaffLink.objects.filter(token=token, is_active=True).values_list("campaign_group_id", "school_id").first()
    if link is None:
        raise RespondentError("unknown_link", "This survey link is not valid.", status=404)
    info = _group_info(link[0])
    _check_open(info.opens_on, info.closes_on)
    return info.ballot(link[1]), info.template_version


def ballot_for_link(*, token: str) -> Ballot:
    return _link_ballot(token)[0]


def ballot_officer_ids(*, ballot: Ballot) -> list[int]:
    """The campaign's officers serving at the respondent's school during the campaign."""
    return list(
        Assignment.objects.filter(
            school_id=ballot.school_id, officer__survey_campaigns=ballot.campaign_id
        )
        .overlapping(ballot.opens_on, ballot.closes_on)
        .order_by("officer__last_name", "officer__first_name")
        .values_list("officer_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class _QuestionSpec:
    id: int
    code: str
    kind: str
    choices: frozenset[str]


_QUESTIONS: dict[tuple[int, str], dict[str, _QuestionSpec]] = {}


def _template_questions(template_id: int, version: str) -> dict[str, _QuestionSpec]:
    key = (template_id, version)
    found = _QUESTIONS.get(key)
    if found is None:
        if len(_QUESTIONS) > _CACHE_LIMIT:
            _QUESTIONS.clear()
        found = {
            q.code: _QuestionSpec(q.pk, q.code, q.kind, frozenset(q.choice_values()))
            for q in Question.objects.filter(template_id=template_id)
        }
        _QUESTIONS[key] = found
    return found


def _allowed_officers(ballot: Ballot) -> frozenset[int]:
    key = (ballot.campaign_id, ballot.school_id)
    now = time.monotonic()
    cached = _OFFICERS.get(key)
    if cached is not None and now - cached[0] < CAMPAIGN_CACHE_SECONDS:
        return cached[1]
    if len(_OFFICERS) > _CACHE_LIMIT:
        _OFFICERS.clear()
    officers = frozenset(ballot_officer_ids(ballot=ballot))
    _OFFICERS[key] = (now, officers)
    return officers


def _answer_rows(questions: dict[str, _QuestionSpec], answers: list[dict], allowed: frozenset[int]) -> list[tuple]:
    """Checked answers as (officer id, question id, number, choice, text); skipped ones left out."""
    rows: list[tuple] = []
    seen: set[tuple[int, str]] = set()
    for item in answers:
        if not isinstance(item, dict):
            raise ApplicationError("Each answer names an officer, a question and a value.")
        officer, code, value = item.get("officer"), item.get("question"), item.get("value")
        question = questions.get(code)
        if question is None:
            raise ApplicationError(f"This survey has no question {code!r}.")
        try:
            officer = int(officer)
        except (TypeError, ValueError):
            officer = None
        if officer not in allowed:
            raise ApplicationError("That officer is not part of this survey at your school.")
        if (officer, code) in seen:
            raise ApplicationError(f"Question {code!r} is answered twice for the same officer.")
        seen.add((officer, code))
        checked = _value(question, value)
        if checked is not None:
            rows.append((officer, question.id, *checked))
    if not rows:
        raise ApplicationError("Answer at least one question about an officer you know.")
    return rows


def _value(question: _QuestionSpec, value) -> tuple[int | None, str, str] | None:
    """(number, choice, text) for one answer, or None for a skipped question."""
    if value is None or value == "":
        return None
    if question.kind == QuestionKind.AGREE:
        if isinstance(value, bool) or str(value) not in {"1", "2", "3", "4", "5"}:
            raise ApplicationError(f"{question.code}: answer with 1 (strongly disagree) to 5 (strongly agree).")
        return int(value), "", ""
    if question.kind == QuestionKind.YES_NO:
        if value in (True, "yes", 1, "1"):
            return 1, "", ""
        if value in (False, "no", 0, "0"):
            return 0, "", ""
        raise ApplicationError(f"{question.code}: answer yes or no.")
    if question.kind == QuestionKind.CHOICE:
        if value not in question.choices:
            raise ApplicationError(f"{question.code}: choose one of {', '.join(sorted(question.choices))}.")
        return None, value, ""
    text = str(value).strip()
    if len(text) > MAX_TEXT_ANSWER:
        raise ApplicationError(f"{question.code}: keep it under {MAX_TEXT_ANSWER} characters.")
    return (None, "", text) if text else None


# PostgreSQL: spend the code, store the response and its answers in ONE statement,
# so one round trip is one transaction. The UPDATE's "AND NOT spent" takes the
# row lock; a concurrent statement with the same code waits, re-checks, matches
# nothing, and so inserts nothing.
_SUBMIT_SQL = """
    WITH spent AS (
        UPDATE surveys_accesscode SET spent = true WHERE id = %s AND NOT spent RETURNING id
    ), response AS (
        INSERT INTO surveys_response (id, campaign_id, "group", school_id, language)
        SELECT %s, %s, %s, %s, %s FROM spent
        RETURNING id
    )
    INSERT INTO surveys_answer (id, response_id, officer_id, question_id, number, choice, text)
    SELECT gen_random_uuid(), response.id, a.o, a.q, a.n, a.c, a.t
    FROM response CROSS JOIN jsonb_to_recordset(%s::jsonb) AS a(o bigint, q bigint, n smallint, c text, t text)
"""


def _store_in_one_statement(code_id: int, response: Response, rows: list[tuple]) -> bool:
    answers = json.dumps([{"o": o, "q": q, "n": n, "c": c, "t": t} for o, q, n, c, t in rows])
    with _submit_cursor() as cursor:
        cursor.execute(_SUBMIT_SQL, [
            code_id, response.id, response.campaign_id, response.group, response.school_id, response.language, answers,
        ])
        return cursor.rowcount == len(rows)


def _store(code_id: int | None, response: Response, rows: list[tuple]) -> bool:
    """Elsewhere (SQLite; staff links): the same, as a conditional UPDATE and inserts in one transaction."""
    with transaction.atomic():
        if code_id is not None and AccessCode.objects.filter(pk=code_id, spent=False).update(spent=True) != 1:
            return False
        response.save(force_insert=True)
        Answer.objects.bulk_create(
            Answer(response=response, officer_id=o, question_id=q, number=n, choice=c, text=t)
            for o, q, n, c, t in rows
        )
    return True


def response_submit(
    *, language: str, answers: list[dict], code: str | None = None, link_token: str | None = None
) -> Response:
    """Store one anonymous response, spending ``code`` (or using a staff link) atomically.

    The code is spent with a conditional UPDATE (``WHERE NOT spent``) in the same
    transaction that stores the response: of any number of concurrent submissions
    with one code exactly one stores answers, the rest store nothing and hear
    "already used". Answers are checked against the template and the officers at
    the respondent's school before anything is written.
    """
    if language not in Language.values:
        raise ApplicationError("Choose English or Spanish.")
    if (code is None) == (link_token is None):
        raise ApplicationError("Give an access code.")
    if code is not None:
        row = _code_row(code)
        ballot, code_id, template_version = row.ballot, row.id, row.template_version
        _check_open(ballot.opens_on, ballot.closes_on)
        if row.spent:
            raise RespondentError("used", "This code has already been used.", status=409)
    else:
        ballot, template_version = _link_ballot(link_token)
        code_id = None
    rows = _answer_rows(_template_questions(ballot.template_id, template_version), answers, _allowed_officers(ballot))
    response = Response(campaign_id=ballot.campaign_id, group=ballot.group, school_id=ballot.school_id,
                        language=language)
    # The keys come from the code's row and the id is a fresh uuid4: checking them
    # again would cost queries on the hottest path for nothing.
    response.full_clean(exclude=["campaign", "school"], validate_unique=False)
    if code_id is not None and connection.vendor == "postgresql":
        stored = _store_in_one_statement(code_id, response, rows)
    else:
        stored = _store(code_id, response, rows)
    if not stored:
        raise RespondentError("used", "This code has already been used.", status=409)
    response._state.adding = False
    return response
