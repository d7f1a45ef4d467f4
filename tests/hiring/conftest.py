from __future__ import annotations

import pytest

from hiring.models import PanelistKind, SelectionRecord
from hiring.services.selections import PanelSeat, selection_record_create
from tests.factories.hiring import published_guideline


@pytest.fixture
def coordinator(world):
    return world.users["coordinator"]


@pytest.fixture
def principal(world):
    return world.users["principal"]


@pytest.fixture
def supervisor(world):
    return world.users["supervisor"]


@pytest.fixture
def officer_user(world):
    return world.users["officer"]


@pytest.fixture
def guideline(world):
    return published_guideline(world.district)


@pytest.fixture
def record(world, guideline, coordinator, principal, supervisor) -> SelectionRecord:
    """The coordinator's panel of three for the home officer at the home school: the
    principal, the supervisor and Rosa Delgado, a parent without an account."""
    return selection_record_create(
        school=world.school,
        candidate=world.officer,
        panel=[
            PanelSeat(user=principal),
            PanelSeat(user=supervisor),
            PanelSeat(name="Rosa Delgado", kind=PanelistKind.FAMILY),
        ],
        actor=coordinator,
    )


def seat_of(record: SelectionRecord, user=None, name: str = ""):
    if user is not None:
        return record.panelists.get(user=user)
    return record.panelists.get(name=name)
