"""Every write of the surveys app."""

from surveys.services.campaigns import IssuedCodes, campaign_create, codes_issue
from surveys.services.releases import DisclosureAuditFailed, release_create
from surveys.services.responses import (
    Ballot,
    RespondentError,
    ballot_for_code,
    ballot_officer_ids,
    response_submit,
)
from surveys.services.templates import (
    template_create,
    template_in_use,
    template_revise,
    templates_install_default,
)

__all__ = [
    "Ballot",
    "DisclosureAuditFailed",
    "IssuedCodes",
    "RespondentError",
    "ballot_for_code",
    "ballot_officer_ids",
    "campaign_create",
    "codes_issue",
    "release_create",
    "response_submit",
    "template_create",
    "template_in_use",
    "template_revise",
    "templates_install_default",
]
