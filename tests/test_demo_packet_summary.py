"""The demo officer's packet reads as a year over year summary: the demo holds a prior
period with evaluations, released surveys, training and activity."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from packets.models import PacketVersion
from roster.models import EvaluationPeriod

pytestmark = pytest.mark.django_db


def test_the_demo_officers_packet_shows_the_prior_period_and_its_trends() -> None:
    call_command("demo", "--no-serve")
    current, prior = EvaluationPeriod.objects.order_by("-start_date")[:2]
    version = PacketVersion.objects.get(
        packet__officer__badge_number="4113", packet__period=current
    )
    summary = version.snapshot["summary"]

    assert summary["headline"]["rating_label"] == "Developing"
    assert summary["comparisons"]["columns"][-1] == "Prior period"
    assert prior.name in summary["comparisons"]["title"]
    prior_figures = {row[0]: row[3] for row in summary["comparisons"]["rows"]}
    assert prior_figures["Rubric score (1-4)"] is not None
    assert prior_figures["Survey: % favourable (mean over groups' questions)"] is not None
    trends = {chart["key"]: chart for chart in summary["trends"]}
    assert {"trend_rubric_score", "trend_survey_favourable", "trend_arrests_per_1000"} <= set(
        trends
    )
    assert trends["trend_rubric_score"]["labels"] == [prior.name, current.name]
