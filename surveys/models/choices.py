"""Respondent groups, question kinds, languages, and the value an answer counts under."""

from __future__ import annotations

from django.db import models


class RespondentGroup(models.TextChoices):
    STUDENT = "student", "Students"
    FAMILY = "family", "Families"
    STAFF = "staff", "School staff"
    PEER = "peer", "Peer officers"


class QuestionKind(models.TextChoices):
    AGREE = "agree5", "Agree scale (1-5)"
    YES_NO = "yes_no", "Yes / no"
    CHOICE = "choice", "Single choice"
    TEXT = "text", "Free text"


class ProtectedArea(models.TextChoices):
    """The eight areas of the Protection of Pupil Rights Amendment (20 U.S.C. 1232h(b)).

    A student survey with a question touching any of them needs a parents' notice with
    a way to inspect the questions and to opt the child out before it opens.
    """

    POLITICAL = "political", "Political affiliations or beliefs"
    MENTAL_HEALTH = "mental_health", "Mental or psychological problems"
    SEXUAL = "sexual", "Sex behavior or attitudes"
    ILLEGAL_BEHAVIOR = (
        "illegal_behavior",
        "Illegal, anti-social, self-incriminating or demeaning behavior",
    )
    FAMILY_APPRAISAL = "family_appraisal", "Critical appraisals of close family members"
    PRIVILEGED = "privileged", "Privileged relationships (lawyers, doctors, ministers)"
    RELIGION = "religion", "Religious practices, affiliations or beliefs"
    INCOME = "income", "Income"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


# Answers at or above these values count as favourable (agree / strongly agree; yes).
FAVOURABLE_MIN = {QuestionKind.AGREE: 4, QuestionKind.YES_NO: 1}
MAX_TEXT_ANSWER = 2000


def answer_value_key(kind: str, number: int | None, choice: str) -> str:
    """The value an answer counts under in results: "1".."5", "yes"/"no", a choice, or "text"."""
    if kind == QuestionKind.YES_NO:
        return "yes" if number == 1 else "no"
    if kind == QuestionKind.AGREE:
        return str(number)
    if kind == QuestionKind.CHOICE:
        return choice
    return "text"
