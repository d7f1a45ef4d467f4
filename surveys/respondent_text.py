"""The survey's title for the code slips, through gettext (the respondent pages' words
now live in the templates and surveys/views/respondent_messages.py).

Kept only because surveys/code_slips.py reads ``TEXT[lang]["title"]``; once the slips
call ``gettext`` under ``translation.override`` themselves, this module goes.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

SURVEY_TITLE = gettext_noop("School officer survey")


class _Titles:
    def __getitem__(self, language: str) -> dict[str, str]:
        with translation.override(language):
            return {"title": gettext(SURVEY_TITLE)}


TEXT = _Titles()
