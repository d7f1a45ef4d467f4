"""The confirmation email a complainant gets when they give an address.

Sent after the complaint commits (``transaction.on_commit`` in ``complaint_submit``),
in the language the form was filled in, with the tracking code in the body only: not
in the subject (mail relays log subjects) and never in a log line of ours.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from activity.models import Complaint, ComplaintSource
from core.audit import audit_record

logger = logging.getLogger(__name__)


def complaint_confirmation_send(*, complaint_id: int, code: str, language: str) -> bool:
    """Mail the tracking code once; True if this call sent it.

    The complaint is claimed with a conditional UPDATE before the mail goes out, so
    two calls for one complaint send one mail (at most once: a crash between the
    claim and the relay leaves it unsent, which the staff page shows as not sent).
    """
    with transaction.atomic():
        claimed = (
            Complaint.objects.filter(pk=complaint_id, confirmation_sent_at__isnull=True)
            .exclude(contact_email="")
            .exclude(source=ComplaintSource.ANONYMOUS)
            .update(confirmation_sent_at=timezone.now())
        )
        if not claimed:
            return False
        complaint = Complaint.objects.select_related("district").get(pk=complaint_id)
        audit_record(
            actor=None,
            action="activity.complaint_confirmation_sent",
            target=complaint,
            district=complaint.district_id,
            changes={"confirmation_sent_at": [None, complaint.confirmation_sent_at]},
        )
    district = complaint.district
    context = {
        "district": district,
        "code": code,
        "received": complaint.received_date,
        "track_url": settings.SITE_URL.rstrip("/") + reverse("activity:complaint-track"),
    }
    with translation.override(language):
        subject = render_to_string("activity/email/complaint_received_subject.txt", context)
        body = render_to_string("activity/email/complaint_received.txt", context)
    try:
        send_mail(
            subject=" ".join(subject.split()),
            message=body,
            from_email=None,
            recipient_list=[complaint.contact_email],
        )
    except OSError as error:  # smtplib's errors are OSErrors: refused, timed out, unreachable
        # The complaint is stored and its code was shown on the page; a relay that is
        # down must not turn that into an error page. Neither the code nor the
        # address goes into the log.
        with transaction.atomic():
            Complaint.objects.filter(pk=complaint_id).update(confirmation_sent_at=None)
            audit_record(
                actor=None,
                action="activity.complaint_confirmation_failed",
                target=complaint,
                district=complaint.district_id,
                reason=type(error).__name__,
            )
        logger.warning(
            "The confirmation for complaint %s could not be mailed (%s)",
            complaint_id,
            type(error).__name__,
        )
        return False
    return True
