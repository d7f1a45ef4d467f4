"""The daily MOU review reminder: when an MOU's next review date comes within
``REVIEW_REMINDER_DAYS``, its review is scheduled and the district's coordinators are
told, once per review (``MOUReview.reminded_on``)."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from agreements.models import MOUReview, ReviewStatus
from agreements.services.reviews import review_schedule
from core.dates import today
from roster.models import MOU, Membership, Role

logger = logging.getLogger(__name__)

# Sixty days: a review with a public comment window needs weeks to find participants,
# announce the window (at least thirty days, as agencies hold public comment) and meet.
REVIEW_REMINDER_DAYS = 60


def _coordinator_emails(district_id: int) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(
                district_id=district_id,
                role=Role.COORDINATOR,
                is_active=True,
                user__is_active=True,
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    # After the commit the reminder is recorded; a mail outage is logged, and the
    # review page still shows the review as due.
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("MOU review reminder %r to %s not sent: %s", subject, recipients, exc)


def _remind(review: MOUReview, on: datetime.date) -> bool:
    """Mark the review reminded and mail after commit; False if it already was."""
    with transaction.atomic():
        # A conditional UPDATE: two runs on the same day can't both claim the reminder.
        claimed = MOUReview.objects.filter(pk=review.pk, reminded_on__isnull=True).update(
            reminded_on=on
        )
        if not claimed:
            return False
        recipients = _coordinator_emails(review.mou.district_id)
        if not recipients:
            return True
        days = (review.due_date - on).days
        when = f"in {days} days" if days > 0 else ("today" if days == 0 else "overdue")
        subject = f"SRO360: the MOU with {review.mou.agency.name} is due for review {when}"
        body = (
            f"The MOU of {review.mou.district.name} with {review.mou.agency.name} is due for"
            f" review on {review.due_date.isoformat()}.\n\n"
            "Open the review with its participants (school, agency, juvenile justice,"
            " civil-rights and community organisations) and, if you wish, a public comment"
            f" window:\n{reverse('agreements:review', kwargs={'pk': review.pk})}\n"
        )
        transaction.on_commit(lambda: _send(subject, body, recipients))
    return True


def mou_reviews_remind(*, on: datetime.date | None = None) -> int:
    """Schedule the reviews coming due and remind their coordinators; returns how many
    reminders were recorded."""
    on = on or today()
    horizon = on + datetime.timedelta(days=REVIEW_REMINDER_DAYS)
    due = (
        MOU.objects.in_force_on(on)
        .filter(next_review_date__isnull=False, next_review_date__lte=horizon)
        .select_related("district", "agency")
    )
    reminded = 0
    for mou in due:
        assert mou.next_review_date is not None  # filtered above
        review = (
            MOUReview.objects.filter(mou=mou)
            .exclude(status=ReviewStatus.CLOSED)
            .select_related("mou__district", "mou__agency")
            .first()
        )
        if review is None:
            review = review_schedule(
                mou=mou,
                due_date=mou.next_review_date,
                actor=None,
                reason="Scheduled from the MOU's next review date.",
            )
        if review.reminded_on is None and _remind(review, on):
            reminded += 1
    return reminded
