"""Red team of the sealed panel scores: every role attacks with exactly its own access,
through the real pages and API, trying to read or write another panelist's scores."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from core.models import AuditEvent
from hiring.models import PanelScore, SelectionCriterion, SelectionStatus
from hiring.services.selections import (
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_decide,
)
from tests.factories.roster import AgencyFactory, MOUFactory, coordinator_of, supervisor_of
from tests.hiring.conftest import seat_of

pytestmark = pytest.mark.django_db
API = "/api/v1/hiring/selections"
MILES_NOTE = "Sergeant Miles thinks the candidate rushes"


def _criteria(record) -> list[SelectionCriterion]:
    return list(SelectionCriterion.objects.filter(guideline_id=record.guideline_id))


def _score(record, seat, score: int, note: str, *, actor, submit: bool) -> None:
    entries = [ScoreEntry(c.pk, score, note) for c in _criteria(record)]
    panel_scores_save(panelist=seat, scores=entries, actor=actor)
    if submit:
        panelist_submit(panelist=seat, actor=actor)


def _form(record, score: int, note: str, prefix: str = "") -> dict[str, object]:
    data: dict[str, object] = {}
    for c in _criteria(record):
        data[f"{prefix}score_{c.pk}"] = score
        data[f"{prefix}note_{c.pk}"] = note
    return data


def _api_scores(record, score: int, note: str) -> list[dict[str, object]]:
    return [{"criterion": c.pk, "score": score, "note": note} for c in _criteria(record)]


def _stored(record) -> tuple:
    rows = PanelScore.objects.filter(panelist__record=record).order_by("panelist", "criterion")
    return (
        [(r.panelist_id, r.criterion_id, r.score, r.note) for r in rows],
        list(record.panelists.order_by("pk").values_list("submitted_at", "entered_by")),
        AuditEvent.objects.count(),
    )


def test_a_panelist_cannot_write_another_panelists_scores_by_their_id(
    record, principal, supervisor, client_for, api_for
) -> None:
    _score(record, seat_of(record, supervisor), 4, MILES_NOTE, actor=supervisor, submit=False)
    before = _stored(record)
    url = f"/hiring/selections/{record.pk}/scores/"

    for seat in (seat_of(record, supervisor), seat_of(record, name="Rosa Delgado")):
        page = client_for(principal).post(
            url, {**_form(record, 1, "Bell's overwrite", f"p{seat.pk}-"), "panelist_id": seat.pk}
        )
        api = api_for(principal).post(
            f"{API}/{record.pk}/scores/",
            {"panelist": seat.pk, "scores": _api_scores(record, 1, "x"), "submit": True},
            format="json",
        )
        assert (page.status_code, api.status_code) == (404, 404)
        assert MILES_NOTE not in page.content.decode() + json.dumps(api.json())

    assert _stored(record) == before


def test_a_manager_on_the_panel_neither_reads_nor_writes_the_representatives_sheet_before_sealing(
    record, principal, supervisor, coordinator, client_for, api_for
) -> None:
    rosa = seat_of(record, name="Rosa Delgado")
    _score(record, rosa, 2, "Mrs Delgado wants a calmer officer", actor=coordinator, submit=False)
    before = _stored(record)

    page = client_for(supervisor).get(f"/hiring/selections/{record.pk}/").content.decode()
    detail = json.dumps(api_for(supervisor).get(f"{API}/{record.pk}/").json())
    write = api_for(supervisor).post(
        f"{API}/{record.pk}/scores/",
        {"panelist": rosa.pk, "scores": _api_scores(record, 4, "Miles' version")},
        format="json",
    )

    assert "Mrs Delgado wants" not in page
    assert "Mrs Delgado wants" not in detail
    assert write.status_code == 404
    assert _stored(record) == before


def test_sealed_scores_do_not_change_and_a_second_submit_is_refused(
    record, principal, client_for, api_for
) -> None:
    seat = seat_of(record, principal)
    _score(record, seat, 3, "Principal Bell's note", actor=principal, submit=True)
    before = _stored(record)

    again = api_for(principal).post(
        f"{API}/{record.pk}/scores/",
        {"scores": _api_scores(record, 1, "Changed my mind"), "submit": True},
        format="json",
    )
    page = client_for(principal).post(
        f"/hiring/selections/{record.pk}/scores/",
        {**_form(record, 1, "Changed my mind"), "submit": "1"},
        follow=True,
    )

    assert again.status_code == 409
    assert "sealed" in again.json()["detail"]
    assert "sealed" in page.content.decode()
    assert _stored(record) == before


def test_scores_posted_from_a_stale_tab_after_the_decision_are_refused(
    record, principal, supervisor, coordinator, client_for
) -> None:
    client = client_for(principal)
    assert client.get(f"/hiring/selections/{record.pk}/").status_code == 200  # the open form
    selection_record_decide(
        record=record,
        decision="not_selected",
        reason="Another candidate.",
        incomplete_panel_reason="The school year starts Monday.",
        actor=coordinator,
    )
    before = _stored(record)

    response = client.post(
        f"/hiring/selections/{record.pk}/scores/",
        {**_form(record, 4, "Late note"), "submit": "1"},
        follow=True,
    )

    assert response.status_code == 200
    assert "Late note" not in response.content.decode()
    assert _stored(record) == before


def test_the_officer_reaches_nothing_of_their_own_selection(
    world, record, officer_user, client_for, api_for
) -> None:
    page, api = client_for(officer_user), api_for(officer_user)
    before = _stored(record)

    assert page.get(f"/hiring/selections/{record.pk}/").status_code == 404
    assert page.post(f"/hiring/selections/{record.pk}/scores/", {}).status_code == 404
    # The API is closed to the officer's role altogether.
    assert api.get(f"{API}/{record.pk}/").status_code == 403
    assert api.get(f"{API}/").status_code == 403
    scores = {"scores": _api_scores(record, 4, "Me"), "submit": True}
    assert api.post(f"{API}/{record.pk}/scores/", scores, format="json").status_code == 403
    assert _stored(record) == before


def test_a_supervisor_of_another_agency_and_another_districts_coordinator_get_404(
    world, record, principal, client_for, api_for
) -> None:
    _score(
        record, seat_of(record, principal), 3, "Principal Bell's note", actor=principal, submit=True
    )
    sheriff = AgencyFactory(code="HOMESO")
    MOUFactory(district=world.district, agency=sheriff)
    outsiders = (
        supervisor_of(sheriff, world.district, username="sergeant-ortiz"),
        coordinator_of(world.other_district, username="olga"),
    )
    before = _stored(record)

    for outsider in outsiders:
        page, api = client_for(outsider), api_for(outsider)
        decide = {"decision": "selected", "reason": "Mine.", "incomplete_panel_reason": "Now."}
        answers = [
            page.get(f"/hiring/selections/{record.pk}/").status_code,
            page.post(f"/hiring/selections/{record.pk}/decide/", decide).status_code,
            page.post(f"/hiring/selections/{record.pk}/scores/", {}).status_code,
            api.get(f"{API}/{record.pk}/").status_code,
            api.post(f"{API}/{record.pk}/decide/", decide, format="json").status_code,
        ]
        assert answers == [404] * 5, (outsider, answers)
        listed = json.dumps(api.get(f"{API}/").json())
        assert "Principal Bell" not in listed

    record.refresh_from_db()
    assert record.status == SelectionStatus.OPEN
    assert _stored(record) == before


def test_no_audit_row_holds_a_score_or_a_note(record, principal, supervisor, coordinator) -> None:
    rosa = seat_of(record, name="Rosa Delgado")
    _score(record, seat_of(record, principal), 1, "Bell: too strict", actor=principal, submit=True)
    _score(record, seat_of(record, supervisor), 4, MILES_NOTE, actor=supervisor, submit=True)
    _score(record, rosa, 2, "Delgado: kind to kids", actor=coordinator, submit=True)
    selection_record_decide(record=record, decision="selected", reason="Agreed.", actor=coordinator)

    events = AuditEvent.objects.filter(action__startswith="selection.")
    text = json.dumps([(e.changes, e.reason) for e in events])

    assert events.count() >= 7
    for note in ("too strict", "Sergeant Miles", "kind to kids"):
        assert note not in text
    for event in events.filter(action="selection.scores_saved"):
        assert set(event.changes) == {"panelist", "scored"}


def test_a_score_post_without_its_csrf_token_is_refused(record, principal) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(principal)
    before = _stored(record)

    response = client.post(
        f"/hiring/selections/{record.pk}/scores/", {**_form(record, 2, "Forged"), "submit": "1"}
    )

    assert response.status_code == 403
    assert _stored(record) == before
