"""Who reads which scores: a panelist only their own; the coordinator and the agency's
supervisor the whole panel once every panelist has submitted; the officer nothing."""

from __future__ import annotations

import pytest

from hiring.home import home_tasks
from hiring.models import SelectionCriterion, SelectionDecision
from hiring.services.selections import (
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_decide,
)
from tests.factories.hiring import representative, selection_for
from tests.factories.roster import OfficerFactory, principal_of
from tests.hiring.conftest import seat_of

pytestmark = pytest.mark.django_db
API = "/api/v1/hiring/selections"


def _score(record, user, score: int, note: str, *, submit: bool, actor=None) -> None:
    seat = seat_of(record, user) if user is not None else seat_of(record, name="Rosa Delgado")
    entries = [
        ScoreEntry(c.pk, score, note)
        for c in SelectionCriterion.objects.filter(guideline_id=record.guideline_id)
    ]
    panel_scores_save(panelist=seat, scores=entries, actor=actor or user)
    if submit:
        panelist_submit(panelist=seat, actor=actor or user)


def test_panelists_cannot_see_each_others_scores_before_they_submit(
    record, principal, supervisor, client_for, api_for
) -> None:
    _score(record, principal, 2, "Principal Bell's private note", submit=False)
    _score(record, supervisor, 4, "Sergeant Miles' private note", submit=False)

    page = client_for(supervisor).get(f"/hiring/selections/{record.pk}/").content.decode()
    answer = api_for(supervisor).get(f"{API}/{record.pk}/").json()

    assert "Sergeant Miles&#x27; private note" in page
    assert "Principal Bell" not in page
    assert {s["note"] for s in answer["my_scores"]} == {"Sergeant Miles' private note"}
    assert answer["panel_scores"] is None
    assert "Principal Bell" not in str(answer)


def test_a_panelist_who_submitted_still_sees_only_their_own_scores(
    record, principal, supervisor, coordinator, api_for, client_for
) -> None:
    _score(record, principal, 2, "Principal Bell's note", submit=True)
    _score(record, supervisor, 4, "Sergeant Miles' note", submit=True)
    _score(record, None, 3, "Mrs Delgado's note", submit=True, actor=coordinator)
    selection_record_decide(
        record=record, decision=SelectionDecision.SELECTED, reason="Agreed.", actor=coordinator
    )

    answer = api_for(principal).get(f"{API}/{record.pk}/").json()
    page = client_for(principal).get(f"/hiring/selections/{record.pk}/").content.decode()

    assert answer["panel_scores"] is None
    assert answer["decision_reason"] is None
    assert "Sergeant Miles" not in str(answer)
    assert "Mrs Delgado" not in page
    assert "Sergeant Miles" not in page


def test_the_coordinator_sees_the_panel_only_once_every_panelist_submitted(
    record, principal, supervisor, coordinator, api_for
) -> None:
    client = api_for(coordinator)
    _score(record, principal, 2, "Principal Bell's note", submit=True)
    _score(record, supervisor, 4, "Sergeant Miles' note", submit=True)

    before = client.get(f"{API}/{record.pk}/").json()
    _score(record, None, 3, "Mrs Delgado's note", submit=True, actor=coordinator)
    after = client.get(f"{API}/{record.pk}/").json()

    assert before["panel_scores"] is None
    assert "Principal Bell's note" not in str(before)
    assert len(after["panel_scores"]) == 3
    weighted = {row["weighted"] for row in after["panel_scores"]}
    assert weighted == {2.0, 4.0, 3.0}
    assert after["panel_weighted"] == 3.0


def test_the_supervisor_of_the_agency_sees_the_complete_panel(
    record, principal, supervisor, coordinator, client_for
) -> None:
    _score(record, principal, 2, "Principal Bell's note", submit=True)
    _score(record, supervisor, 4, "Sergeant Miles' note", submit=True)
    _score(record, None, 3, "Mrs Delgado's note", submit=True, actor=coordinator)

    page = client_for(supervisor).get(f"/hiring/selections/{record.pk}/").content.decode()

    assert "Principal Bell&#x27;s note" in page
    assert "The panel's scores" in page


def test_the_officer_never_sees_a_selection_record_not_even_their_own(
    record, officer_user, client_for, api_for
) -> None:
    assert client_for(officer_user).get(f"/hiring/selections/{record.pk}/").status_code == 404
    assert api_for(officer_user).get(f"{API}/{record.pk}/").status_code in (403, 404)
    listing = client_for(officer_user).get("/hiring/selections/").content.decode()
    assert record.candidate.last_name not in listing


def test_a_principal_who_is_not_on_the_panel_gets_a_404(world, record, client_for) -> None:
    other_principal = principal_of(world.school, username="another-principal")
    seat_of(record, world.users["principal"]).delete()

    assert client_for(other_principal).get(f"/hiring/selections/{record.pk}/").status_code == 404


def test_the_list_runs_a_bounded_number_of_queries(
    world, guideline, coordinator, api_for, django_assert_max_num_queries
) -> None:
    for _ in range(8):
        record = selection_for(school=world.school, candidate=OfficerFactory(agency=world.agency))
        representative(record)
    client = api_for(coordinator)

    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/")

    assert response.json()["count"] == 8


def test_a_panelist_finds_their_unsubmitted_panel_on_the_home_list(
    record, principal, officer_user
) -> None:
    tasks = home_tasks(user=principal)

    assert [t["url"] for t in tasks] == [f"/hiring/selections/{record.pk}/"]
    assert home_tasks(user=officer_user) == []
