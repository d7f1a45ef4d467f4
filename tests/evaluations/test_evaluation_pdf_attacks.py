"""Red team of the printable evaluation: at every step of the workflow, every user —
each home role, their neighbours and the other district — downloads the PDF exactly
when they may open the evaluation's page, and the PDF holds nothing the page hides."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.models import Evaluation
from evaluations.services.signatures import (
    evaluation_acknowledge,
    evaluation_return,
    evaluation_review,
    evaluation_submit,
)
from tests.factories.evaluations import rated
from tests.factories.roster import (
    OfficerFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
    user_of_officer,
)

pytestmark = pytest.mark.django_db


def _readers(world) -> dict[str, object]:
    next_door = world.next_door()
    return {
        "coordinator": world.users["coordinator"],
        "principal": world.users["principal"],
        "supervisor": world.users["supervisor"],
        "officer": world.users["officer"],
        "principal next door": principal_of(next_door.next_school),
        "supervisor next door": supervisor_of(next_door.next_agency, world.district),
        "officer next door": user_of_officer(next_door.next_officer, world.district),
        "another officer of the agency": user_of_officer(
            OfficerFactory(agency=world.agency), world.district
        ),
        "coordinator of the other district": coordinator_of(world.other_district),
        "principal of the other district": principal_of(world.other_school),
        "supervisor of the other district": supervisor_of(world.other_agency, world.other_district),
    }


def _at_step(step: str, draft: Evaluation, world) -> Evaluation:
    principal, supervisor = world.users["principal"], world.users["supervisor"]
    if step == "draft":
        return draft
    rated(draft, principal, level=3)
    evaluation = evaluation_submit(evaluation=draft, actor=principal)
    if step == "returned":
        return evaluation_return(evaluation=evaluation, actor=supervisor, reason="Add evidence.")
    if step == "submitted":
        return evaluation
    evaluation = evaluation_review(evaluation=evaluation, actor=supervisor)
    if step == "reviewed":
        return evaluation
    return evaluation_acknowledge(
        evaluation=evaluation, actor=world.users["officer"], agrees=True, response=""
    )


@pytest.mark.parametrize("step", ["draft", "submitted", "returned", "reviewed", "acknowledged"])
def test_the_pdf_answers_exactly_whoever_opens_the_page(client_for, draft, world, step) -> None:
    evaluation = _at_step(step, draft, world)
    page_url = reverse("evaluation-detail", args=[evaluation.pk])
    pdf_url = reverse("evaluation-pdf", args=[evaluation.pk])

    downloaded = set()
    for who, user in _readers(world).items():
        client = client_for(user)
        page, pdf = client.get(page_url), client.get(pdf_url)
        assert page.status_code in (200, 404), (who, page.status_code)
        assert pdf.status_code == page.status_code, (who, step, page.status_code, pdf.status_code)
        if pdf.status_code == 200:
            assert pdf.content.startswith(b"%PDF"), who
            downloaded.add(who)

    # The evaluating principal and the coordinator print at every step; no outsider does.
    assert {"principal", "coordinator"} <= downloaded
    assert not {who for who in downloaded if "next door" in who or "other" in who}
