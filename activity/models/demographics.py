"""Student demographics in the federal Civil Rights Data Collection (CRDC) categories.

The CRDC counts referrals to law enforcement and school-related arrests by
race/ethnicity (seven categories), sex, disability (IDEA, Section 504 only) and
English-learner status. Enrollment is stored in the same groups, so each group's
share of arrests can be set against its share of enrollment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class RaceEthnicity(models.TextChoices):
    HISPANIC = "hispanic", _("Hispanic or Latino of any race")
    AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "white", _("White")
    TWO_OR_MORE = "two_or_more", _("Two or more races")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    # CRDC 2021-22 added a nonbinary category where the state collects one.
    NONBINARY = "nonbinary", _("Nonbinary")


class Disability(models.TextChoices):
    IDEA = "idea", _("Students with disabilities (IDEA)")
    SECTION_504 = "section_504", _("Section 504 only")
    NONE = "none", _("No disability")


class EnglishLearner(models.TextChoices):
    EL = "el", _("English learner")
    NOT_EL = "not_el", _("Not an English learner")


class Grade(models.TextChoices):
    PK = "PK", _("Pre-kindergarten")
    KG = "KG", _("Kindergarten")
    G01 = "01", _("Grade 1")
    G02 = "02", _("Grade 2")
    G03 = "03", _("Grade 3")
    G04 = "04", _("Grade 4")
    G05 = "05", _("Grade 5")
    G06 = "06", _("Grade 6")
    G07 = "07", _("Grade 7")
    G08 = "08", _("Grade 8")
    G09 = "09", _("Grade 9")
    G10 = "10", _("Grade 10")
    G11 = "11", _("Grade 11")
    G12 = "12", _("Grade 12")
    UG = "UG", _("Ungraded")


class Dimension(models.TextChoices):
    """What an enrollment row counts; ``all`` is the school's whole enrollment."""

    ALL = "all", _("All students")
    RACE_ETHNICITY = "race_ethnicity", _("Race/ethnicity")
    SEX = "sex", _("Sex")
    DISABILITY = "disability", _("Disability")
    ENGLISH_LEARNER = "english_learner", _("English learner")


DIMENSION_GROUPS: dict[str, type[models.TextChoices]] = {
    Dimension.RACE_ETHNICITY: RaceEthnicity,
    Dimension.SEX: Sex,
    Dimension.DISABILITY: Disability,
    Dimension.ENGLISH_LEARNER: EnglishLearner,
}
ALL_GROUP = "all"


@dataclass(frozen=True)
class Group:
    dimension: str
    value: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.dimension}:{self.value}"


def groups() -> list[Group]:
    """Every reported group, dimension by dimension, in the CRDC order."""
    # The label as text in the active language: a packet snapshot stores it as JSON.
    return [
        Group(dimension, value, str(label))
        for dimension, choices in DIMENSION_GROUPS.items()
        for value, label in choices.choices
    ]


def group_values(dimension: str) -> list[str]:
    if dimension == Dimension.ALL:
        return [ALL_GROUP]
    return list(DIMENSION_GROUPS[dimension].values)
