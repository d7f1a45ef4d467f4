"""Evidence written by another app re-evaluates the district's flags after commit."""

from __future__ import annotations

import datetime

import pytest

from activity.models import ActionType
from activity.services.incidents import incident_record
from core.errors import ConflictError
from flags.models import Flag, FlagSeverity
from tests.flags.test_flags_rules_activity import District

pytestmark = pytest.mark.django_db

STUDENT = {
    "offense_category": "disorderly",
    "ordinary_discipline": False,
    "race_ethnicity": "white",
    "sex": "male",
    "disability": "none",
    "english_learner": "not_el",
    "grade": "10",
}


def test_a_recorded_use_of_force_raises_its_flag_once_the_write_commits(
    django_capture_on_commit_callbacks,
) -> None:
    d = District()
    officer = d.officer()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        incident_record(
            actor=None,
            officer=officer,
            school=officer.school,
            incident_number="IR-1",
            date=datetime.date(2026, 10, 1),
            actions=[ActionType.USE_OF_FORCE],
            force_level=3,
            **STUDENT,
        )
        assert not Flag.objects.exists(), "nothing is evaluated inside the request's transaction"

    assert len(callbacks) == 1
    assert (
        Flag.objects.get(officer=officer, rule__code="use-of-force").severity
        == FlagSeverity.REMOVAL
    )


def test_a_rolled_back_write_evaluates_nothing(django_capture_on_commit_callbacks) -> None:
    d = District()
    officer = d.officer()

    def record():
        return incident_record(
            actor=None,
            officer=officer,
            school=officer.school,
            incident_number="IR-2",
            date=datetime.date(2026, 10, 1),
            actions=[ActionType.USE_OF_FORCE],
            force_level=3,
            **STUDENT,
        )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record()
        with pytest.raises(ConflictError, match="already recorded"):
            record()

    assert len(callbacks) == 1, "only the first, committed write asks for an evaluation"
