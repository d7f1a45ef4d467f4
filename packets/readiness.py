"""Whether a packet version may be signed off now, and if not, why — asked by the
page and the API before the supervisor tries, and by the sign-off service itself.

Two things can make a signature mislead:
- the records behind the version changed after it was built (it is *stale*): the
  snapshot is assembled again and its hash compared with the version's, exactly;
- an evaluation in the packet is still waiting for its review or for the officer's
  acknowledgement. The MOU's process reviews and acknowledges each evaluation before
  the annual packet is signed; the officer's acknowledgement window
  (``MOU.evaluation_acknowledgement_days``, from the evaluation's review date) keeps
  an officer who does not answer from holding the packet back forever.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from evaluations.contracts import SIGNED_STATUSES, EvaluationSummary, evaluation_summaries
from packets.assembler import assemble_snapshots
from packets.models import PacketVersion
from packets.snapshot import content_hash
from roster.models import MOU

# Without an MOU in force on the review date, the MOU's own default applies.
DEFAULT_ACKNOWLEDGEMENT_DAYS: int = MOU._meta.get_field("evaluation_acknowledgement_days").default


@dataclass(frozen=True)
class SignOffReadiness:
    is_stale: bool
    # What holds sign-off back in the MOU's order, each saying who must act.
    blockers: tuple[str, ...]


def packet_is_stale(*, version: PacketVersion) -> bool:
    """Whether the officer's records for the period now assemble to another snapshot."""
    officer_id = version.packet.officer_id
    current = assemble_snapshots(officer_ids=[officer_id], period=version.packet.period)
    return content_hash(current[officer_id]) != version.content_hash


def _acknowledgement_days(*, version: PacketVersion, reviewed_on: datetime.date) -> int:
    mou = (
        MOU.objects.filter(
            district_id=version.packet.period.district_id,
            agency_id=version.packet.officer.agency_id,
        )
        .in_force_on(reviewed_on)
        .order_by("-effective_date")
        .first()
    )
    return mou.evaluation_acknowledgement_days if mou else DEFAULT_ACKNOWLEDGEMENT_DAYS


def _blocker(
    *, version: PacketVersion, evaluation: EvaluationSummary, today: datetime.date
) -> str | None:
    where = f"The evaluation at {evaluation.school_name} by {evaluation.evaluator_name}"
    if evaluation.reviewed_at is None:
        return (
            f"{where} is submitted but not yet reviewed: a supervisor of the officer's agency "
            "must review it, and the officer acknowledge it, before the packet is signed off."
        )
    if evaluation.acknowledged_at is not None:
        return None
    reviewed_on = timezone.localdate(evaluation.reviewed_at)
    days = _acknowledgement_days(version=version, reviewed_on=reviewed_on)
    deadline = reviewed_on + datetime.timedelta(days=days)
    if today > deadline:
        return None
    return (
        f"{where} was reviewed on {reviewed_on:%Y-%m-%d} and the officer has not acknowledged "
        f"it yet: the MOU gives the officer {days} days, until {deadline:%Y-%m-%d}. The packet "
        "can be signed off once the officer acknowledges it or that day has passed."
    )


def packet_sign_off_blockers(
    *, version: PacketVersion, today: datetime.date | None = None
) -> tuple[str, ...]:
    """Why the version's evaluations don't allow sign-off yet (empty: they do)."""
    today = today or timezone.localdate()
    officer_id = version.packet.officer_id
    # The evaluations the packet holds: those the principal has signed.
    evaluations = evaluation_summaries(
        officer_ids=[officer_id], period=version.packet.period_id, statuses=SIGNED_STATUSES
    )[officer_id]
    found = (_blocker(version=version, evaluation=e, today=today) for e in evaluations)
    return tuple(reason for reason in found if reason)


def packet_sign_off_readiness(*, version: PacketVersion) -> SignOffReadiness:
    return SignOffReadiness(
        is_stale=packet_is_stale(version=version),
        blockers=packet_sign_off_blockers(version=version),
    )
