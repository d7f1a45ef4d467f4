"""The words of the respondent pages that the views compose (the rest is in the templates).

All through gettext, so the Spanish lives in ``surveys/locale`` beside every other
translation and a test finds a missing one.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# Neutral wording in both languages ("No sé", not "No estoy seguro/segura"): the
# respondent's gender is not known and not asked.
AGREE_LABELS = {
    5: pgettext_lazy("agree scale", "Strongly agree"),
    4: pgettext_lazy("agree scale", "Agree"),
    3: pgettext_lazy("agree scale", "Not sure"),
    2: pgettext_lazy("agree scale", "Disagree"),
    1: pgettext_lazy("agree scale", "Strongly disagree"),
}

MESSAGES = {
    "mistyped": _("That code doesn't look right. Check each letter and number, then try again."),
    "no_code": _("Type the code printed on your paper slip or letter."),
    "unknown": _("We couldn't find that code. Check it and try again."),
    "used": _("This code has already been used. Each code works once."),
    "throttled": _("Too many tries. Please wait a minute and try again."),
    "expired": _("This page is out of date. Please start again with your code."),
    "no_answers": _("Answer at least one question, or go back if you don't know these officers."),
    "invalid": _("Some answers could not be saved. Please check them."),
    # A student survey waiting for its parents' notice: the student learns no more.
    "not_ready": _("This survey is not open yet."),
    "too_long": _(
        "Your comments are too long for this page to carry. Please shorten them, then continue."
    ),
    "none_known": _(
        "You didn't tick any officer. If you don't know any of them, there is nothing to "
        "answer: your code was not used, and you can close this page. Otherwise tick the "
        "ones you know."
    ),
}


def _day(iso: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")
    except ValueError:
        return iso


def message_text(reason: str, extra: dict | None = None) -> str:
    """What the respondent reads for ``reason``, in the active language."""
    extra = extra or {}
    if reason == "closed":
        return gettext("This survey is closed. It closed on %(date)s.") % {
            "date": _day(extra.get("closes_on", ""))
        }
    if reason == "not_open":
        return gettext("This survey is not open yet. It opens on %(date)s.") % {
            "date": _day(extra.get("opens_on", ""))
        }
    return str(MESSAGES.get(reason, MESSAGES["invalid"]))
