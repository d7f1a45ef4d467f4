"""Every evidence key a checklist line may name, and the function that answers it."""

from __future__ import annotations

from collections.abc import Callable

from selfassessment.evidence import inputs, program
from selfassessment.evidence.context import EvidenceContext, Finding

Evaluator = Callable[[EvidenceContext], Finding]

EVIDENCE: dict[str, Evaluator] = {
    "mou_in_force_with_clauses": program.mou_in_force_with_clauses,
    "mou_bars_ordinary_discipline": program.mou_bars_ordinary_discipline,
    "mou_reviewed_with_community": program.mou_reviewed_with_community,
    "hiring_guidelines": program.hiring_guidelines,
    "selection_records": program.selection_records,
    "training_compliance": inputs.training_compliance,
    "evaluations_completed": inputs.evaluations_completed,
    "survey_groups_covered": inputs.survey_groups_covered,
    "public_report_published": inputs.public_report_published,
    "complaints_investigated": inputs.complaints_investigated,
    "removal_requests_answered_in_window": inputs.removal_requests_answered_in_window,
}
