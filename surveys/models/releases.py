"""Released results: a closed campaign's counts and comments, stored raw and suppressed when read."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from surveys.models.campaigns import Campaign
from surveys.models.choices import MAX_TEXT_ANSWER, RespondentGroup
from surveys.models.responses import NoIndividualReads


class SurveyRelease(TimeStampedModel):
    """A campaign's results, released once it has closed: stored counts, never live.

    Anonymity invariant 3: every figure any role sees is read from releases, so
    nothing moves between two reads except when a release arrives, and a release
    adds whole groups of at least k respondents (see surveys/selectors/results.py).
    The counts are stored raw and suppressed when read, so a district that raises k
    or the comment minimum re-applies it to every release already made.
    """

    campaign = models.OneToOneField(Campaign, on_delete=models.PROTECT, related_name="release")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The district's k and comment minimum on the day of release: what is shown
    # later is never more than what these showed (a higher k only hides more).
    k = models.PositiveSmallIntegerField(validators=[MinValueValidator(3)])
    comment_min = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"results of {self.campaign}"


RESPONDENTS_CODE = "#"


class ReleasedCount(models.Model):
    """One count of a release: answers with one value to one question about one officer
    from one school and group (``question_code`` "#": respondents; no officer: the
    school's respondents in that group), split by whether the codes were late."""

    release = models.ForeignKey(SurveyRelease, on_delete=models.CASCADE, related_name="counts")
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        "roster.Officer", null=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    question_code = models.CharField(max_length=60)
    value = models.CharField(max_length=60, blank=True)
    late = models.BooleanField(default=False)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["release", "school", "officer", "group", "question_code", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "school", "officer", "group", "question_code", "value", "late"],
                name="released_count_unique",
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="released_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code}={self.value}: {self.count}"


class ReleasedComment(models.Model):
    """A free-text answer as released: shown only where its group reaches the comment minimum."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    release = models.ForeignKey(SurveyRelease, on_delete=models.CASCADE, related_name="comments")
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey("roster.Officer", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    text = models.TextField(max_length=MAX_TEXT_ANSWER)

    objects = NoIndividualReads.as_manager()

    class Meta:
        ordering = ["text"]

    def __str__(self) -> str:
        return "released comment"
