"""Campaigns, the codes that open them, and their distribution."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError
from roster.models import Assignment, District, EvaluationPeriod, Officer, School
from surveys import codes
from surveys.models import (
    AccessCode,
    Campaign,
    CampaignGroup,
    CodeBatch,
    RespondentGroup,
    SurveyTemplate,
)
from surveys.selectors.notices import campaign_awaits_notice
from surveys.services.templates import templates_install_default

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_CODES_PER_BATCH = 5000


@transaction.atomic
def campaign_create(
    *,
    district: District,
    period: EvaluationPeriod,
    name: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    schools: Iterable[School],
    officers: Iterable[Officer],
    groups: Iterable[str],
    actor: User,
    templates: dict[str, SurveyTemplate] | None = None,
) -> Campaign:
    """A campaign asking ``groups`` about ``officers`` at ``schools``.

    Each group uses the template given, else the latest default-bank version.
    Officers must be assigned to one of the schools while the campaign is open.
    """
    schools = list(schools)
    officers = list(officers)
    groups = list(dict.fromkeys(groups))
    if not schools or not officers or not groups:
        raise ApplicationError("Choose at least one school, one officer and one respondent group.")
    if any(s.district_id != district.pk for s in schools):
        raise ApplicationError("Every school must belong to the campaign's district.")
    if any(g not in RespondentGroup.values for g in groups):
        raise ApplicationError("Unknown respondent group.")
    campaign = Campaign(
        district=district,
        period=period,
        name=name,
        opens_on=opens_on,
        closes_on=closes_on,
        response_step=district.survey_min_responses,
    )
    campaign.full_clean()
    campaign.save()
    placed = set(
        Assignment.objects.filter(officer__in=officers, school__in=schools)
        .overlapping(opens_on, closes_on)
        .values_list("officer_id", flat=True)
    )
    unplaced = [o.full_name for o in officers if o.pk not in placed]
    if unplaced:
        raise ApplicationError(
            f"Not assigned to any of the chosen schools while the campaign is open: {', '.join(unplaced)}."
        )
    campaign.schools.set(schools)
    campaign.officers.set(officers)
    chosen = dict(templates or {})
    if any(g not in chosen for g in groups):
        defaults = templates_install_default(district=district, actor=actor)
        for g in groups:
            chosen.setdefault(g, defaults[g])
    for group in groups:
        link = CampaignGroup(campaign=campaign, group=group, template=chosen[group])
        link.full_clean()
        link.save()
    audit_record(
        actor=actor,
        action="surveys.campaign_created",
        target=campaign,
        district=district,
        changes={
            "opens_on": [None, opens_on],
            "closes_on": [None, closes_on],
            "groups": [None, groups],
            "schools": [None, [s.code for s in schools]],
            "officers": [None, [o.pk for o in officers]],
        },
    )
    return campaign


@dataclass(frozen=True)
class IssuedCodes:
    """Codes in clear text exist only here: for the PDF or CSV made right away."""

    batch: CodeBatch
    campaign: Campaign
    group: str
    school: School
    codes: tuple[str, ...]


def _campaign_group(campaign: Campaign, group: str) -> CampaignGroup:
    found = CampaignGroup.objects.filter(campaign=campaign, group=group).first()
    if found is None:
        raise ApplicationError(
            f"This campaign does not ask {RespondentGroup(group).label.lower()}."
        )
    return found


@transaction.atomic
def codes_issue(
    *,
    campaign: Campaign,
    group: str,
    school: School,
    count: int,
    actor: User,
    rng: random.Random | None = None,
) -> IssuedCodes:
    """``count`` new single-use codes for one group at one school.

    Codes issued after the campaign's first day are *late*: their responses are
    counted, but never toward k (anonymity invariant 5), so whoever issues codes
    can't pad a small group over k with answers of their own and subtract them.
    A late issue is audited and shown with the campaign's response rates.

    ``rng`` exists for the deterministic demo; everything else uses the system's
    cryptographic generator.
    """
    if group not in RespondentGroup.values:
        raise ApplicationError("Unknown respondent group.")
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ApplicationError(f"Issue between 1 and {MAX_CODES_PER_BATCH} codes at a time.")
    if not campaign.schools.filter(pk=school.pk).exists():
        raise ApplicationError("That school is not part of this campaign.")
    if campaign.closes_on < today():
        raise ApplicationError("This campaign has closed; it needs no more codes.")
    if hasattr(campaign, "release"):
        raise ApplicationError("This campaign's results are released; it takes no more codes.")
    campaign_group = _campaign_group(campaign, group)
    if group == RespondentGroup.STUDENT and campaign_awaits_notice(campaign_id=campaign.pk):
        # PPRA: families get notice, the questions and a way to opt out first.
        raise ApplicationError(
            "The student survey asks about areas the Protection of Pupil Rights Amendment "
            "protects: create this campaign's parents' notice (with the opt-out deadline) "
            "before issuing student codes."
        )
    late = today() > campaign.opens_on
    batch = CodeBatch(campaign_group=campaign_group, school=school, count=count, issued_by=actor)
    batch.full_clean(exclude=["issued_by"])
    batch.save()
    issued: list[str] = []
    hashes: set[str] = set()
    while len(issued) < count:
        code = codes.generate(rng)
        normal = codes.normalise(code)
        assert normal is not None  # generate() makes only valid codes
        digest = codes.lookup_hash(normal)
        if digest not in hashes:
            hashes.add(digest)
            issued.append(code)
    AccessCode.objects.bulk_create(
        AccessCode(
            campaign_group=campaign_group, school=school, batch=batch, code_hash=h, late=late
        )
        for h in hashes
    )
    audit_record(
        actor=actor,
        action="surveys.codes_issued",
        target=batch,
        district=campaign.district_id,
        changes={
            "group": [None, group],
            "school": [None, school.code],
            "count": [None, count],
            "late": [None, late],
        },
    )
    return IssuedCodes(batch, campaign, group, school, tuple(issued))
