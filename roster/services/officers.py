"""Officers: a coordinator adds and corrects the officers of the agencies the district works with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.audit import audit_record, changes_between, field_values
from roster.models import Agency, FormOfAddress, Officer

if TYPE_CHECKING:
    from django.contrib.auth.models import User

OFFICER_FIELDS = (
    "agency",
    "badge_number",
    "first_name",
    "last_name",
    "email",
    "form_of_address",
)


def _badge_taken(*, agency: Agency, badge_number: str) -> ValidationError:
    return ValidationError(
        {"badge_number": f"{agency.code} already has an officer with badge {badge_number}."}
    )


def _save(officer: Officer) -> None:
    """Save ``officer``, its badge unique in its agency: checked first for a clear message,
    and by the database constraint for two requests racing past the check."""
    taken = Officer.objects.filter(
        agency_id=officer.agency_id, badge_number__iexact=officer.badge_number
    ).exclude(pk=officer.pk)
    if taken.exists():
        raise _badge_taken(agency=officer.agency, badge_number=officer.badge_number)
    officer.full_clean()
    try:
        with transaction.atomic():
            officer.save()
    except IntegrityError as error:
        raise _badge_taken(agency=officer.agency, badge_number=officer.badge_number) from error


def officer_create(
    *,
    agency: Agency,
    badge_number: str,
    first_name: str,
    last_name: str,
    email: str = "",
    form_of_address: str = FormOfAddress.NEUTRAL,
    actor: User,
) -> Officer:
    with transaction.atomic():
        officer = Officer(
            agency=agency,
            badge_number=badge_number.strip(),
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
            form_of_address=form_of_address,
        )
        _save(officer)
        audit_record(
            actor=actor,
            action="officer.created",
            target=officer,
            changes=changes_between({}, field_values(officer, OFFICER_FIELDS)),
        )
    return officer


def officer_update(
    *,
    officer: Officer,
    actor: User,
    agency: Agency | None = None,
    badge_number: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    form_of_address: str | None = None,
) -> Officer:
    """Change the given fields (None: left as it is), audited with what changed."""
    with transaction.atomic():
        officer = Officer.objects.select_for_update(of=("self",)).get(pk=officer.pk)
        before = field_values(officer, OFFICER_FIELDS)
        if agency is not None:
            officer.agency = agency
        for name, value in (
            ("badge_number", badge_number),
            ("first_name", first_name),
            ("last_name", last_name),
            ("email", email),
        ):
            if value is not None:
                setattr(officer, name, value.strip())
        if form_of_address is not None:
            officer.form_of_address = form_of_address
        after = field_values(officer, OFFICER_FIELDS)
        if after == before:
            return officer
        _save(officer)
        audit_record(
            actor=actor,
            action="officer.updated",
            target=officer,
            changes=changes_between(before, after),
        )
    return officer
