"""Evidence from the four inputs and flags, each read through its contracts module."""

from __future__ import annotations

from activity.contracts import complaint_outcomes_for_district, public_report_status_for_periods
from evaluations.contracts import SIGNED_STATUSES, evaluation_summaries
from flags.contracts import removal_timeliness_for_district
from selfassessment.evidence.context import EvidenceContext, Finding, link, share
from surveys.contracts import survey_coverage_for_district
from training_records.contracts import ComplianceStatus, compliance_for_officers

NO, PARTLY, YES = "no", "partly", "yes"
# Due soon is still compliant today: the requirement is met until its due date.
COMPLIANT = (ComplianceStatus.MET, ComplianceStatus.DUE_SOON)


def _graded(part: int, whole: int) -> str:
    return YES if whole and part == whole else PARTLY if part else NO


def training_compliance(ctx: EvidenceContext) -> Finding:
    url = link("training_records:dashboard")
    serving = sorted(ctx.serving)
    if not serving:
        return Finding(NO, f"No officer serves in the district's schools on {ctx.on}.", url)
    compliance = compliance_for_officers(officer_ids=serving, on=ctx.on)
    compliant = sum(c.worst_status in COMPLIANT for c in compliance.values())
    text = (
        f"{compliant} of {len(serving)} serving officer(s) meet every training requirement"
        f" on {ctx.on} ({share(compliant, len(serving))})."
    )
    return Finding(_graded(compliant, len(serving)), text, url)


def evaluations_completed(ctx: EvidenceContext) -> Finding:
    url = link("evaluation-list")
    serving = ctx.serving
    if not serving:
        return Finding(NO, f"No officer serves in the district's schools on {ctx.on}.", url)
    summaries = evaluation_summaries(
        officer_ids=sorted(serving), period=ctx.period, statuses=SIGNED_STATUSES
    )
    # Only an evaluation from one of the district's own schools counts for the district.
    signed = sum(
        any(s.is_signed and s.school_id in serving[officer] for s in summaries.get(officer, []))
        for officer in serving
    )
    text = (
        f"{signed} of {len(serving)} serving officer(s) have a signed evaluation for"
        f" {ctx.period.name} ({share(signed, len(serving))})."
    )
    return Finding(_graded(signed, len(serving)), text, url)


def survey_groups_covered(ctx: EvidenceContext) -> Finding:
    coverage = survey_coverage_for_district(district_id=ctx.district_id, period_id=ctx.period.pk)
    released = [c.label for c in coverage if c.released]
    missing = [c.label for c in coverage if not c.released]
    text = f"{len(released)} of {len(coverage)} respondent groups have released results for {ctx.period.name}"
    text += f"; none yet for {', '.join(missing).lower()}." if missing else "."
    return Finding(_graded(len(released), len(coverage)), text, link("surveys:campaigns"))


def public_report_published(ctx: EvidenceContext) -> Finding:
    """The report of the assessed year, or of the year before it (the last complete one)."""
    periods = [p for p in (ctx.period, ctx.prior_period) if p is not None]
    status = public_report_status_for_periods(
        district_id=ctx.district_id, period_ids=[p.pk for p in periods]
    )
    url = link("activity:reports")
    for period in periods:
        report = status[period.pk]
        if report.published:
            text = (
                f"The {period.name} public report is published"
                f" (release {report.latest_release_number}, made {report.latest_release_on})."
            )
            return Finding(YES, text, url)
    withdrawn = [p.name for p in periods if status[p.pk].releases]
    if withdrawn:
        return Finding(
            PARTLY, f"The {withdrawn[0]} public report was released but has been taken down.", url
        )
    names = " or ".join(p.name for p in periods)
    return Finding(NO, f"No public report is published for {names}.", url)


def complaints_investigated(ctx: EvidenceContext) -> Finding:
    figures = complaint_outcomes_for_district(
        district_id=ctx.district_id, start=ctx.period.start_date, end=ctx.period.end_date
    )
    url = link("activity:complaints")
    asked = figures.received - figures.withdrawn
    if not asked:
        text = f"No complaint received in {ctx.period.name} waits for an outcome."
        return Finding(YES, text, url)
    text = (
        f"{figures.with_finding} of {asked} complaint(s) received in {ctx.period.name} have an"
        f" investigation outcome; {figures.open} still open."
    )
    return Finding(_graded(figures.with_finding, asked), text, url)


def removal_requests_answered_in_window(ctx: EvidenceContext) -> Finding:
    figures = removal_timeliness_for_district(
        district_id=ctx.district_id, start=ctx.period.start_date, end=ctx.period.end_date, on=ctx.on
    )
    url = link("flags:removals")
    # A request still inside its window is not late yet, so it counts neither way.
    asked = figures.decided + figures.pending_overdue
    if not asked:
        text = f"{figures.filed} removal request(s) filed in {ctx.period.name}; none is late."
        return Finding(YES, text, url)
    text = (
        f"{figures.decided_on_time} of {asked} removal request(s) answered within the MOU's"
        f" window; {figures.pending_overdue} overdue and waiting."
    )
    return Finding(_graded(figures.decided_on_time, asked), text, url)
