"""The daily reminder: each police supervisor hears which of their officers are
overdue or due within their district's reminder window
(``District.training_reminder_days``, set by the coordinator; a supervisor's
membership names the district)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail

from core.dates import today
from roster.models import Membership, Officer, Role
from training_records.compliance import ComplianceStatus
from training_records.selectors import RequirementCompliance, compliance_for_officers


def _needs_attention(item: RequirementCompliance, on: datetime.date, days: int) -> bool:
    if item.status == ComplianceStatus.OVERDUE:
        return True
    return (
        item.due_date is not None
        and item.status != ComplianceStatus.MET
        and (item.due_date - on).days <= days
    )


def _part(item: RequirementCompliance) -> str:
    if item.status == ComplianceStatus.OVERDUE:
        assert item.overdue_since is not None  # judge() always dates an overdue verdict
        return f"{item.label}: overdue since {item.overdue_since.isoformat()}"
    assert item.due_date is not None  # _needs_attention keeps only items with a due date
    return f"{item.label}: due {item.due_date.isoformat()}"


def reminder_lines(*, agency_id: int, on: datetime.date, days: int) -> list[str]:
    """One line per officer needing attention, the most overdue first."""
    officers = {o.pk: o for o in Officer.objects.filter(agency_id=agency_id)}
    standings = compliance_for_officers(officer_ids=list(officers), on=on)
    lines: list[tuple[int, str, str]] = []
    for officer_id, standing in standings.items():
        items = [r for r in standing.requirements if _needs_attention(r, on, days)]
        if not items:
            continue
        parts = [_part(r) for r in items]
        officer = officers[officer_id]
        lines.append(
            (
                -standing.max_overdue_days,
                officer.last_name,
                f"- {officer.full_name} (#{officer.badge_number}): " + "; ".join(parts),
            )
        )
    return [line for *_key, line in sorted(lines)]


def training_reminders_send(*, on: datetime.date | None = None) -> int:
    """Email every active supervisor with an address; returns how many were sent."""
    on = on or today()
    # One email per agency and window: two districts with the same window share it.
    recipients: dict[tuple[int, int], set[str]] = defaultdict(set)
    for agency_id, days, email in (
        Membership.objects.filter(role=Role.SUPERVISOR, is_active=True, user__is_active=True)
        .exclude(user__email="")
        .values_list("agency_id", "district__training_reminder_days", "user__email")
    ):
        recipients[(agency_id, days)].add(email)
    sent = 0
    for (agency_id, days), emails in sorted(recipients.items()):
        lines = reminder_lines(agency_id=agency_id, on=on, days=days)
        if not lines:
            continue
        body = (
            f"Training that needs attention as of {on.isoformat()} "
            f"(overdue, or due within {days} days):\n\n" + "\n".join(lines) + "\n"
        )
        send_mail(
            subject=f"SRO360: {len(lines)} officer(s) with training overdue or due soon",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=sorted(emails),
        )
        sent += 1
    return sent
