from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The sample files in ../shared/data; a test that needs them fails loudly without them."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"The shared sample data folder is missing: expected {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    from tests.scoping import ScopeWorld

    return ScopeWorld.build()


@pytest.fixture
def client_for():
    """A logged-in Django test client for a user."""
    from django.test import Client

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for():
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make
