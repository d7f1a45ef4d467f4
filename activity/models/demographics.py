"""Student demographics in the federal Civil Rights Data Collection (CRDC) categories.

The CRDC counts referrals to law enforcement and school-related arrests by
race/ethnicity (seven categories), sex, disability (IDEA, Section 504 only) and
English-learner status. Enrollment is stored in the same groups, so each group's
share of arrests can be set against its share of enrollment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class RaceEthnicity(models.TextChoices):
    HISPANIC = "hispanic", "Hispanic or Latino of any race"
    AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
    ASIAN = "asian", "Asian"
    BLACK = "black", "Black or African American"
    PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Other Pacific Islander"
    WHITE = "white", "White"
    TWO_OR_MORE = "two_or_more", "Two or more races"


class Sex(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    # CRDC 2021-22 added a nonbinary category where the state collects one.
    NONBINARY = "nonbinary", "Nonbinary"


class Disability(models.TextChoices):
    IDEA = "idea", "Students with disabilities (IDEA)"
    SECTION_504 = "section_504", "Section 504 only"
    NONE = "none", "No disability"


class EnglishLearner(models.TextChoices):
    EL = "el", "English learner"
    NOT_EL = "not_el", "Not an English learner"


class Grade(models.TextChoices):
    PK = "PK", "Pre-kindergarten"
    KG = "KG", "Kindergarten"
    G01 = "01", "Grade 1"
    G02 = "02", "Grade 2"
    G03 = "03", "Grade 3"
    G04 = "04", "Grade 4"
    G05 = "05", "Grade 5"
    G06 = "06", "Grade 6"
    G07 = "07", "Grade 7"
    G08 = "08", "Grade 8"
    G09 = "09", "Grade 9"
    G10 = "10", "Grade 10"
    G11 = "11", "Grade 11"
    G12 = "12", "Grade 12"
    UG = "UG", "Ungraded"


class Dimension(models.TextChoices):
    """What an enrollment row counts; ``all`` is the school's whole enrollment."""

    ALL = "all", "All students"
    RACE_ETHNICITY = "race_ethnicity", "Race/ethnicity"
    SEX = "sex", "Sex"
    DISABILITY = "disability", "Disability"
    ENGLISH_LEARNER = "english_learner", "English learner"


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
    return [
        Group(dimension, value, label)
        for dimension, choices in DIMENSION_GROUPS.items()
        for value, label in choices.choices
    ]


def group_values(dimension: str) -> list[str]:
    if dimension == Dimension.ALL:
        return [ALL_GROUP]
    return list(DIMENSION_GROUPS[dimension].values)
