"""Evidence from the program record: the MOUs (agreements) and hiring (hiring)."""

from __future__ import annotations

from agreements.contracts import MOURecord
from selfassessment.evidence.context import EvidenceContext, Finding, link

NO, PARTLY, YES = "no", "partly", "yes"


def _mou_link(records: list[MOURecord]) -> str:
    """One MOU's record, or the district's list of MOUs when there are several."""
    if len(records) == 1:
        return link("agreements:mou", pk=records[0].mou_id)
    return link("roster:mous")


def mou_in_force_with_clauses(ctx: EvidenceContext) -> Finding:
    records, missing_agencies = ctx.mou_records, ctx.agencies_without_mou
    if not records:
        return Finding(NO, "No MOU is in force.", link("roster:mous"))
    complete = [r for r in records if r.version_id and not r.clauses_missing]
    parts = [f"{len(records)} MOU(s) in force; {len(complete)} word every required clause"]
    incomplete = [r for r in records if r not in complete]
    if incomplete:
        worst = max(incomplete, key=lambda r: len(r.clauses_missing))
        parts.append(f"{worst.agency_name} lacks {len(worst.clauses_missing)} clause(s)")
    if missing_agencies:
        parts.append(f"no MOU with {', '.join(missing_agencies)}")
    answer = YES if len(complete) == len(records) and not missing_agencies else PARTLY
    return Finding(answer, "; ".join(parts) + ".", _mou_link(records))


def mou_bars_ordinary_discipline(ctx: EvidenceContext) -> Finding:
    records = ctx.mou_records
    if not records:
        return Finding(NO, "No MOU is in force.", link("roster:mous"))
    barring = sum(r.bars_ordinary_discipline for r in records)
    answer = YES if barring == len(records) else PARTLY if barring else NO
    text = f"{barring} of {len(records)} MOU(s) in force keep officers out of ordinary discipline."
    return Finding(answer, text, _mou_link(records))


def mou_reviewed_with_community(ctx: EvidenceContext) -> Finding:
    records = ctx.mou_records
    if not records:
        return Finding(NO, "No MOU is in force.", link("roster:mous"))
    reviewed = [r for r in records if r.last_review_id and not r.review_overdue]
    with_community = [r for r in reviewed if r.last_review_had_comment_window]
    comments = sum(r.last_review_comment_count or 0 for r in with_community)
    overdue = sum(r.review_overdue for r in records)
    text = (
        f"{len(reviewed)} of {len(records)} MOU(s) reviewed within their cycle,"
        f" {len(with_community)} with a public comment window ({comments} comment(s))"
    )
    text += f"; {overdue} review(s) overdue." if overdue else "."
    answer = (
        YES if len(with_community) == len(records) else PARTLY if reviewed or with_community else NO
    )
    last = next((r for r in with_community or reviewed if r.last_review_id), None)
    if last is not None:
        url = link("agreements:review", pk=last.last_review_id)
    else:
        url = _mou_link(records)
    return Finding(answer, text, url)


def hiring_guidelines(ctx: EvidenceContext) -> Finding:
    evidence = ctx.hiring
    url = link("hiring:guidelines")
    if evidence.guideline_id is None:
        return Finding(NO, "No hiring guidelines are published.", url)
    text = (
        f"Hiring guidelines version {evidence.guideline_version} published on"
        f" {evidence.guideline_published_on:%Y-%m-%d}."
    )
    return Finding(YES, text, url)


def selection_records(ctx: EvidenceContext) -> Finding:
    evidence = ctx.hiring
    url = link("hiring:selections")
    serving, recorded = evidence.officers_serving, evidence.officers_serving_with_record
    text = (
        f"{recorded} of {serving} serving officer(s) chosen through a recorded selection;"
        f" {evidence.decided_records} decided and {evidence.open_records} open record(s)."
    )
    answer = YES if serving and recorded == serving else PARTLY if recorded else NO
    return Finding(answer, text, url)
