"""How a page names the checklist an assessment used (see ``checklist_title``)."""

from __future__ import annotations

from django import template

from selfassessment.checklist import checklist_title

register = template.Library()
register.filter("checklist_title", checklist_title)
