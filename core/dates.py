"""The calendar the whole product agrees on."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today in the project's time zone (``TIME_ZONE``), not the server's or UTC's.

    Due dates, open survey windows and "as of" figures are all days in the
    district's local calendar; one function keeps every app on the same one.
    """
    return timezone.localdate()
