"""Factories for flag rules, flags and removal requests, and their out-of-scope builders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from evaluations.models import Comparison, Flag, FlagRule, FlagSeverity, RemovalRequest
from roster.models import MOU, Assignment
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    OfficerFactory,
    UserFactory,
)
from tests.scoping import out_of_scope


class FlagRuleFactory(factory.django.DjangoModelFactory[FlagRule]):
    class Meta:
        model = FlagRule

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"rule-{n}")
    name = factory.LazyAttribute(lambda o: f"Rule {o.code}")
    metric = "training_overdue_days"
    comparison = Comparison.ABOVE
    warning_threshold = Decimal("30")
    warning_severity = FlagSeverity.WATCH
    critical_threshold = Decimal("90")
    critical_severity = FlagSeverity.REVIEW


class FlagFactory(factory.django.DjangoModelFactory[Flag]):
    class Meta:
        model = Flag

    rule = factory.SubFactory(FlagRuleFactory)
    district = factory.LazyAttribute(lambda o: o.rule.district)
    officer = factory.SubFactory(OfficerFactory)
    period = factory.LazyAttribute(lambda o: EvaluationPeriodFactory(district=o.district))
    severity = FlagSeverity.WATCH
    value = Decimal("45")
    evidence = factory.LazyAttribute(lambda o: {"value": str(o.value), "rule": o.rule.snapshot(), "figures": {}})
    raised_at = factory.LazyFunction(timezone.now)
    last_evaluated_at = factory.LazyFunction(timezone.now)


class RemovalRequestFactory(factory.django.DjangoModelFactory[RemovalRequest]):
    """A pending request for the officer's current assignment (build the assignment first)."""

    class Meta:
        model = RemovalRequest

    assignment = factory.LazyAttribute(lambda o: Assignment.objects.filter(officer=o.officer).first())
    officer = factory.SubFactory(OfficerFactory)
    school = factory.LazyAttribute(lambda o: o.assignment.school)
    district = factory.LazyAttribute(lambda o: o.school.district)
    mou = factory.LazyAttribute(lambda o: MOU.objects.get(district=o.district, agency=o.officer.agency))
    reason = "The officer arrested students for ordinary school discipline."
    filed_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyAttribute(
        lambda o: timezone.localdate(o.submitted_at) + datetime.timedelta(days=o.mou.removal_response_days)
    )


@out_of_scope(FlagRule)
def _flag_rule(world):
    return FlagRuleFactory(district=world.other_district)


@out_of_scope(Flag)
def _flag(world):
    rule = FlagRuleFactory(district=world.other_district)
    return FlagFactory(rule=rule, officer=world.other_officer, period=world.other_period)


@out_of_scope(RemovalRequest)
def _removal_request(world):
    return RemovalRequestFactory(officer=world.other_officer)
