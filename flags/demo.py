"""Demo flags and removal requests: the default rules, an evaluation of the demo data,
one decided and one pending removal request at Lincoln High.

Idempotent: rules are matched by code, evaluation keeps one flag per condition, and
the requests are looked up by officer and school before filing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flags.models import RemovalRequest
from flags.services.flags import flags_evaluate_district
from flags.services.removals import removal_request_decide, removal_request_file
from flags.services.rules import flags_install_defaults

if TYPE_CHECKING:
    from roster.demo import DemoContext

DECIDED = (("MCPD", "4113"), "LHS")
PENDING = (("MCPD", "4217"), "LHS")


def _removals(context: DemoContext) -> list[str]:
    principal = context.users["principal"]
    supervisor = context.users["supervisor"]
    made = []
    (officer_key, school_code) = DECIDED
    officer, school = context.officers[officer_key], context.schools[school_code]
    if not RemovalRequest.objects.filter(officer=officer, school=school).exists():
        request = removal_request_file(
            officer=officer,
            school=school,
            filed_by=principal,
            reason="Two students were cited for a hallway scuffle that the dean was already handling.",
        )
        removal_request_decide(
            request=request,
            actor=supervisor,
            granted=False,
            reasons="Both citations followed the MOU's criteria; the officer will attend a refresher on "
            "graduated responses instead.",
        )
        made.append("a denied removal request")
    (officer_key, school_code) = PENDING
    officer, school = context.officers[officer_key], context.schools[school_code]
    if not RemovalRequest.objects.filter(officer=officer, school=school).exists():
        removal_request_file(
            officer=officer,
            school=school,
            filed_by=principal,
            reason="Repeated use of handcuffs on students in crisis despite the school's de-escalation plan.",
        )
        made.append("a pending removal request")
    return made


def load_demo(context: DemoContext) -> str:
    installed = flags_install_defaults(district=context.district)
    result = flags_evaluate_district(district=context.district)
    made = _removals(context)
    parts = [
        f"{len(installed)} flag rules installed" if installed else "flag rules in place",
        f"{result.created} flags raised"
        if result.created
        else f"{result.updated + result.unchanged} flags current",
    ]
    return ", ".join(parts + made)
