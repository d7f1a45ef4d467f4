"""Survey templates, campaigns, access codes and anonymous responses.

The anonymity invariants of ARCHITECTURE.md shape these tables:

* ``Response`` and ``Answer`` hold no user, IP, user agent, code reference and no
  time (not even a day, which could be matched against server logs). Their keys
  are random UUIDs, so not even insertion order can be read from them.
* ``AccessCode`` stores only a keyed hash of the code and a ``spent`` flag; a spent
  code records nothing that points to the response it paid for.
* Nobody reads responses one by one: their querysets answer nothing through
  ``visible_to`` for any role, superusers included. Results are aggregates computed
  by ``surveys.selectors`` at read time.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from core.dates import today
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

# Every question has at least these languages; more may be added per question.
REQUIRED_LANGUAGES = ("en", "es")

question_code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$", "Use lower-case letters, digits and underscores, starting with a letter."
)


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


def _check_texts(value: object, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValidationError(f"{what} must map a language code to its text.")
    missing = [lang for lang in REQUIRED_LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        raise ValidationError(f"{what} needs a text in {', '.join(missing)}.")
    return value


class SurveyTemplateQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> SurveyTemplateQuerySet:
        return self.filter(district_id__in=scope.district_ids)


class SurveyTemplate(TimeStampedModel):
    """The questions one respondent group answers; a new version once a campaign uses it."""

    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, related_name="survey_templates"
    )
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    objects = SurveyTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["district", "group", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "group", "name", "version"],
                name="survey_template_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="survey_template_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_group_display()}, v{self.version})"


class Question(models.Model):
    """One question of a template. ``code`` is stable across versions and groups, so
    results for the same question can be compared over years and between groups."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=60, validators=[question_code_validator])
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    text = models.JSONField(help_text='Language code to text, e.g. {"en": "...", "es": "..."}.')
    # For single choice: [{"value": "daily", "text": {"en": ..., "es": ...}}, ...]
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"], name="question_code_unique_in_template"
            ),
            models.UniqueConstraint(
                fields=["template", "position"], name="question_position_unique_in_template"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text.get('en', '')}"

    def clean(self) -> None:
        _check_texts(self.text, "The question")
        if self.kind == QuestionKind.CHOICE:
            if not isinstance(self.choices, list) or len(self.choices) < 2:
                raise ValidationError(
                    {"choices": "A single-choice question needs at least two choices."}
                )
            values = []
            for choice in self.choices:
                if not isinstance(choice, dict) or not str(choice.get("value", "")).strip():
                    raise ValidationError({"choices": "Each choice needs a value and its texts."})
                _check_texts(choice.get("text"), f"Choice {choice.get('value')}")
                values.append(choice["value"])
            if len(set(values)) != len(values):
                raise ValidationError({"choices": "Two choices have the same value."})
        elif self.choices:
            raise ValidationError({"choices": "Only single-choice questions have choices."})

    def text_in(self, language: str) -> str:
        return self.text.get(language) or self.text["en"]

    def choice_values(self) -> list[str]:
        return [c["value"] for c in self.choices]


class CampaignQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> CampaignQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(schools__in=scope.school_ids)
            | Q(officers__agency_id__in=scope.agency_ids)
            | Q(officers__in=scope.officer_ids)
        ).distinct()


class Campaign(TimeStampedModel):
    """A round of surveys: which schools, officers and groups, open between two dates."""

    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, related_name="survey_campaigns"
    )
    period = models.ForeignKey(
        "roster.EvaluationPeriod", on_delete=models.PROTECT, related_name="survey_campaigns"
    )
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    schools = models.ManyToManyField("roster.School", related_name="survey_campaigns")
    officers = models.ManyToManyField("roster.Officer", related_name="survey_campaigns")
    # Response rates go up in steps of this many, fixed when the campaign is made:
    # steps of two sizes, read at two times, would intersect to an exact count.
    response_step = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(3)])

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="campaign_closes_after_it_opens"
            ),
            models.UniqueConstraint(
                fields=["district", "name"], name="campaign_name_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def status(self) -> str:
        """Not yet open, open, closed (results not released yet), or released."""
        if hasattr(self, "release"):
            return "released"
        day = today()
        if day < self.opens_on:
            return "not yet open"
        return "open" if day <= self.closes_on else "closed, not yet released"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "A campaign can't close before it opens."})
        if self.period_id and self.district_id and self.period.district_id != self.district_id:
            raise ValidationError({"period": "The period belongs to another district."})


class CampaignGroup(models.Model):
    """A respondent group a campaign asks, with the template version it uses."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="campaign_groups"
    )

    class Meta:
        ordering = ["campaign", "group"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "group"], name="campaign_group_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.get_group_display()}"

    def clean(self) -> None:
        if self.template_id and self.template.group != self.group:
            raise ValidationError(
                {"template": "The template is written for another respondent group."}
            )


class AccessCode(models.Model):
    """A single-use code, stored only as a keyed hash (see surveys/codes.py).

    On purpose there is no creation or spending time and no link to a response:
    ``spent`` is the only thing that changes, in the transaction that stores the
    response. The batch keeps issuing times and who printed them, not this row.
    """

    # Only two indexes (the code's hash, and campaign group + school): spending a
    # code changes no indexed column, so PostgreSQL can update the row in place
    # (a HOT update; the table keeps free space on each page for it, see
    # migration 0003) instead of writing a new entry into every index.
    campaign_group = models.ForeignKey(
        CampaignGroup, on_delete=models.CASCADE, related_name="codes", db_index=False
    )
    school = models.ForeignKey(
        "roster.School", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    batch = models.ForeignKey(
        "CodeBatch", on_delete=models.CASCADE, related_name="codes", db_index=False
    )
    code_hash = models.CharField(max_length=64, unique=True)
    spent = models.BooleanField(default=False)
    # Issued after the campaign opened (anonymity invariant 5): a reader who can
    # issue codes could otherwise answer with their own until a small group
    # crosses k and subtract themselves. Only on-time respondents count toward k.
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["campaign_group", "school"]
        indexes = [
            models.Index(fields=["campaign_group", "school"], name="surveys_code_group_school")
        ]

    def __str__(self) -> str:
        return f"code for {self.campaign_group} at {self.school_id}"


class CodeBatch(TimeStampedModel):
    """A printing of codes: who issued how many, for which group and school."""

    campaign_group = models.ForeignKey(
        CampaignGroup, on_delete=models.CASCADE, related_name="batches"
    )
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5000)])
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.count} codes for {self.campaign_group} at {self.school_id}"


class NoIndividualReads(models.QuerySet):
    """Invariant 4: no role reads an individual response, superusers included."""

    def visible_to(self, user) -> models.QuerySet:
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
