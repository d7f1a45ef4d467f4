"""The MOU record's names in the reader's language, for the public pages.

The models' choice labels are the staff side's English; the public pages say them
through gettext from here. ``tests/agreements/test_public_pages.py`` checks that every
choice has its label here.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CLAUSES: dict[str, Promise] = {
    "required_training": _("Required training"),
    "school_discipline": _("Ordinary school discipline stays with the school"),
    "public_reporting": _("Public reporting of enforcement data"),
    "removal_requests": _("Requests to remove an officer"),
    "complaints": _("Complaints"),
    "data_sharing": _("Sharing of student information"),
    "review_cycle": _("Regular review with community input"),
}

DECISIONS: dict[str, Promise] = {
    "renewed": _("Renewed as it was"),
    "revised": _("Revised"),
}

PARTICIPANT_KINDS: dict[str, Promise] = {
    "school": _("School"),
    "agency": _("Law enforcement agency"),
    "juvenile_justice": _("Juvenile justice"),
    "civil_rights": _("Civil-rights organisation"),
    "community": _("Community organisation"),
    "families": _("Families"),
    "students": _("Students"),
    "other": _("Other"),
}
