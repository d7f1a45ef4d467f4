from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The public-form throttle counts in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()
