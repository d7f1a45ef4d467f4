"""Writing parents' notices (the coordinator, audited) and opt-outs (families, not audited)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError
from roster.models import School
from surveys.models import Campaign, OptOut, ParentNotice
from surveys.services.responses import forget_campaigns

if TYPE_CHECKING:
    from django.contrib.auth.models import User

NOTICE_FIELDS = (
    "opt_out_deadline",
    "contact_name",
    "contact_email",
    "contact_phone",
    "note_en",
    "note_es",
)


@transaction.atomic
def notice_save(
    *,
    campaign: Campaign,
    actor: User,
    opt_out_deadline: datetime.date,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    note_en: str = "",
    note_es: str = "",
) -> ParentNotice:
    """Create or change the campaign's parents' notice.

    The deadline falls on or before the campaign's last day (after it there is
    nothing left to opt out of) and, when it is set or moved, not in the past: a
    notice can't tell families a day that is already gone.
    """
    if hasattr(campaign, "release"):
        raise ApplicationError("This campaign's results are released; its notice can't change.")
    notice = ParentNotice.objects.select_for_update().filter(
        campaign=campaign
    ).first() or ParentNotice(campaign=campaign)
    before = {f: getattr(notice, f) for f in NOTICE_FIELDS} if notice.pk else {}
    values = {
        "opt_out_deadline": opt_out_deadline,
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "contact_phone": contact_phone.strip(),
        "note_en": note_en.strip(),
        "note_es": note_es.strip(),
    }
    if not values["contact_name"] or not (values["contact_email"] or values["contact_phone"]):
        raise ApplicationError(
            "Give a contact for families: a name, and an email address or a phone number."
        )
    if bool(values["note_en"]) != bool(values["note_es"]):
        raise ApplicationError(
            "Write the note in both English and Spanish, or leave both empty: "
            "families read the notice in their language."
        )
    if opt_out_deadline > campaign.closes_on:
        raise ApplicationError(
            f"The opt-out deadline must be on or before the survey's last day, "
            f"{campaign.closes_on:%Y-%m-%d}."
        )
    if opt_out_deadline < today() and before.get("opt_out_deadline") != opt_out_deadline:
        raise ApplicationError("The opt-out deadline can't be in the past.")
    for name, value in values.items():
        setattr(notice, name, value)
    try:
        notice.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        ) from exc
    created = notice.pk is None
    notice.save()
    changes = {f: [before.get(f), values[f]] for f in NOTICE_FIELDS if before.get(f) != values[f]}
    audit_record(
        actor=actor,
        action="surveys.parent_notice_created" if created else "surveys.parent_notice_changed",
        target=notice,
        district=campaign.district_id,
        changes=changes,
    )
    # The submit path caches whether a campaign waits for its notice; this one doesn't
    # now. Forgotten at once, and again after commit in case a request in between
    # cached the state before it.
    forget_campaigns()
    transaction.on_commit(forget_campaigns)
    return notice


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def opt_out_record(*, notice: ParentNotice, school: School, child_name: str, grade: str) -> OptOut:
    """Record that a child is not to be given a survey code.

    Deliberately no audit row and no log line: either would date the opt-out, and
    an opt-out carries nothing but the child, the school and the grade. Sending the
    same child twice stores one row (the unique constraint decides, races included).
    """
    child_name = " ".join(child_name.split())
    grade = " ".join(grade.split())
    if not child_name or not grade:
        raise ApplicationError(gettext("Give the child's name and grade or class."))
    if today() > notice.opt_out_deadline:
        raise ApplicationError(gettext("The deadline to opt out has passed."))
    if not notice.campaign.schools.filter(pk=school.pk).exists():
        raise ApplicationError(gettext("That school is not part of this survey."))
    row = OptOut(
        notice=notice,
        school=school,
        child_name=child_name,
        name_key=_name_key(child_name),
        grade=grade,
    )
    try:
        row.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError(gettext("The name or the grade is too long.")) from exc
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        row = OptOut.objects.get(notice=notice, school=school, name_key=row.name_key, grade=grade)
    return row
