"""The demo district's self-assessment: every step has an item answered from evidence,
each link opens for the coordinator, last year's is completed, and the comparison
and the PDF work on the full demo data."""

from __future__ import annotations

import subprocess

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from roster.models import EvaluationPeriod
from selfassessment.checklist import STEP_TITLES
from selfassessment.models import SelfAssessment
from selfassessment.sheet import sheet_for

pytestmark = pytest.mark.django_db


def test_the_demo_answers_every_step_from_evidence_with_links_that_open(client_for) -> None:
    call_command("demo", "--no-serve")
    current, prior = EvaluationPeriod.objects.order_by("-start_date")[:2]
    assessment = SelfAssessment.objects.get(period=current)
    client = client_for(User.objects.get(username="coordinator"))

    from_evidence = [i for i in sheet_for(assessment)["items"] if i["source"] == "evidence"]

    assert {i["step"] for i in from_evidence} == set(STEP_TITLES)
    for item in from_evidence:
        assert item["answer"] in {"yes", "partly", "no"}
        assert item["detail"]
        assert client.get(item["url"]).status_code == 200, item
    earlier = SelfAssessment.objects.get(period=prior)
    assert earlier.completed_on is not None
    assert assessment.answers.exists()
    compare = client.get(f"/self-assessment/{assessment.pk}/compare/").content.decode()
    assert f"Year over year: {current.name} and {prior.name}" in compare
    pdf = client.get(f"/self-assessment/{assessment.pk}/summary.pdf").content
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Step 4. Keep SROs and school personnel well trained" in " ".join(text.split())
