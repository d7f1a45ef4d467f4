from __future__ import annotations

import pytest

from tests.factories.evaluations import started_evaluation


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # Every world creates several users; the production hasher makes each take ~0.5 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
def coordinator(world):
    return world.users["coordinator"]


@pytest.fixture
def draft(world, principal):
    """A fresh draft of the home officer's evaluation by the home principal."""
    return started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
