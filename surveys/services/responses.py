"""What an access code opens, and the response its answers make.

The answers are checked in ``answers``; the writing itself (spending the code and
storing the response as one step) is in ``response_storage``. Nothing here writes an
audit row or a log line: either would record when a response arrived, which
invariant 1 forbids.
"""

from __future__ import annotations

import datetime
import threading
import time
import uuid
from dataclasses import dataclass

from core.dates import today
from core.errors import ApplicationError
from roster.models import Assignment
from surveys import codes
from surveys.models import (
    CampaignGroup,
    Language,
    Response,
)
from surveys.selectors.notices import awaits_notice
from surveys.services.answers import answer_rows_checked
from surveys.services.response_storage import (
    FoundCode,
    Target,
    code_find,
    code_spend_and_store,
)


class RespondentError(ApplicationError):
    """A refusal a respondent sees; ``reason`` picks the message in their language."""

    def __init__(self, reason: str, message: str, *, status: int = 400, **extra) -> None:
        super().__init__(message, status=status, extra={"reason": reason, **extra})
        self.reason = reason


@dataclass(frozen=True)
class Ballot:
    """What a code opens: one group's survey at one school."""

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
        raise RespondentError(
            "not_open", f"This survey opens on {opens_on:%Y-%m-%d}.", opens_on=opens_on.isoformat()
        )
    if day > closes_on:
        raise RespondentError(
            "closed",
            f"This survey closed on {closes_on:%Y-%m-%d}.",
            closes_on=closes_on.isoformat(),
        )


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
    # A student survey touching a PPRA area whose parents' notice doesn't exist yet.
    awaits_notice: bool = False

    def ballot(self, school_id: int) -> Ballot:
        return Ballot(
            self.campaign_id,
            self.campaign_name,
            self.opens_on,
            self.closes_on,
            self.group,
            school_id,
            self.template_id,
        )


@dataclass(frozen=True)
class _Opened:
    """What one campaign group at one school opens, as the submit path needs it."""

    campaign_group_id: int
    ballot: Ballot
    template_version: str
    awaits_notice: bool = False


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
    with _RECENT_LOCK:
        _RECENT.clear()


def _group_info(campaign_group_id: int) -> _GroupInfo:
    now = time.monotonic()
    cached = _GROUPS.get(campaign_group_id)
    if cached is not None and now - cached[0] < CAMPAIGN_CACHE_SECONDS:
        return cached[1]
    group = (
        CampaignGroup.objects.select_related("campaign", "template")
        .annotate(awaits_notice=awaits_notice())
        .get(pk=campaign_group_id)
    )
    campaign = group.campaign
    info = _GroupInfo(
        campaign.pk,
        campaign.name,
        campaign.opens_on,
        campaign.closes_on,
        group.group,
        group.template_id,
        str(group.template.created_at),
        group.awaits_notice,
    )
    if len(_GROUPS) > _CACHE_LIMIT:
        _GROUPS.clear()
    _GROUPS[campaign_group_id] = (now, info)
    return info


def _code_hash(code: str) -> str:
    normal = codes.normalise(code or "")
    if normal is None:
        raise RespondentError(
            "mistyped", "That code doesn't look right. Check each letter and number."
        )
    return codes.lookup_hash(normal)


def _found(found: FoundCode | None) -> FoundCode:
    """The code's row, or "unknown" when none was found."""
    if found is None:
        raise RespondentError("unknown", "We couldn't find that code. Check it and try again.")
    return found


def _opened(found: FoundCode) -> _Opened:
    """What a found code opens (remembered as recent)."""
    info = _group_info(found.campaign_group_id)
    opened = _Opened(
        found.campaign_group_id,
        info.ballot(found.school_id),
        info.template_version,
        info.awaits_notice,
    )
    _remember(opened)
    return opened


def _check_usable(found: FoundCode, opened: _Opened) -> None:
    _check_open(opened.ballot.opens_on, opened.ballot.closes_on)
    if opened.awaits_notice:
        # The student hears only that it isn't open; staff are told why when they
        # try to issue codes (surveys.services.campaigns.codes_issue).
        raise RespondentError("not_ready", "This survey is not open yet.")
    if found.spent:
        raise _used()


def _used() -> RespondentError:
    return RespondentError("used", "This code has already been used.", status=409)


def ballot_for_code(*, code: str) -> Ballot:
    """What ``code`` opens, or the reason it can't be used (mistyped, unknown, used, closed)."""
    found = _found(code_find(_code_hash(code)))
    opened = _opened(found)
    _check_usable(found, opened)
    return opened.ballot


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


# Surveys recently opened in this process (campaign group and school), newest
# last. Respondents come in bursts, a class or a school at a time, so a new
# submission nearly always fits the survey the last one did: checking the answers
# against that survey first lets spending the code and storing the response be
# one round trip. The database only stores them if the code does open that
# survey; otherwise the code's row comes back and the answers are checked against
# what it really opens (two round trips, as without a guess). A guess is built
# from the campaign cache above and only while that cache entry is fresh, so it is
# never staler than CAMPAIGN_CACHE_SECONDS, and making one never queries for the
# campaign.
# Only which surveys are in use is kept, never anything about a response.
_RECENT: dict[tuple[int, int], float] = {}
_RECENT_LIMIT = 16
_RECENT_LOCK = threading.Lock()


def _remember(opened: _Opened) -> None:
    key = (opened.campaign_group_id, opened.ballot.school_id)
    with _RECENT_LOCK:
        _RECENT.pop(key, None)
        _RECENT[key] = time.monotonic()
        while len(_RECENT) > _RECENT_LIMIT:
            del _RECENT[next(iter(_RECENT))]


def _likely_target(answers: list[dict], language: str) -> Target | None:
    """The newest recent survey (still open) these answers are valid for, as a target."""
    with _RECENT_LOCK:
        recent = list(_RECENT.items())
    now, day = time.monotonic(), today()
    for (campaign_group_id, school_id), seen in reversed(recent):
        if now - seen > CAMPAIGN_CACHE_SECONDS:
            continue
        # Read through the campaign cache, not kept from when it was remembered: a
        # guess is never older than that cache's CAMPAIGN_CACHE_SECONDS.
        cached = _GROUPS.get(campaign_group_id)
        if cached is None or now - cached[0] >= CAMPAIGN_CACHE_SECONDS:
            continue
        info = cached[1]
        if info.awaits_notice or not info.opens_on <= day <= info.closes_on:
            continue
        try:
            return _target(
                _Opened(campaign_group_id, info.ballot(school_id), info.template_version),
                answers,
                language,
            )
        except ApplicationError:
            continue
    return None


def _target(opened: _Opened, answers: list[dict], language: str) -> Target:
    """The response ``answers`` make for what ``opened`` opens; refuses answers that don't fit it."""
    ballot = opened.ballot
    rows = answer_rows_checked(
        template_id=ballot.template_id,
        version=opened.template_version,
        answers=answers,
        allowed=_allowed_officers(ballot),
    )
    # The keys come from the code's survey and the id is a fresh uuid4: no
    # full_clean, which would only repeat the checks above on the busiest path.
    response = Response(
        id=uuid.uuid4(),
        campaign_id=ballot.campaign_id,
        group=ballot.group,
        school_id=ballot.school_id,
        language=language,
    )
    return Target(opened.campaign_group_id, ballot.school_id, response, rows)


def _submit_with_code(code: str, answers: list[dict], language: str) -> Response:
    code_hash = _code_hash(code)
    guess = _likely_target(answers, language)
    row, stored = code_spend_and_store(code_hash, guess)
    if stored:
        assert guess is not None  # nothing is stored without a target
        return guess.response
    found = _found(row)
    opened = _opened(found)
    _check_usable(found, opened)
    if guess is not None and (guess.campaign_group_id, guess.school_id) == (
        found.campaign_group_id,
        found.school_id,
    ):
        # Right survey, unspent when read, yet not stored: a concurrent
        # submission with the same code spent it first.
        raise _used()
    target = _target(opened, answers, language)
    if not code_spend_and_store(code_hash, target)[1]:
        raise _used()
    return target.response


def response_submit(*, code: str, language: str, answers: list[dict]) -> Response:
    """Store one anonymous response, spending ``code`` atomically.

    Every respondent, staff and peer officers included, answers with a personal
    code: a credential the database lets store exactly one response, never a
    shared link or a cookie. The code is spent with a conditional UPDATE
    (``WHERE NOT spent``) in the same transaction that stores the response: of
    any number of concurrent submissions with one code exactly one stores
    answers, the rest store nothing and hear "already used". Answers are checked
    against the template and the officers at the respondent's school before
    anything is written.
    """
    if language not in Language.values:
        raise ApplicationError("Choose English or Spanish.")
    response = _submit_with_code(code, answers, language)
    response._state.adding = False
    return response
