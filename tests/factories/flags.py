"""Factories for flag rules, flags and removal requests, and their out-of-scope builders."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory
from django.utils import timezone

from activity.models import ActionType
from core.dates import today
from flags.models import Comparison, Flag, FlagRule, FlagSeverity, RemovalRequest
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from roster.models import MOU, Assignment
from tests.factories.activity import incident_with
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    UserFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
    user_of_officer,
)
from tests.scoping import out_of_scope


class FlagRuleFactory(factory.django.DjangoModelFactory[FlagRule]):
    class Meta:
        model = FlagRule

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"rule-{n}")
    name = factory.LazyAttribute(lambda o: f"Rule {o.code}")
    metric = "ordinary_discipline_actions"
    comparison = Comparison.AT_LEAST
    warning_threshold = Decimal("1")
    warning_severity = FlagSeverity.WATCH
    critical_threshold = Decimal("3")
    critical_severity = FlagSeverity.REVIEW


class FlagFactory(factory.django.DjangoModelFactory[Flag]):
    class Meta:
        model = Flag

    rule = factory.SubFactory(FlagRuleFactory)
    district = factory.LazyAttribute(lambda o: o.rule.district)
    officer = factory.SubFactory(OfficerFactory)
    period = factory.LazyAttribute(lambda o: EvaluationPeriodFactory(district=o.district))
    severity = FlagSeverity.WATCH
    value = Decimal("2")
    evidence = factory.LazyAttribute(
        lambda o: {"value": str(o.value), "rule": o.rule.snapshot(), "figures": {}}
    )
    raised_at = factory.LazyFunction(timezone.now)
    last_evaluated_at = factory.LazyFunction(timezone.now)


class RemovalRequestFactory(factory.django.DjangoModelFactory[RemovalRequest]):
    """A pending request for the officer's current assignment (build the assignment first)."""

    class Meta:
        model = RemovalRequest

    assignment = factory.LazyAttribute(
        lambda o: Assignment.objects.filter(officer=o.officer).first()
    )
    officer = factory.SubFactory(OfficerFactory)
    school = factory.LazyAttribute(lambda o: o.assignment.school)
    district = factory.LazyAttribute(lambda o: o.school.district)
    mou = factory.LazyAttribute(
        lambda o: MOU.objects.get(district=o.district, agency=o.officer.agency)
    )
    reason = "The officer arrested students for ordinary school discipline."
    filed_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyAttribute(
        lambda o: (
            timezone.localdate(o.submitted_at)
            + datetime.timedelta(days=o.mou.removal_response_days)
        )
    )


@dataclass
class RemovalSetting:
    district: object
    school: object
    other_school: object
    mou: object
    officer: object
    officer_elsewhere: object
    principal: object
    other_principal: object
    supervisor: object
    other_supervisor: object
    coordinator: object
    officer_user: object


def removal_setting() -> RemovalSetting:
    """A district with two schools, an MOU with a 45-day response window, and everyone involved."""
    district = DistrictFactory(code="RUSD")
    school = SchoolFactory(district=district, code="LHS", name="Lincoln High")
    other_school = SchoolFactory(district=district, code="WMS", name="Westview Middle")
    agency = AgencyFactory(code="MCPD")
    other_agency = AgencyFactory(code="HCSO")
    mou = MOUFactory(
        district=district,
        agency=agency,
        effective_date=datetime.date(2020, 7, 1),
        end_date=None,
        removal_response_days=45,
    )
    MOUFactory(
        district=district,
        agency=other_agency,
        effective_date=datetime.date(2020, 7, 1),
        end_date=None,
    )
    officer = OfficerFactory(agency=agency, first_name="Luis", last_name="Lee")
    # A name no other name in these tests contains, so pages can be searched for it.
    officer_elsewhere = OfficerFactory(agency=agency, first_name="Odalys", last_name="Vandermeer")
    AssignmentFactory(officer=officer, school=school, start_date=datetime.date(2020, 8, 1))
    AssignmentFactory(
        officer=officer_elsewhere, school=other_school, start_date=datetime.date(2020, 8, 1)
    )
    EvaluationPeriodFactory(
        district=district,
        name="2026-27",
        start_date=today() - datetime.timedelta(days=30),
        end_date=today() + datetime.timedelta(days=300),
    )
    return RemovalSetting(
        district=district,
        school=school,
        other_school=other_school,
        mou=mou,
        officer=officer,
        officer_elsewhere=officer_elsewhere,
        principal=principal_of(school, username="the-principal", email="principal@example.org"),
        other_principal=principal_of(
            other_school, username="other-principal", email="other@example.org"
        ),
        supervisor=supervisor_of(
            agency, district, username="the-supervisor", email="sergeant@example.org"
        ),
        other_supervisor=supervisor_of(
            other_agency, district, username="other-supervisor", email="hcso@example.org"
        ),
        coordinator=coordinator_of(
            district, username="the-coordinator", email="coordinator@example.org"
        ),
        officer_user=user_of_officer(
            officer, district, username="the-officer", email="officer@example.org"
        ),
    )


class OrdinaryDisciplineDistrict:
    """A district with the default rules; officers with N ordinary-discipline incidents."""

    def __init__(self, code: str = "RUSD") -> None:
        self.district = DistrictFactory(code=code)
        self.period = EvaluationPeriodFactory(
            district=self.district,
            name="2026-27",
            start_date=datetime.date(2026, 8, 1),
            end_date=datetime.date(2027, 7, 31),
        )
        self.school = SchoolFactory(district=self.district)
        self.agency = AgencyFactory()
        MOUFactory(
            district=self.district,
            agency=self.agency,
            effective_date=datetime.date(2024, 7, 1),
            end_date=None,
        )
        flags_install_defaults(district=self.district)
        self.coordinator = coordinator_of(self.district)

    def officer(self, ordinary: int = 0, other: int = 0):
        officer = OfficerFactory(agency=self.agency)
        AssignmentFactory(officer=officer, school=self.school, start_date=datetime.date(2024, 8, 1))
        self.add(officer, ordinary)
        for _ in range(other):
            incident_with(
                ActionType.WARNING,
                officer=officer,
                agency=self.agency,
                school=self.school,
                date=datetime.date(2026, 9, 1),
            )
        return officer

    def add(self, officer, ordinary: int) -> None:
        for _ in range(ordinary):
            incident_with(
                ActionType.CITATION,
                officer=officer,
                agency=self.agency,
                school=self.school,
                date=datetime.date(2026, 10, 1),
                ordinary_discipline=True,
            )

    def evaluate(self, on: datetime.date = datetime.date(2026, 11, 16)):
        return flags_evaluate_district(district=self.district, on=on)


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
