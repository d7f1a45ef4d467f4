"""The demo's MOU record: two versions, the second adopted by a closed review, and the next review."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from agreements.models import MOUReview, ReviewStatus
from roster.models import MOU

pytestmark = pytest.mark.django_db


def test_the_demo_mou_has_two_versions_a_closed_review_and_the_next_one() -> None:
    call_command("demo", "--no-serve")
    call_command("demo", "--no-serve")

    mou = MOU.objects.get(agency__code="MCPD")
    assert [(v.number, v.adopted_on is not None) for v in mou.versions.all()] == [
        (2, True),
        (1, True),
    ]
    closed = MOUReview.objects.get(mou=mou, status=ReviewStatus.CLOSED)
    assert closed.decision == "revised"
    assert closed.proposed_version == mou.versions.get(number=2)
    assert closed.comments_close_on < closed.closed_on
    assert closed.comment_count == closed.comments.count() >= 8
    assert closed.comment_summary
    assert len(set(closed.participants.values_list("kind", flat=True))) >= 4
    upcoming = MOUReview.objects.get(mou=mou, status=ReviewStatus.SCHEDULED)
    assert upcoming.due_date == mou.next_review_date
    assert MOU.objects.get(agency__code="HCSO").versions.count() == 1
