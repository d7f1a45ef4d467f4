"""The selection record on its pages and endpoints: opened, scored, decided."""

from __future__ import annotations

import pytest

from hiring.models import SelectionCriterion, SelectionRecord, SelectionStatus
from tests.factories.roster import coordinator_of
from tests.hiring.conftest import seat_of

pytestmark = pytest.mark.django_db
API = "/api/v1/hiring/selections"


def _scores_form(record, score: int = 3, prefix: str = "") -> dict[str, str]:
    form = {}
    for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id):
        form[f"{prefix}score_{c.pk}"] = str(score)
        form[f"{prefix}note_{c.pk}"] = "Seen in the interview."
    return form


def test_the_coordinator_opens_a_record_with_a_panel_of_three_on_the_page(
    world, guideline, coordinator, principal, supervisor, client_for
) -> None:
    response = client_for(coordinator).post(
        "/hiring/selections/new/",
        {
            "school": world.school.pk,
            "candidate": world.officer.pk,
            "panel": [principal.pk, supervisor.pk],
            "representative_1_name": "Rosa Delgado",
            "representative_1_kind": "family",
        },
    )

    record = SelectionRecord.objects.get()
    assert response.status_code == 302
    assert sorted(record.panelists.values_list("kind", flat=True)) == [
        "agency",
        "family",
        "school_staff",
    ]


def test_the_panel_scores_on_the_page_and_the_coordinator_decides(
    world, record, coordinator, principal, supervisor, client_for
) -> None:
    url = f"/hiring/selections/{record.pk}/scores/"
    client_for(principal).post(url, {**_scores_form(record, 4), "submit": "1"})
    client_for(supervisor).post(url, {**_scores_form(record, 3), "submit": "1"})
    rosa = seat_of(record, name="Rosa Delgado")
    client_for(coordinator).post(
        url,
        {**_scores_form(record, 3, prefix=f"p{rosa.pk}-"), "panelist_id": rosa.pk, "submit": "1"},
    )

    decided = client_for(coordinator).post(
        f"/hiring/selections/{record.pk}/decide/",
        {"decision": "selected", "reason": "The panel agreed."},
    )

    record.refresh_from_db()
    assert decided.status_code == 302
    assert record.status == SelectionStatus.DECIDED
    assert record.assignment.officer == world.officer
    page = client_for(coordinator).get(f"/hiring/selections/{record.pk}/").content.decode()
    assert "Assignment: " in page


def test_a_refused_decision_on_the_page_says_why_and_stores_nothing(
    record, coordinator, client_for
) -> None:
    client = client_for(coordinator)
    response = client.post(
        f"/hiring/selections/{record.pk}/decide/",
        {"decision": "selected", "reason": "Fine."},
        follow=True,
    )

    assert "Not every panelist has submitted" in response.content.decode()
    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN


def test_the_api_scores_submits_and_decides(
    world, record, coordinator, principal, supervisor, api_for
) -> None:
    criteria = SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    scores = [{"criterion": c.pk, "score": 3, "note": ""} for c in criteria]
    rosa = seat_of(record, name="Rosa Delgado")
    for user, extra in ((principal, {}), (supervisor, {}), (coordinator, {"panelist": rosa.pk})):
        answer = api_for(user).post(
            f"{API}/{record.pk}/scores/", {"scores": scores, "submit": True, **extra}, format="json"
        )
        assert answer.status_code == 200, answer.json()

    decided = api_for(coordinator).post(
        f"{API}/{record.pk}/decide/",
        {"decision": "not_selected", "reason": "Another candidate was stronger."},
        format="json",
    )

    assert decided.json()["status"] == "decided"
    assert decided.json()["assignment"] is None


def test_a_panelist_cannot_decide_through_the_api(record, principal, api_for) -> None:
    refused = api_for(principal).post(
        f"{API}/{record.pk}/decide/",
        {"decision": "selected", "reason": "I liked him.", "incomplete_panel_reason": "x"},
        format="json",
    )

    assert refused.status_code == 403
    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN


def test_the_api_opens_a_record(world, guideline, coordinator, principal, api_for) -> None:
    created = api_for(coordinator).post(
        f"{API}/create/",
        {
            "school": world.school.pk,
            "candidate": world.officer.pk,
            "panel_users": [principal.pk],
            "representatives": [{"name": "Jamal Ortiz", "kind": "student"}],
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    assert [p["kind"] for p in created.json()["panel"]] == ["school_staff", "student"]


def test_an_outsider_coordinator_gets_a_404(world, record, api_for, client_for) -> None:
    outsider = coordinator_of(world.other_district, username="the-outsider")

    assert api_for(outsider).get(f"{API}/{record.pk}/").status_code == 404
    assert client_for(outsider).get(f"/hiring/selections/{record.pk}/").status_code == 404
    refused = api_for(outsider).post(
        f"{API}/{record.pk}/decide/",
        {"decision": "selected", "reason": "x", "incomplete_panel_reason": "x"},
        format="json",
    )
    assert refused.status_code == 404
    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN
