"""Survey templates and their questions, with texts in every required language."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import FormOfAddress
from roster.scoping import Scope
from surveys.models.choices import Language, ProtectedArea, QuestionKind, RespondentGroup

# Every question has at least these languages; more may be added per question.
REQUIRED_LANGUAGES = ("en", "es")

# A language that marks the officer's gender (Spanish: "el oficial" / "la oficial") may
# hold variants beside its neutral text, keyed "<language>-<suffix>" ("es-f", "es-m").
# The neutral text stays required: it is what an officer whose form of address nobody
# chose reads, and what results and exports show.
VARIANT_SUFFIXES: dict[str, str] = {FormOfAddress.FEMININE: "f", FormOfAddress.MASCULINE: "m"}
LANGUAGE_KEY = re.compile(r"^[a-z]{2,3}$")

question_code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$", "Use lower-case letters, digits and underscores, starting with a letter."
)


def _check_variant(key: str, value: dict, what: str) -> None:
    language, _, suffix = key.partition("-")
    if suffix not in VARIANT_SUFFIXES.values():
        raise ValidationError(
            f"{what} has a text under {key!r}: use a language code (en, es), or a language "
            "code with -f or -m for the text about a woman or a man officer (es-f, es-m)."
        )
    if language not in Language.values:
        raise ValidationError(
            f"{what} has a variant {key!r} for an unknown language: "
            f"variants are for {', '.join(Language.values)}."
        )
    if not str(value.get(language, "")).strip():
        raise ValidationError(
            f"{what} has a variant {key!r} but no neutral text in {language}: "
            "the neutral text is always needed."
        )


def _check_texts(value: object, what: str, *, variants: bool = True) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValidationError(f"{what} must map a language code to its text.")
    missing = [lang for lang in REQUIRED_LANGUAGES if not str(value.get(lang, "")).strip()]
    if missing:
        raise ValidationError(f"{what} needs a text in {', '.join(missing)}.")
    for key, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(f"{what} has an empty text under {key!r}.")
        if LANGUAGE_KEY.match(str(key)):
            continue
        if not variants:
            raise ValidationError(
                f"{what} has a text under {key!r}: only language codes (en, es) here."
            )
        _check_variant(str(key), value, what)
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
    # The PPRA areas the question touches (values of ProtectedArea); a student campaign
    # with any tagged question needs its parents' notice before it opens.
    protected_areas = models.JSONField(default=list, blank=True)

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
        self._check_protected_areas()
        if self.kind == QuestionKind.CHOICE:
            if not isinstance(self.choices, list) or len(self.choices) < 2:
                raise ValidationError(
                    {"choices": "A single-choice question needs at least two choices."}
                )
            values = []
            for choice in self.choices:
                if not isinstance(choice, dict) or not str(choice.get("value", "")).strip():
                    raise ValidationError({"choices": "Each choice needs a value and its texts."})
                _check_texts(choice.get("text"), f"Choice {choice.get('value')}", variants=False)
                values.append(choice["value"])
            if len(set(values)) != len(values):
                raise ValidationError({"choices": "Two choices have the same value."})
        elif self.choices:
            raise ValidationError({"choices": "Only single-choice questions have choices."})

    def _check_protected_areas(self) -> None:
        areas = self.protected_areas
        if not isinstance(areas, list) or not all(isinstance(a, str) for a in areas):
            raise ValidationError({"protected_areas": "List the protected areas by their codes."})
        unknown = sorted(set(areas) - set(ProtectedArea.values))
        if unknown:
            raise ValidationError(
                {
                    "protected_areas": f"Unknown protected area {', '.join(unknown)}: "
                    f"use {', '.join(ProtectedArea.values)}."
                }
            )
        if len(set(areas)) != len(areas):
            raise ValidationError({"protected_areas": "A protected area is listed twice."})

    def text_in(self, language: str) -> str:
        """The neutral text in ``language``, else English."""
        return self.text.get(language) or self.text["en"]

    def text_for(self, language: str, form_of_address: str = FormOfAddress.NEUTRAL) -> str:
        """The text a respondent reads about one officer: the variant agreeing with the
        officer's form of address (``roster.FormOfAddress``) where the language has one,
        else the neutral text, else English. ``language`` may carry a region (es-MX)."""
        language = language.split("-")[0].lower()
        suffix = VARIANT_SUFFIXES.get(form_of_address)
        if suffix is not None:
            variant = self.text.get(f"{language}-{suffix}")
            if variant:
                return variant
        return self.text_in(language)

    def choice_values(self) -> list[str]:
        return [c["value"] for c in self.choices]
