"""Settings, chosen by ``DJANGO_ENV``: ``development`` (default) or ``production``.

Everything that differs between machines comes from the environment; see
``base.py`` for the variables and README.md for their meaning.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

_env = os.environ.get("DJANGO_ENV", "development")
if _env == "production":
    from .production import *  # noqa: F403
elif _env != "development":
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {_env!r}")
