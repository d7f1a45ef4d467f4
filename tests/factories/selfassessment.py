"""Factories for SECURe self-assessments, and their out-of-scope builder."""

from __future__ import annotations

import factory

from selfassessment.checklist import DEFAULT_CHECKLIST, checklist_load
from selfassessment.models import SelfAssessment, SelfAssessmentAnswer
from tests.factories.roster import EvaluationPeriodFactory
from tests.scoping import out_of_scope


class SelfAssessmentFactory(factory.django.DjangoModelFactory[SelfAssessment]):
    class Meta:
        model = SelfAssessment

    period = factory.SubFactory(EvaluationPeriodFactory)
    district = factory.SelfAttribute("period.district")
    checklist = factory.LazyFunction(lambda: checklist_load(DEFAULT_CHECKLIST).label)


class SelfAssessmentAnswerFactory(factory.django.DjangoModelFactory[SelfAssessmentAnswer]):
    class Meta:
        model = SelfAssessmentAnswer

    assessment = factory.SubFactory(SelfAssessmentFactory)
    item = "s1-partners-named"
    answer = "yes"
    note = "Named in the partnership letter."


@out_of_scope(SelfAssessment)
def _self_assessment(world):
    return SelfAssessmentFactory(period=world.other_period)
