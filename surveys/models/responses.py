"""Anonymous responses and their answers: no user, no time, random keys, no single reads."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from surveys.models.campaigns import Campaign
from surveys.models.choices import MAX_TEXT_ANSWER, Language, RespondentGroup
from surveys.models.questions import Question

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class NoIndividualReads(models.QuerySet):
    """Invariant 4: no role reads an individual response, superusers included."""

    def visible_to(self, user: User | AnonymousUser | None) -> models.QuerySet:
        return self.none()


class Response(models.Model):
    """One respondent's submission: campaign, group, school, language, late code — nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed by the (campaign, group, school) index below; one index fewer to
    # maintain on every submission.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=5, choices=Language.choices)
    # Copied from the code that paid for it: one bit, so late (possibly padded)
    # responses never lift a group over k. See AccessCode.late.
    late = models.BooleanField(default=False)

    objects = NoIndividualReads.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["campaign", "group", "school"])]

    def __str__(self) -> str:
        return "anonymous response"


class Answer(models.Model):
    """One answer about one officer. Agree scale 1-5, yes = 1 / no = 0 in ``number``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Both covered by the leading columns of the unique and (officer, question)
    # indexes below, so each answer row maintains two indexes fewer.
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    officer = models.ForeignKey(
        "roster.Officer", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    number = models.SmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=60, blank=True)
    text = models.TextField(blank=True, max_length=MAX_TEXT_ANSWER)

    objects = NoIndividualReads.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "officer", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0, number__lte=5),
                name="answer_number_in_range",
            ),
        ]
        indexes = [models.Index(fields=["officer", "question"])]

    def __str__(self) -> str:
        return "anonymous answer"
