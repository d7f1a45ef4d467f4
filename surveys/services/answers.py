"""What an anonymous response may contain: each answer checked against its survey.

Checked rows come out as (officer id, question id, number, choice, text), ready for
``response_storage``. A template's questions are cached per template and version, so a
warm survey checks answers without a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import ApplicationError
from surveys.models import MAX_TEXT_ANSWER, Question, QuestionKind

# Templates and versions whose questions are kept; past this the cache starts again.
_CACHE_LIMIT = 2000


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


def answer_rows_checked(
    *, template_id: int, version: str, answers: list[dict], allowed: frozenset[int]
) -> list[tuple]:
    """``answers`` checked against the template's questions and the ``allowed`` officers;
    skipped questions left out. Refuses (ApplicationError) anything that doesn't fit."""
    return _answer_rows(_template_questions(template_id, version), answers, allowed)


def _answer_rows(
    questions: dict[str, _QuestionSpec], answers: list[dict], allowed: frozenset[int]
) -> list[tuple]:
    """Checked answers as (officer id, question id, number, choice, text); skipped ones left out."""
    rows: list[tuple] = []
    seen: set[tuple[int, str]] = set()
    for item in answers:
        if not isinstance(item, dict):
            raise ApplicationError("Each answer names an officer, a question and a value.")
        officer, code, value = item.get("officer"), item.get("question"), item.get("value")
        # JSON may put a list or an object here: not hashable, so not a lookup key.
        question = questions.get(code) if isinstance(code, str) else None
        if question is None or not isinstance(code, str):
            raise ApplicationError(f"This survey has no question {code!r}.")
        # The JSON types int() takes; anything else (null, a list, an object) is no officer.
        try:
            officer = int(officer) if isinstance(officer, str | int | float) else None
        except ValueError:
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
            raise ApplicationError(
                f"{question.code}: answer with 1 (strongly disagree) to 5 (strongly agree)."
            )
        return int(value), "", ""
    if question.kind == QuestionKind.YES_NO:
        if value in (True, "yes", 1, "1"):
            return 1, "", ""
        if value in (False, "no", 0, "0"):
            return 0, "", ""
        raise ApplicationError(f"{question.code}: answer yes or no.")
    if question.kind == QuestionKind.CHOICE:
        if value not in question.choices:
            raise ApplicationError(
                f"{question.code}: choose one of {', '.join(sorted(question.choices))}."
            )
        return None, value, ""
    if not isinstance(value, str):
        raise ApplicationError(f"{question.code}: answer in words.")
    # A NUL can't be stored in PostgreSQL text; nobody types one on purpose.
    text = value.replace("\x00", "").strip()
    if len(text) > MAX_TEXT_ANSWER:
        raise ApplicationError(f"{question.code}: keep it under {MAX_TEXT_ANSWER} characters.")
    return (None, "", text) if text else None
