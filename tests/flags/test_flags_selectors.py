"""The contract packets read (docs/contracts.md): many officers, a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from flags.models import FlagSeverity
from flags.selectors.flags import FlagSummary, flags_for_officers
from flags.selectors.removals import RemovalRequestSummary, removal_requests_for_officers
from flags.services.removals import removal_request_decide, removal_request_file
from roster.models import EvaluationPeriod
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalSetting, removal_setting
from tests.factories.roster import AssignmentFactory, EvaluationPeriodFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def s() -> RemovalSetting:
    return removal_setting()


def test_flags_for_officers_lists_each_officers_flags_most_severe_first(
    s, django_assert_num_queries
) -> None:
    period = EvaluationPeriod.objects.get(district=s.district)
    earlier = EvaluationPeriodFactory(
        district=s.district,
        name="2019-20",
        start_date=datetime.date(2019, 8, 1),
        end_date=datetime.date(2020, 7, 31),
    )
    watch = FlagFactory(
        rule=FlagRuleFactory(district=s.district),
        officer=s.officer,
        period=period,
        severity=FlagSeverity.WATCH,
    )
    removal = FlagFactory(
        rule=FlagRuleFactory(district=s.district),
        officer=s.officer,
        period=period,
        severity=FlagSeverity.REMOVAL,
        value=Decimal("3"),
    )
    FlagFactory(rule=watch.rule, officer=s.officer, period=earlier)
    others = [OfficerFactory(agency=s.officer.agency) for _ in range(30)]
    for officer in others:
        FlagFactory(rule=watch.rule, officer=officer, period=period)
    ids = [s.officer.pk, s.officer_elsewhere.pk, *(o.pk for o in others)]
    with django_assert_num_queries(1):
        result = flags_for_officers(officer_ids=ids, period=period)
    assert [f.id for f in result[s.officer.pk]] == [removal.pk, watch.pk]
    assert result[s.officer_elsewhere.pk] == []
    summary = result[s.officer.pk][0]
    assert isinstance(summary, FlagSummary)
    assert summary.severity_label == "Removal recommended"
    assert summary.value == Decimal("3.00")
    with pytest.raises(AttributeError):
        summary.severity = "watch"


def test_removal_requests_for_officers_reads_the_period_in_two_queries(
    s, django_assert_num_queries
) -> None:
    period = EvaluationPeriod.objects.get(district=s.district)
    flag = FlagFactory(rule=FlagRuleFactory(district=s.district), officer=s.officer, period=period)
    request = removal_request_file(
        officer=s.officer,
        school=s.school,
        filed_by=s.principal,
        reason="Arrests.",
        cited_flag_ids=[flag.pk],
    )
    removal_request_decide(
        request=request, actor=s.supervisor, granted=False, reasons="Policy followed."
    )
    others = []
    for _ in range(10):
        officer = OfficerFactory(agency=s.officer.agency)
        AssignmentFactory(officer=officer, school=s.school, start_date=datetime.date(2020, 8, 1))
        removal_request_file(officer=officer, school=s.school, filed_by=s.principal, reason="x")
        others.append(officer)
    with django_assert_num_queries(2):
        result = removal_requests_for_officers(
            officer_ids=[s.officer.pk, *(o.pk for o in others)], period=period
        )
    [summary] = result[s.officer.pk]
    assert isinstance(summary, RemovalRequestSummary)
    assert summary.status == "denied"
    assert summary.cited_flag_ids == (flag.pk,)
    assert summary.decision_reasons == "Policy followed."
    assert not summary.is_pending
    assert all(len(result[o.pk]) == 1 for o in others)
    earlier = EvaluationPeriodFactory(
        district=s.district,
        name="2019-20",
        start_date=datetime.date(2019, 8, 1),
        end_date=datetime.date(2020, 7, 31),
    )
    assert removal_requests_for_officers(officer_ids=[s.officer.pk], period=earlier) == {
        s.officer.pk: []
    }
