"""The evaluation rules fire at their thresholds and not just below (hand-checked ratings)."""

from __future__ import annotations

import datetime

import pytest

from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_submit
from flags.models import Flag, FlagSeverity
from flags.services.flags import flags_evaluate_district
from flags.services.rules import flags_install_defaults
from tests.factories.evaluations import all_levels, rubric_with, started_evaluation
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    principal_of,
)

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 16)


class District:
    def __init__(self) -> None:
        self.district = DistrictFactory(code="RUSD")
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
        self.principal = principal_of(self.school)
        flags_install_defaults(district=self.district)

    def evaluated(self, rubric, level: int, *, submit: bool = True, **overrides: int):
        """An officer with one evaluation rating every competency ``level`` (``code=level`` overrides)."""
        officer = OfficerFactory(agency=self.agency)
        AssignmentFactory(officer=officer, school=self.school, start_date=datetime.date(2024, 8, 1))
        evaluation = started_evaluation(
            officer=officer,
            school=self.school,
            period=self.period,
            principal=self.principal,
            rubric=rubric,
        )
        evaluation = evaluation_update(
            evaluation=evaluation,
            actor=self.principal,
            expected_version=evaluation.version,
            ratings=all_levels(evaluation, level, **overrides),
        )
        if submit:
            evaluation_submit(evaluation=evaluation, actor=self.principal)
        return officer

    def evaluate(self, code: str) -> dict[int, str]:
        flags_evaluate_district(district=self.district, on=ON)
        return dict(Flag.objects.filter(rule__code=code).values_list("officer_id", "severity"))


@pytest.fixture
def d() -> District:
    return District()


def test_a_critical_competency_rated_unsatisfactory_fires_at_one_and_two(d) -> None:
    rubric = rubric_with(
        d.district,
        ("de_escalation", "2", True),
        ("alternatives", "2", True),
        ("communication", "1", False),
    )
    none = d.evaluated(rubric, 3, communication=1)
    one = d.evaluated(rubric, 3, de_escalation=1)
    two = d.evaluated(rubric, 3, de_escalation=1, alternatives=1)
    draft = d.evaluated(rubric, 3, de_escalation=1, submit=False)
    flags = d.evaluate("critical-unsatisfactory")
    assert flags == {one.pk: FlagSeverity.REVIEW, two.pk: FlagSeverity.REMOVAL}
    assert none.pk not in flags
    assert draft.pk not in flags, "a draft's ratings can still change"
    [record] = Flag.objects.get(officer=one, rule__code="critical-unsatisfactory").evidence[
        "records"
    ]
    assert record["url"].startswith("/evaluations/")


def test_the_overall_rating_fires_at_or_below_two_and_one(d) -> None:
    rubric = rubric_with(d.district, ("a", "1", False), ("b", "1", False), ("c", "1", False))
    at_3 = d.evaluated(rubric, 3, c=2)  # mean 2.67 rounds to 3
    at_2 = d.evaluated(rubric, 2, c=3)  # mean 2.33 rounds to 2
    at_1 = d.evaluated(rubric, 1)
    assert d.evaluate("overall-rating") == {
        at_2.pk: FlagSeverity.WATCH,
        at_1.pk: FlagSeverity.REVIEW,
    }
    assert at_3.pk not in dict(Flag.objects.values_list("officer_id", "severity"))
