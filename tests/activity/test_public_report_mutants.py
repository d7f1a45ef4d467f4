"""Public report guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import pytest

from activity.selectors.public_report import public_report
from roster.models import School
from tests.factories.activity import enrollment_of, incident_with
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def _district_with_arrests(code: str, arrests: dict[str, int]):
    district = DistrictFactory(code=code, name=f"District {code}")
    period = EvaluationPeriodFactory(district=district)
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    schools = {}
    for name, count in arrests.items():
        schools[name] = SchoolFactory(district=district, code=name.upper(), name=f"{name} School")
        for _ in range(count):
            incident_with("arrest", officer=officer, school=schools[name])
    return district, period, schools


def test_a_rate_hidden_with_its_count_is_read_out_as_suppressed_in_the_charts_text() -> None:
    """Alpha's 3 arrests are hidden, so is its arrests-per-1,000 rate; the chart's text
    (what a screen reader reads) must say why there is no bar, as the table does."""
    district, period, _ = _district_with_arrests("CHT", {"Alpha": 3, "Beta": 20, "Gamma": 30})

    report = public_report(district=district, period=period)

    chart = next(c for c in report.charts if c.slug == "arrests-per-1000")
    alpha = next(bar for bar in chart.bars if bar.label == "Alpha School")
    assert (alpha.value, alpha.text) == (None, "suppressed (small count)")
    assert "Alpha School: suppressed (small count)" in chart.description


def test_a_schools_enrollment_is_shown_when_known_and_a_dash_when_not() -> None:
    """Beta's enrollment for the period is on file; Alpha has neither that nor a figure
    of its own, and is shown as unknown, not as 0 or "None"."""
    district, period, schools = _district_with_arrests("ENR", {"Alpha": 12, "Beta": 20})
    School.objects.filter(pk=schools["Alpha"].pk).update(enrollment=None)
    enrollment_of(schools["Beta"], period, {"all": 850})

    report = public_report(district=district, period=period)

    rates = next(t for t in report.tables if t.slug == "rates")
    enrollment = {row.label: row.cells[0].text for row in rates.rows}
    assert enrollment["Alpha School"] == "\N{EM DASH}"
    assert enrollment["Beta School"] == "850"
