"""How a page names the checklist an assessment used: people read "SECURe 2016
checklist (version 4deab0fd)", not the stored ``secure-2016.csv@4deab0fdb20b3f29``."""

from __future__ import annotations

import re

from django import template

register = template.Library()

_SECURE = re.compile(r"^secure-(\d{4})$", re.IGNORECASE)


@register.filter
def checklist_title(label: str) -> str:
    """``secure-2016.csv@4deab0fd…`` -> ``SECURe 2016 checklist (version 4deab0fd)``."""
    name, _, content_hash = str(label).partition("@")
    stem = name.removesuffix(".csv")
    match = _SECURE.match(stem)
    title = f"SECURe {match.group(1)} checklist" if match else f"Checklist {stem}"
    return f"{title} (version {content_hash[:8]})" if content_hash else title
