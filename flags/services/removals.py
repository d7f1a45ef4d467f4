"""Every write to removal requests: file, review, decide, withdraw, overdue notices.

The MOU sets how long the agency has to answer (``removal_response_days``); a
decided or withdrawn request is locked, and every step records who and when.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import audit_record, changes_between, field_values
from core.dates import today
from core.errors import ApplicationError, ConflictError
from flags.models import Flag, RemovalRequest, RemovalStatus
from flags.models.removals import PENDING_REMOVAL_STATUSES
from flags.permissions import (
    can_answer_removal_request,
    can_file_removal_request,
    can_withdraw_removal_request,
)
from roster.models import MOU, Assignment, District, Membership, Officer, Role, School
from roster.services.assignments import assignment_end

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

logger = logging.getLogger(__name__)

DECISION_FIELDS = ("status", "decided_by", "decided_at", "decision_reasons", "assignment_end_date")


def _emails(memberships: QuerySet[Membership]) -> list[str]:
    return sorted({m.user.email for m in memberships.select_related("user") if m.user.email})


def _coordinator_emails(district_id: int) -> list[str]:
    return _emails(
        Membership.objects.filter(district_id=district_id, role=Role.COORDINATOR, is_active=True)
    )


def _supervisor_emails(district_id: int, agency_id: int) -> list[str]:
    return _emails(
        Membership.objects.filter(
            district_id=district_id, agency_id=agency_id, role=Role.SUPERVISOR, is_active=True
        )
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    # After the commit the request is stored; a mail server outage is logged rather
    # than turned into an error page (the request's page and the overdue notices remain).
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("removal request mail %r to %s not sent: %s", subject, recipients, exc)


def _mail_after_commit(*, subject: str, body: str, recipients: Iterable[str]) -> None:
    recipients = sorted(set(recipients))
    if not recipients:
        return
    transaction.on_commit(lambda: _send(subject, body, recipients))


def _link(request: RemovalRequest) -> str:
    return reverse("flags:removal", kwargs={"pk": request.pk})


def removal_mou_for(*, district: District, officer: Officer, on: datetime.date) -> MOU | None:
    return (
        MOU.objects.filter(district=district, agency_id=officer.agency_id)
        .in_force_on(on)
        .order_by("-effective_date")
        .first()
    )


def removal_request_file(
    *,
    officer: Officer,
    school: School,
    filed_by: User,
    reason: str = "",
    cited_flag_ids: Iterable[int] = (),
) -> RemovalRequest:
    """A principal asks the agency to remove an officer assigned at their school."""
    if not can_file_removal_request(user=filed_by, school=school):
        raise ApplicationError(
            "Only a principal of the school can request an officer's removal from it.", status=403
        )
    on = today()
    assignment = (
        Assignment.objects.active_on(on)
        .filter(officer=officer, school=school)
        .order_by("-start_date")
        .first()
    )
    if assignment is None:
        raise ApplicationError(f"{officer.full_name} is not assigned to {school.name}.")
    mou = removal_mou_for(district=school.district, officer=officer, on=on)
    if mou is None:
        raise ApplicationError(
            f"There is no MOU in force with {officer.agency.name}; it sets how removal works."
        )
    flag_ids = sorted(set(cited_flag_ids))
    flags = list(Flag.objects.visible_to(filed_by).filter(officer=officer, pk__in=flag_ids))
    if len(flags) != len(flag_ids):
        raise ApplicationError("Cite only this officer's flags that you can see.")
    reason = reason.strip()
    if not reason and not flags:
        raise ApplicationError("Give a written reason or cite at least one flag.")
    now = timezone.now()
    request = RemovalRequest(
        district=school.district,
        school=school,
        officer=officer,
        assignment=assignment,
        mou=mou,
        reason=reason,
        filed_by=filed_by,
        submitted_at=now,
        due_date=timezone.localdate(now) + datetime.timedelta(days=mou.removal_response_days),
    )
    request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            if RemovalRequest.objects.pending().filter(officer=officer, school=school).exists():
                raise ConflictError(
                    "A removal request for this officer at this school is already pending."
                )
            request.save()
            request.cited_flags.set(flags)
            audit_record(
                actor=filed_by,
                action="removal_request.submitted",
                target=request,
                district=request.district_id,
                reason=reason,
                changes={
                    "status": [None, request.status],
                    "due_date": [None, request.due_date.isoformat()],
                    "cited_flags": [[], flag_ids],
                },
            )
            _mail_after_commit(
                subject=f"Removal request: {officer.full_name} at {school.name}",
                body=(
                    f"{filed_by.get_full_name() or filed_by.get_username()} asks that {officer.full_name} "
                    f"({officer.agency.name}, badge {officer.badge_number}) be removed from {school.name}.\n"
                    f"Under the MOU the agency answers by {request.due_date:%Y-%m-%d}.\n"
                    f"Details: {_link(request)}\n"
                ),
                recipients=[
                    *_supervisor_emails(request.district_id, officer.agency_id),
                    *_coordinator_emails(request.district_id),
                ],
            )
    except IntegrityError:
        raise ConflictError(
            "A removal request for this officer at this school is already pending."
        ) from None
    return request


def _require_agency(actor: User, request: RemovalRequest) -> None:
    if not can_answer_removal_request(user=actor, request=request):
        raise ApplicationError(
            "Only the officer's agency can answer a removal request.", status=403
        )


def _locked_pending(request: RemovalRequest) -> RemovalRequest:
    request = (
        RemovalRequest.objects.select_for_update()
        .select_related("officer__agency", "school")
        .get(pk=request.pk)
    )
    if not request.is_pending:
        raise ConflictError(
            f"This removal request was {request.get_status_display().lower()} and is locked; it can't change."
        )
    return request


def removal_request_start_review(*, request: RemovalRequest, actor: User) -> RemovalRequest:
    _require_agency(actor, request)
    with transaction.atomic():
        request = _locked_pending(request)
        if request.status == RemovalStatus.UNDER_REVIEW:
            raise ConflictError("The agency is already reviewing this request.")
        request.status = RemovalStatus.UNDER_REVIEW
        request.review_started_by = actor
        request.review_started_at = timezone.now()
        request.save()
        audit_record(
            actor=actor,
            action="removal_request.under_review",
            target=request,
            district=request.district_id,
            changes={"status": [RemovalStatus.SUBMITTED.value, RemovalStatus.UNDER_REVIEW.value]},
        )
    return request


def removal_request_decide(
    *,
    request: RemovalRequest,
    actor: User,
    granted: bool,
    reasons: str = "",
    assignment_end_date: datetime.date | None = None,
) -> RemovalRequest:
    """The agency's answer: granted ends the assignment on a date; denied needs reasons."""
    _require_agency(actor, request)
    reasons = reasons.strip()
    if granted and assignment_end_date is None:
        raise ApplicationError("Give the date the officer's assignment at the school ends.")
    if not granted and not reasons:
        raise ApplicationError("Give the reasons for denying the request.")
    with transaction.atomic():
        request = _locked_pending(request)
        before = field_values(request, DECISION_FIELDS)
        request.status = RemovalStatus.GRANTED if granted else RemovalStatus.DENIED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.decision_reasons = reasons
        if granted:
            # A grant without an end date was refused above.
            assert assignment_end_date is not None
            request.assignment_end_date = assignment_end_date
            assignment_end(
                assignment_id=request.assignment_id,
                on=assignment_end_date,
                actor=actor,
                reason=f"Removal request #{request.pk} granted.",
            )
        request.full_clean()
        request.save()
        audit_record(
            actor=actor,
            action=f"removal_request.{request.status}",
            target=request,
            district=request.district_id,
            reason=reasons,
            changes=changes_between(before, field_values(request, DECISION_FIELDS)),
        )
        decision = (
            f"granted: the assignment ends on {assignment_end_date:%Y-%m-%d}"
            if granted
            else f"denied: {reasons}"
        )
        _mail_after_commit(
            subject=f"Removal request decided: {request.officer.full_name} at {request.school.name}",
            body=f"{request.officer.agency.name} has {decision}\nDetails: {_link(request)}\n",
            recipients=[
                *([request.filed_by.email] if request.filed_by.email else []),
                *_coordinator_emails(request.district_id),
            ],
        )
    return request


def removal_request_withdraw(
    *, request: RemovalRequest, actor: User, note: str = ""
) -> RemovalRequest:
    if not can_withdraw_removal_request(user=actor, request=request):
        raise ApplicationError(
            "Only a principal of the school can withdraw its removal request.", status=403
        )
    with transaction.atomic():
        request = _locked_pending(request)
        before = field_values(request, ("status", "withdrawal_note"))
        request.status = RemovalStatus.WITHDRAWN
        request.withdrawal_note = note.strip()
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save()
        audit_record(
            actor=actor,
            action="removal_request.withdrawn",
            target=request,
            district=request.district_id,
            reason=request.withdrawal_note,
            changes=changes_between(before, field_values(request, ("status", "withdrawal_note"))),
        )
        _mail_after_commit(
            subject=f"Removal request withdrawn: {request.officer.full_name} at {request.school.name}",
            body=f"The school withdrew its request.\nDetails: {_link(request)}\n",
            recipients=[
                *_supervisor_emails(request.district_id, request.officer.agency_id),
                *_coordinator_emails(request.district_id),
            ],
        )
    return request


def removal_requests_notify_overdue(*, on: datetime.date | None = None) -> int:
    """Tell each district's coordinators, once a day, which requests are past their due date.

    The day is claimed with a conditional UPDATE, so a repeated run (or a second
    worker) on the same day sends nothing more.
    """
    on = on or today()
    notified = 0
    overdue = (
        RemovalRequest.objects.filter(status__in=PENDING_REMOVAL_STATUSES, due_date__lt=on)
        .exclude(last_overdue_notice_on=on)
        .select_related("officer__agency", "school")
        .order_by("district_id", "due_date")
    )
    by_district: dict[int, list[RemovalRequest]] = {}
    for request in overdue:
        by_district.setdefault(request.district_id, []).append(request)
    for district_id, requests in by_district.items():
        with transaction.atomic():
            claimed = (
                RemovalRequest.objects.filter(pk__in=[r.pk for r in requests])
                .exclude(last_overdue_notice_on=on)
                .update(last_overdue_notice_on=on)
            )
            if not claimed:
                continue
            lines = [
                f"- {r.officer.full_name} at {r.school.name}: due {r.due_date:%Y-%m-%d}, "
                f"{(on - r.due_date).days} days overdue ({r.officer.agency.name}) {_link(r)}"
                for r in requests
            ]
            _mail_after_commit(
                subject=f"{len(requests)} overdue removal request(s)",
                body="These removal requests are past the MOU's response window:\n"
                + "\n".join(lines)
                + "\n",
                recipients=_coordinator_emails(district_id),
            )
            notified += len(requests)
    return notified
