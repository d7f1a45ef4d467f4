"""What the printable evaluation reads: the evaluation as packets see it, plus the
header lines a single evaluation needs (officer, agency, who acknowledged)."""

from __future__ import annotations

from dataclasses import dataclass

from evaluations.models import Evaluation
from evaluations.selectors.evaluations import EvaluationSummary, evaluation_summaries


@dataclass(frozen=True)
class EvaluationPrintout:
    officer_name: str
    officer_badge: str
    agency_name: str
    district_name: str
    acknowledged_by_name: str
    evaluation: EvaluationSummary


def evaluation_printout(*, evaluation: Evaluation) -> EvaluationPrintout:
    """The printout of an evaluation the caller has already read through ``visible_to``.

    The page shows every role that may open the evaluation the same fields (notes
    included), so the printout holds the same ones; a field a role must not read
    would have to be dropped here, once, for both.
    """
    summaries = evaluation_summaries(
        officer_ids=[evaluation.officer_id], period=evaluation.period_id
    )
    summary = next(s for s in summaries[evaluation.officer_id] if s.evaluation_id == evaluation.pk)
    officer = evaluation.officer
    acknowledged_by = evaluation.acknowledged_by
    return EvaluationPrintout(
        officer_name=officer.full_name,
        officer_badge=officer.badge_number,
        agency_name=officer.agency.name,
        district_name=evaluation.district.name,
        acknowledged_by_name=(
            acknowledged_by.get_full_name() or acknowledged_by.get_username()
            if acknowledged_by
            else ""
        ),
        evaluation=summary,
    )
