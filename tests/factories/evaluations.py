"""Factories for rubrics and evaluations, and their out-of-scope builders."""

from __future__ import annotations

from decimal import Decimal

import factory

from evaluations.models import (
    Competency,
    Evaluation,
    EvaluationAttachment,
    ObservationNote,
    Rating,
    Rubric,
)
from evaluations.services.evaluations import evaluation_start, evaluation_update
from evaluations.services.rubrics import rubric_load_default
from tests.factories.roster import DistrictFactory, principal_of
from tests.scoping import out_of_scope


class RubricFactory(factory.django.DjangoModelFactory[Rubric]):
    class Meta:
        model = Rubric

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"rubric_{n}")
    version = 1
    name = factory.LazyAttribute(lambda o: f"Rubric {o.code}")


class CompetencyFactory(factory.django.DjangoModelFactory[Competency]):
    class Meta:
        model = Competency

    rubric = factory.SubFactory(RubricFactory)
    code = factory.Sequence(lambda n: f"competency_{n}")
    position = factory.Sequence(lambda n: n)
    name = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())
    description = "What the officer does."
    weight = Decimal("1.00")
    critical = False
    unsatisfactory = "Does not do it."
    developing = "Does it sometimes."
    proficient = "Does it reliably."
    exemplary = "Does it and teaches others."


def rubric_with(district, *specs: tuple[str, str, bool]) -> Rubric:
    """A rubric whose competencies are (code, weight, critical)."""
    rubric = RubricFactory(district=district)
    for code, weight, critical in specs:
        CompetencyFactory(rubric=rubric, code=code, weight=Decimal(weight), critical=critical)
    return rubric


def default_rubric(district) -> Rubric:
    return rubric_load_default(district=district)


def started_evaluation(*, officer, school, period, principal=None, rubric=None) -> Evaluation:
    """A draft started through the service, as a principal of ``school`` would."""
    principal = principal or principal_of(school)
    return evaluation_start(
        officer=officer,
        school=school,
        period=period,
        evaluator=principal,
        rubric=rubric or default_rubric(school.district),
    )


def all_levels(evaluation: Evaluation, level: int, **overrides: int) -> dict[str, dict]:
    """A ratings payload: every competency at ``level`` (code=level overrides), with evidence."""
    codes = evaluation.rubric.competencies.values_list("code", flat=True)
    return {
        code: {"level": overrides.get(code, level), "evidence": f"Seen on rounds: {code}."}
        for code in codes
    }


def rated(evaluation: Evaluation, actor, level: int = 3, **overrides: int) -> Evaluation:
    """The evaluation saved with every competency rated ``level`` (code=level overrides)."""
    evaluation.refresh_from_db()
    return evaluation_update(
        evaluation=evaluation,
        actor=actor,
        expected_version=evaluation.version,
        ratings=all_levels(evaluation, level, **overrides),
    )


class ObservationNoteFactory(factory.django.DjangoModelFactory[ObservationNote]):
    class Meta:
        model = ObservationNote

    text = "Talked a student down in the cafeteria."


def _other_evaluation(world) -> Evaluation:
    district = world.other_district
    school = world.other_school
    return started_evaluation(
        officer=world.other_officer,
        school=school,
        period=world.other_period,
        principal=principal_of(school, username="away-principal"),
        rubric=default_rubric(district),
    )


@out_of_scope(Rubric)
def _rubric(world):
    return default_rubric(world.other_district)


@out_of_scope(Competency)
def _competency(world):
    return default_rubric(world.other_district).competencies.first()


@out_of_scope(Evaluation)
def _evaluation(world):
    return _other_evaluation(world)


@out_of_scope(Rating)
def _rating(world):
    return world.outsider_object(Evaluation).ratings.first()


@out_of_scope(ObservationNote)
def _note(world):
    evaluation = world.outsider_object(Evaluation)
    return ObservationNoteFactory(evaluation=evaluation, observed_on=world.other_period.start_date)


@out_of_scope(EvaluationAttachment)
def _attachment(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluations.services.evaluation_evidence import evaluation_attachment_add

    evaluation = world.outsider_object(Evaluation)
    return evaluation_attachment_add(
        evaluation=evaluation,
        actor=evaluation.evaluator,
        upload=SimpleUploadedFile("notes.txt", b"Observed at arrival.", content_type="text/plain"),
    )
