"""What the evidence tests share: a finding as of a fixed day, and a second serving officer."""

from __future__ import annotations

import datetime

from selfassessment.evidence.context import EvidenceContext, Finding
from selfassessment.evidence.registry import EVIDENCE
from tests.factories.roster import AssignmentFactory, OfficerFactory

ON = datetime.date(2026, 12, 1)


def evidence_for(home, key: str, *, on: datetime.date = ON, period=None) -> Finding:
    return EVIDENCE[key](EvidenceContext(period=period or home.period, on=on))


def second_officer(home, **names):
    officer = OfficerFactory(agency=home.agency, **names)
    AssignmentFactory(officer=officer, school=home.school)
    return officer
