"""The daily MOU review reminder: the review is scheduled and the coordinators told once,
on the day the review date comes within the window."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from agreements.models import MOUReview, ReviewStatus
from agreements.notifications import REVIEW_REMINDER_DAYS, mou_reviews_remind
from agreements.tasks import mou_reviews_remind_task
from core.models import AuditEvent
from tests.agreements.staff_world import mou_people
from tests.factories.roster import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 5, 1)
WINDOW_STARTS = DUE - datetime.timedelta(days=REVIEW_REMINDER_DAYS)


def test_nothing_happens_the_day_before_the_window() -> None:
    mou_people()
    assert mou_reviews_remind(on=WINDOW_STARTS - datetime.timedelta(days=1)) == 0
    assert not MOUReview.objects.exists()
    assert mail.outbox == []


def test_the_first_day_of_the_window_schedules_the_review_and_mails_the_coordinators(
    django_capture_on_commit_callbacks,
) -> None:
    people = mou_people()
    MembershipFactory(
        district=people.mou.district,
        user=UserFactory(username="ines", email="ines@riverside.example"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert mou_reviews_remind(on=WINDOW_STARTS) == 1
    review = MOUReview.objects.get()
    assert (review.mou, review.due_date, review.status, review.reminded_on) == (
        people.mou,
        DUE,
        ReviewStatus.SCHEDULED,
        WINDOW_STARTS,
    )
    assert review.base_version == people.mou.versions.get()
    [message] = mail.outbox
    # The coordinators of the district only: not the principal, supervisor or officer.
    assert sorted(message.to) == ["dana@riverside.example", "ines@riverside.example"]
    assert "due for review in 60 days" in message.subject
    assert f"/agreements/reviews/{review.pk}/" in message.body
    assert AuditEvent.objects.filter(action="mou_review.scheduled", actor=None).exists()


def test_the_reminder_is_sent_once(django_capture_on_commit_callbacks) -> None:
    mou_people()
    with django_capture_on_commit_callbacks(execute=True):
        mou_reviews_remind(on=WINDOW_STARTS)
        assert mou_reviews_remind(on=WINDOW_STARTS) == 0
        assert mou_reviews_remind(on=WINDOW_STARTS + datetime.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert MOUReview.objects.count() == 1


def test_a_review_scheduled_by_hand_is_reminded_not_duplicated(
    django_capture_on_commit_callbacks,
) -> None:
    people = mou_people()
    hand = MOUReview.objects.create(mou=people.mou, due_date=datetime.date(2027, 4, 15))
    with django_capture_on_commit_callbacks(execute=True):
        assert mou_reviews_remind(on=WINDOW_STARTS) == 1
    assert list(MOUReview.objects.values_list("pk", flat=True)) == [hand.pk]
    assert "in 44 days" in mail.outbox[0].subject


def test_an_ended_mou_is_not_reminded() -> None:
    people = mou_people()
    people.mou.end_date = WINDOW_STARTS - datetime.timedelta(days=1)
    people.mou.save()
    assert mou_reviews_remind(on=WINDOW_STARTS) == 0
    assert not MOUReview.objects.exists()


def test_the_task_runs_the_reminder_for_today(settings) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert mou_reviews_remind_task.delay().get() == 0
    assert "agreements.mou_reviews_remind" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
