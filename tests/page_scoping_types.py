"""What fills an id in the route walk: an out-of-scope instance of the model, and
the field put in the URL. Apart so each app's ``routes.py`` can name it."""

from __future__ import annotations

from django.db import models

Fill = tuple[type[models.Model], str]
