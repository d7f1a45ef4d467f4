"""The assessment sheet: every item with its answer, and the score per step.

A sheet is a plain JSON-safe dict. An assessment in progress gets a fresh one on every
read (evidence answers live); completing it stores the sheet as the snapshot, and a
completed assessment shows, prints and compares that stored sheet, never live data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from selfassessment.checklist import KIND_LABELS, STEP_TITLES, Checklist, checklist_load
from selfassessment.evidence.context import EvidenceContext, Finding
from selfassessment.evidence.registry import EVIDENCE
from selfassessment.models import Answer, SelfAssessment, SelfAssessmentAnswer

Sheet = dict[str, Any]
# What an answer is worth in the "met" share.
MET_WEIGHT = {Answer.YES: 1.0, Answer.PARTLY: 0.5, Answer.NO: 0.0}
SHEET_VERSION = 1


def checklist_of(assessment: SelfAssessment) -> Checklist:
    return checklist_load(assessment.checklist.split("@", 1)[0])


def sheet_for(assessment: SelfAssessment, *, on: datetime.date | None = None) -> Sheet:
    """The stored sheet of a completed assessment, else the sheet as of now."""
    if assessment.completed_on is not None and assessment.snapshot:
        return assessment.snapshot
    return sheet_build(assessment, on=on)


def sheet_build(assessment: SelfAssessment, *, on: datetime.date | None = None) -> Sheet:
    checklist = checklist_of(assessment)
    context = EvidenceContext(period=assessment.period, on=on)
    findings: dict[str, Finding] = {}
    for item in checklist.items:
        if item.evidence and item.evidence not in findings:
            findings[item.evidence] = EVIDENCE[item.evidence](context)
    answers = {a.item: a for a in _answers(assessment)}
    items = []
    for item in checklist.items:
        row: dict[str, Any] = {
            "key": item.key,
            "step": item.step,
            "kind": item.kind,
            "text": item.text,
            "evidence": item.evidence,
        }
        if item.evidence:
            finding = findings[item.evidence]
            row.update(answer=finding.answer, source="evidence", detail=finding.text)
            row["url"] = finding.url
        elif item.key in answers:
            given = answers[item.key]
            row.update(answer=given.answer, source="coordinator", detail=given.note, url="")
        else:
            row.update(answer="", source="coordinator", detail="", url="")
        row["answer_label"] = Answer(row["answer"]).label if row["answer"] else "Not answered"
        items.append(row)
    return {
        "version": SHEET_VERSION,
        "district": assessment.district.name,
        "period": assessment.period.name,
        "checklist": assessment.checklist,
        "checklist_changed": checklist.label != assessment.checklist,
        "as_of": context.on.isoformat(),
        "completed_on": None,
        "items": items,
        "steps": step_scores(items),
        "total": _score(items),
    }


def _answers(assessment: SelfAssessment) -> Iterable[SelfAssessmentAnswer]:
    # The page prefetches them; a bare call reads them in one query.
    return assessment.answers.all()


def _score(items: list[dict[str, Any]]) -> dict[str, Any]:
    applicable = [i for i in items if i["answer"] != Answer.NOT_APPLICABLE]
    answered = sum(bool(i["answer"]) for i in items)
    met = sum(MET_WEIGHT.get(i["answer"], 0.0) for i in applicable)
    return {
        "items": len(items),
        "answered": answered,
        "answered_share": round(answered / len(items), 3) if items else 0.0,
        "met": met,
        "met_share": round(met / len(applicable), 3) if applicable else 0.0,
        "from_evidence": sum(i["source"] == "evidence" for i in items),
    }


def step_scores(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per step: items answered out of all, and the share met (yes 1, partly 0.5, no 0;
    not-applicable items left out, unanswered ones count as not met)."""
    steps = []
    for step, title in STEP_TITLES.items():
        in_step = [i for i in items if i["step"] == step]
        if not in_step:
            continue
        steps.append({"step": step, "title": title, **_score(in_step)})
    return steps


def sheet_grouped(sheet: Sheet) -> list[dict[str, Any]]:
    """The sheet's steps, each with its items under Start and Improve, for pages and PDF."""
    grouped = []
    for step in sheet["steps"]:
        in_step = [i for i in sheet["items"] if i["step"] == step["step"]]
        kinds = [
            {"kind": kind, "label": label, "items": [i for i in in_step if i["kind"] == kind]}
            for kind, label in KIND_LABELS.items()
        ]
        grouped.append({**step, "kinds": [k for k in kinds if k["items"]]})
    return grouped


def sheet_compare(newer: Sheet, older: Sheet) -> dict[str, Any]:
    """Two years side by side: per step the two scores, per item the two answers, and
    whether each changed. Items are matched by key; one only in one year shows empty in
    the other."""
    old_steps = {s["step"]: s for s in older["steps"]}
    steps = []
    for step in newer["steps"]:
        before = old_steps.get(step["step"])
        steps.append(
            {
                "step": step["step"],
                "title": step["title"],
                "newer": step,
                "older": before,
                "met_change": round(step["met_share"] - before["met_share"], 3) if before else None,
            }
        )
    old_items = {i["key"]: i for i in older["items"]}
    new_keys = {i["key"] for i in newer["items"]}
    items = [
        {
            "key": item["key"],
            "step": item["step"],
            "text": item["text"],
            "newer": item,
            "older": old_items.get(item["key"]),
            "changed": old_items.get(item["key"], {}).get("answer") != item["answer"],
        }
        for item in newer["items"]
    ]
    items += [
        {
            "key": item["key"],
            "step": item["step"],
            "text": item["text"],
            "newer": None,
            "older": item,
            "changed": True,
        }
        for item in older["items"]
        if item["key"] not in new_keys
    ]
    items.sort(key=lambda row: row["step"])
    return {"newer": newer, "older": older, "steps": steps, "items": items}
