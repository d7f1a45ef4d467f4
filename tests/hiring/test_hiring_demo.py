"""The demo: published guidelines, a decided panel of three linked to the demo
officer's assignment, and an open record."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hiring.models import HiringGuideline, SelectionRecord, SelectionStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_decided_panel_of_three_and_an_open_record() -> None:
    call_command("demo", "--no-serve")
    call_command("demo", "--no-serve")

    assert HiringGuideline.objects.filter(published_on__isnull=False).count() == 1
    lee = SelectionRecord.objects.get(candidate__badge_number="4113")
    assert lee.status == SelectionStatus.DECIDED
    assert lee.assignment.school.code == "LHS"
    assert lee.decided_on < lee.assignment.start_date
    assert lee.panelists.filter(submitted_at__isnull=False).count() == 3
    assert sorted(lee.panelists.values_list("kind", flat=True)) == [
        "agency",
        "family",
        "school_staff",
    ]
    turner = SelectionRecord.objects.get(candidate__badge_number="S-0751")
    assert turner.status == SelectionStatus.OPEN
    assert SelectionRecord.objects.count() == 2
