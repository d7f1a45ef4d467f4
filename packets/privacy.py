"""A stored packet's survey figures, read again with the district's k of today.

A packet version keeps the snapshot of the day it was built, and a signed one
never changes — with one exception ARCHITECTURE.md makes, additive to privacy:
when the district has since raised k or the comment minimum, every read of the
version (its page, its API, its PDF and XLSX) shows the survey section suppressed
again with the higher values, from the same releases the version read. The stored
snapshot and its hash stay as built; what is shown never holds more than it did.
"""

from __future__ import annotations

import copy

from packets.assembler import section_json
from packets.sections import SECTIONS
from packets.sections.surveys import CHART_KEY, RESPONDENTS_FACT, officer_content
from roster.models import District, EvaluationPeriod
from surveys.contracts import survey_results_for_officers

SURVEY_SECTION = "surveys"


def _survey_meta(snapshot: dict) -> dict | None:
    section = next((s for s in snapshot.get("sections", []) if s["key"] == SURVEY_SECTION), None)
    return section.get("meta") if section else None


def _raised(meta: dict, district: District) -> bool:
    k = district.survey_min_responses
    return k > meta["k"] or max(district.comment_min_responses, k) > meta["comment_min"]


def survey_privacy_raised(*, snapshot: dict, district: District) -> bool:
    """Whether the district's k or comment minimum is now above what the snapshot applied."""
    meta = _survey_meta(snapshot)
    return meta is not None and _raised(meta, district)


def snapshot_as_read(*, snapshot: dict, period: EvaluationPeriod) -> dict:
    """The snapshot as it may be shown today: unchanged, or with its survey section
    (and the summary's survey fact and chart) suppressed again at the higher k."""
    meta = _survey_meta(snapshot)
    if meta is None or not _raised(meta, period.district):
        return snapshot
    officer_id = snapshot["officer"]["id"]
    result = survey_results_for_officers(
        officer_ids=[officer_id],
        period=period,
        release_ids=meta["release_ids"],
        at_least_k=meta["k"],
        at_least_comment_min=meta["comment_min"],
    )[officer_id]
    content = officer_content(result)
    content.notes.append(
        f"The district raised its survey minimum after this version was built: its survey figures are "
        f"shown again with k = {result.k} and a comment minimum of {result.comment_min}."
    )
    title = next(s.title for s in SECTIONS if s.key == SURVEY_SECTION)
    shown = copy.deepcopy(snapshot)
    shown["sections"] = [
        section_json(SURVEY_SECTION, title, content) if s["key"] == SURVEY_SECTION else s
        for s in shown["sections"]
    ]
    summary = shown["summary"]
    summary["facts"] = [
        [label, value]
        if label != RESPONDENTS_FACT
        else [label, dict(content.facts)[RESPONDENTS_FACT]]
        for label, value in summary["facts"]
    ]
    charts = {chart.key: chart.as_json() for chart in content.charts}
    summary["charts"] = [
        charts.get(c["key"], c) if c["key"] == CHART_KEY else c for c in summary["charts"]
    ]
    return shown
