"""Every page route, for every role: out-of-scope objects are 404 and never shown."""

from __future__ import annotations

import pytest

from tests.page_scoping import check_page_scoping, page_routes

pytestmark = pytest.mark.django_db


def test_every_page_route_is_scoped_for_every_role(world) -> None:
    routes = page_routes()
    assert len(routes) >= 90, "the walk found too few page routes; is the URL walk broken?"
    assert check_page_scoping(world, routes) == []
