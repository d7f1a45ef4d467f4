"""Two editors saving the same draft at the same moment: the row lock makes the second
one see the first one's version, so it is refused instead of overwriting."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from core.errors import ConflictError
from evaluations.services.evaluations import evaluation_update
from tests.factories.evaluations import started_evaluation

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks across connections (PostgreSQL)"
)
def test_simultaneous_saves_of_one_version_let_exactly_one_through(world) -> None:
    draft = started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=world.users["principal"],
    )
    editors = {"principal": world.users["principal"], "coordinator": world.users["coordinator"]}
    start = threading.Barrier(len(editors))
    outcomes: dict[str, str] = {}

    def save(name: str, user) -> None:
        try:
            start.wait()
            evaluation_update(
                evaluation=draft, actor=user, expected_version=1, commendations=f"By the {name}."
            )
            outcomes[name] = "saved"
        except ConflictError:
            outcomes[name] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=item) for item in editors.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    draft.refresh_from_db()
    winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
    assert draft.commendations == f"By the {winner}."
    assert draft.version == 2
