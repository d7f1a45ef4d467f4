"""The home page lists, per role, what that person has to do.

config is the top of the import graph, so it may ask every app; apps add their
items through their own ``home.home_tasks(user=...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from activity import home as activity_home
from evaluations import home as evaluations_home
from flags import home as flags_home
from packets import home as packets_home
from roster import home as roster_home
from surveys import home as surveys_home
from training_records import home as training_home

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

PROVIDERS = [
    roster_home,
    training_home,
    evaluations_home,
    flags_home,
    packets_home,
    surveys_home,
    activity_home,
]


def home_sections(*, user: User | AnonymousUser) -> list[dict]:
    sections = []
    for provider in PROVIDERS:
        sections.extend(provider.home_tasks(user=user))
    return sections
