"""Charts drawn in the page as SVG: no script, and nothing the CSP (style-src 'self')
would block, since the sizes are SVG attributes, not inline styles."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

register = template.Library()


@register.inclusion_tag("core/split_bar.html")
def split_bar(percents: Sequence[float] | None, *, label: str = "") -> dict:
    """A favourable / neutral / unfavourable bar from three percentages of the answers.

    ``None`` (a hidden figure) draws no bar; the template says "suppressed" instead.
    """
    if percents is None:
        return {"suppressed": True, "label": label}
    favourable, neutral, unfavourable = percents
    return {
        "suppressed": False,
        "label": label,
        "segments": [
            ("favourable", 0.0, favourable),
            ("neutral", favourable, neutral),
            ("unfavourable", favourable + neutral, unfavourable),
        ],
        "favourable": favourable,
        "neutral": neutral,
        "unfavourable": unfavourable,
    }
