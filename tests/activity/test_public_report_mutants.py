"""Public report guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import pytest

from activity.selectors.public_report import public_report
from tests.factories.activity import incident_with
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db


def test_a_rate_hidden_with_its_count_is_read_out_as_suppressed_in_the_charts_text() -> None:
    """Alpha's 3 arrests are hidden, so is its arrests-per-1,000 rate; the chart's text
    (what a screen reader reads) must say why there is no bar, as the table does."""
    district = DistrictFactory(code="CHT", name="District CHT")
    period = EvaluationPeriodFactory(district=district)
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    for name, arrests in (("Alpha", 3), ("Beta", 20), ("Gamma", 30)):
        school = SchoolFactory(district=district, code=name.upper(), name=f"{name} School")
        for _ in range(arrests):
            incident_with("arrest", officer=officer, school=school)

    report = public_report(district=district, period=period)

    chart = next(c for c in report.charts if c.slug == "arrests-per-1000")
    alpha = next(bar for bar in chart.bars if bar.label == "Alpha School")
    assert (alpha.value, alpha.text) == (None, "suppressed (small count)")
    assert "Alpha School: suppressed (small count)" in chart.description
