"""Storing an anonymous response and spending the code that paid for it.

Nothing here writes an audit row or a log line: either would record when a
response arrived, which invariant 1 forbids.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from roster.errors import ApplicationError
from roster.models import Assignment
from roster.tabular import today
from surveys import codes
from surveys.models import (
    MAX_TEXT_ANSWER,
    AccessCode,
    Answer,
    Campaign,
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


def _check_open(campaign: Campaign) -> None:
    day = today()
    if day < campaign.opens_on:
        raise RespondentError("not_open", f"This survey opens on {campaign.opens_on:%Y-%m-%d}.",
                              opens_on=campaign.opens_on.isoformat())
    if day > campaign.closes_on:
        raise RespondentError("closed", f"This survey closed on {campaign.closes_on:%Y-%m-%d}.",
                              closes_on=campaign.closes_on.isoformat())


def _code_row(code: str) -> AccessCode:
    normal = codes.normalise(code or "")
    if normal is None:
        raise RespondentError("mistyped", "That code doesn't look right. Check each letter and number.")
    row = (
        AccessCode.objects.select_related("campaign_group__campaign")
        .only("spent", "school_id", "campaign_group__group", "campaign_group__template_id",
              "campaign_group__campaign__name", "campaign_group__campaign__opens_on",
              "campaign_group__campaign__closes_on")
        .filter(code_hash=codes.lookup_hash(normal))
        .first()
    )
    if row is None:
        raise RespondentError("unknown", "We couldn't find that code. Check it and try again.")
    return row


def _ballot(campaign_group, school_id: int) -> Ballot:
    campaign = campaign_group.campaign
    return Ballot(campaign.pk, campaign.name, campaign.opens_on, campaign.closes_on, campaign_group.group,
                  school_id, campaign_group.template_id)


def ballot_for_code(*, code: str) -> Ballot:
    """What ``code`` opens, or the reason it can't be used (mistyped, unknown, used, closed)."""
    row = _code_row(code)
    _check_open(row.campaign_group.campaign)
    if row.spent:
        raise RespondentError("used", "This code has already been used.", status=409)
    return _ballot(row.campaign_group, row.school_id)


def ballot_for_link(*, token: str) -> Ballot:
    link = (
        StaffLink.objects.select_related("campaign_group__campaign")
        .filter(token=token, is_active=True)
        .first()
    )
    if link is None:
        raise RespondentError("unknown_link", "This survey link is not valid.", status=404)
    _check_open(link.campaign_group.campaign)
    return _ballot(link.campaign_group, link.school_id)


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


def _answer_rows(ballot: Ballot, answers: list[dict], officer_ids: list[int]) -> list[Answer]:
    questions = {q.code: q for q in Question.objects.filter(template_id=ballot.template_id)}
    allowed = set(officer_ids)
    rows: list[Answer] = []
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
        row = _answer(question, value)
        if row is not None:
            row.officer_id = officer
            rows.append(row)
    if not rows:
        raise ApplicationError("Answer at least one question about an officer you know.")
    return rows


def _answer(question: Question, value) -> Answer | None:
    """One validated answer, or None for a skipped question."""
    if value is None or value == "":
        return None
    if question.kind == QuestionKind.AGREE:
        if isinstance(value, bool) or str(value) not in {"1", "2", "3", "4", "5"}:
            raise ApplicationError(f"{question.code}: answer with 1 (strongly disagree) to 5 (strongly agree).")
        return Answer(question=question, number=int(value))
    if question.kind == QuestionKind.YES_NO:
        if value in (True, "yes", 1, "1"):
            return Answer(question=question, number=1)
        if value in (False, "no", 0, "0"):
            return Answer(question=question, number=0)
        raise ApplicationError(f"{question.code}: answer yes or no.")
    if question.kind == QuestionKind.CHOICE:
        if value not in question.choice_values():
            raise ApplicationError(f"{question.code}: choose one of {', '.join(question.choice_values())}.")
        return Answer(question=question, choice=value)
    text = str(value).strip()
    if len(text) > MAX_TEXT_ANSWER:
        raise ApplicationError(f"{question.code}: keep it under {MAX_TEXT_ANSWER} characters.")
    return Answer(question=question, text=text) if text else None


def response_submit(
    *, language: str, answers: list[dict], code: str | None = None, link_token: str | None = None
) -> Response:
    """Store one anonymous response, spending ``code`` (or using a staff link) atomically.

    The code is spent with a conditional UPDATE (``WHERE spent = false``) in the
    transaction that stores the response: of any number of concurrent submissions
    with one code exactly one updates a row and stores answers, the rest roll back
    with "already used". Answers are checked against the template and the
    officers at the respondent's school before anything is stored.
    """
    if language not in Language.values:
        raise ApplicationError("Choose English or Spanish.")
    if (code is None) == (link_token is None):
        raise ApplicationError("Give an access code.")
    with transaction.atomic():
        if code is not None:
            row = _code_row(code)
            _check_open(row.campaign_group.campaign)
            if AccessCode.objects.filter(pk=row.pk, spent=False).update(spent=True) != 1:
                raise RespondentError("used", "This code has already been used.", status=409)
            ballot = _ballot(row.campaign_group, row.school_id)
        else:
            ballot = ballot_for_link(token=link_token)
        rows = _answer_rows(ballot, answers, ballot_officer_ids(ballot=ballot))
        response = Response(
            campaign_id=ballot.campaign_id, group=ballot.group, school_id=ballot.school_id, language=language
        )
        # The keys come from the code's row and the id is a fresh uuid4: checking
        # them again would cost queries on the hottest path for nothing.
        response.full_clean(exclude=["campaign", "school"], validate_unique=False)
        response.save(force_insert=True)
        for answer in rows:
            answer.response = response
        Answer.objects.bulk_create(rows)
    return response
