"""The district-wide contract functions the self-assessment reads (docs/contracts.md) run
the number of queries they promise, however many records the district has."""

from __future__ import annotations

import datetime

import pytest

from activity.contracts import complaint_outcomes_for_district, public_report_status_for_periods
from flags.contracts import removal_timeliness_for_district
from surveys.contracts import survey_coverage_for_district
from tests.factories.activity import ComplaintFactory
from tests.factories.surveys import make_campaign

pytestmark = pytest.mark.django_db


def test_each_contract_runs_its_fixed_number_of_queries(home, django_assert_num_queries) -> None:
    for _ in range(3):
        ComplaintFactory(school=home.school)
        make_campaign(period=home.period, schools=[home.school], officers=[home.officer])
    district, period = home.district.pk, home.period

    with django_assert_num_queries(2):
        reports = public_report_status_for_periods(
            district_id=district, period_ids=[period.pk, home.prior.pk]
        )
    with django_assert_num_queries(1):
        complaints = complaint_outcomes_for_district(
            district_id=district, start=period.start_date, end=period.end_date
        )
    with django_assert_num_queries(1):
        coverage = survey_coverage_for_district(district_id=district, period_id=period.pk)
    with django_assert_num_queries(1):
        removals = removal_timeliness_for_district(
            district_id=district,
            start=period.start_date,
            end=period.end_date,
            on=datetime.date(2026, 12, 1),
        )

    assert set(reports) == {period.pk, home.prior.pk}
    assert not reports[period.pk].published
    assert (complaints.received, complaints.open) == (3, 3)
    assert [(c.group, c.campaigns, c.released) for c in coverage] == [
        ("student", 3, 0),
        ("family", 3, 0),
        ("staff", 3, 0),
        ("peer", 3, 0),
    ]
    assert removals.filed == 0
