"""Clauses in the order SECURe's first action step lists them (``Clause``'s order), not
in the alphabetical order of their codes."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from agreements.models import Clause, MOUClause

register = template.Library()

_ORDER = {value: index for index, value in enumerate(Clause.values)}


@register.filter
def in_clause_order(clauses: Iterable[MOUClause]) -> list[MOUClause]:
    return sorted(clauses, key=lambda worded: _ORDER.get(worded.clause, len(_ORDER)))
