"""Factories for the MOU record (versions, clauses, reviews, comments), and out-of-scope builders."""

from __future__ import annotations

import datetime

import factory

from agreements.models import (
    Clause,
    MOUClause,
    MOUReview,
    MOUVersion,
    ParticipantKind,
    PublicComment,
    ReviewParticipant,
)
from roster.models import MOU
from tests.factories.roster import MOUFactory
from tests.scoping import out_of_scope


class MOUVersionFactory(factory.django.DjangoModelFactory[MOUVersion]):
    class Meta:
        model = MOUVersion

    mou = factory.SubFactory(MOUFactory)
    number = factory.Sequence(lambda n: n + 1)
    adopted_on = datetime.date(2024, 7, 1)
    text = "The district and the agency agree as follows."


def worded_version(*, mou: MOU, number: int = 1, **fields: object) -> MOUVersion:
    """A version with every clause worded in English and Spanish."""
    version = MOUVersionFactory(mou=mou, number=number, **fields)
    MOUClause.objects.bulk_create(
        MOUClause(
            version=version,
            clause=clause,
            text_en=f"{label}: the parties agree.",
            text_es=f"{label}: las partes acuerdan.",
        )
        for clause, label in Clause.choices
    )
    return version


class MOUReviewFactory(factory.django.DjangoModelFactory[MOUReview]):
    class Meta:
        model = MOUReview

    mou = factory.SubFactory(MOUFactory)
    due_date = datetime.date(2027, 5, 1)


class ReviewParticipantFactory(factory.django.DjangoModelFactory[ReviewParticipant]):
    class Meta:
        model = ReviewParticipant

    review = factory.SubFactory(MOUReviewFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    kind = ParticipantKind.COMMUNITY


class PublicCommentFactory(factory.django.DjangoModelFactory[PublicComment]):
    class Meta:
        model = PublicComment

    review = factory.SubFactory(MOUReviewFactory)
    language = "en"
    text = "Please keep officers out of classroom discipline."


def _other_mou(world) -> MOU:
    return MOU.objects.filter(district=world.other_district, agency=world.other_agency).first()


@out_of_scope(MOUVersion)
def _mou_version(world):
    return worded_version(mou=_other_mou(world), number=90)


@out_of_scope(MOUReview)
def _mou_review(world):
    return MOUReviewFactory(mou=_other_mou(world))
