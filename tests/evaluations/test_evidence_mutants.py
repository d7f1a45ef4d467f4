"""Evidence guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from evaluations.services.evaluation_evidence import evaluation_note_add


@pytest.mark.django_db
def test_a_note_can_record_what_was_seen_today_but_not_tomorrow(draft, principal) -> None:
    today = timezone.localdate()

    note = evaluation_note_add(
        evaluation=draft, actor=principal, observed_on=today, text="  Calmed a hallway fight.  "
    )
    with pytest.raises(ApplicationError, match="can't be dated in the future"):
        evaluation_note_add(
            evaluation=draft,
            actor=principal,
            observed_on=today + datetime.timedelta(days=1),
            text="Not yet seen.",
        )

    assert [(n.observed_on, n.text) for n in draft.notes.all()] == [
        (today, "Calmed a hallway fight.")
    ]
    assert note.author == principal
