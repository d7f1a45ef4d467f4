"""District settings, schools and agencies: what a coordinator sets up themself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError
from roster.models import Agency, District, School
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DISTRICT_SETTINGS = (
    "name",
    "survey_min_responses",
    "comment_min_responses",
    "public_suppression_threshold",
    "training_reminder_days",
    "public_contact_name",
    "public_contact_email",
    "public_contact_phone",
)
SCHOOL_FIELDS = ("code", "name", "level", "enrollment")
AGENCY_FIELDS = ("code", "name", "contact_name", "contact_email", "contact_phone")


def _only(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"Not a setting that can be changed here: {', '.join(unknown)}")


def district_settings_update(*, district: District, actor: User, **fields: Any) -> District:
    """Change the district's name and thresholds, audited with what changed.

    Lowering k or the comment minimum is allowed, and is not a leak of what is
    already released (ARCHITECTURE invariant 3): every release stores the k and
    comment minimum it was made with, and ``Released.k_of``/``comment_min_of``
    read each one with the higher of its own and the district's current value; a
    campaign keeps the k of the day it was created as its response step (and its
    release uses at least that). So a lower k only applies to campaigns created
    afterwards, whose figures pass the disclosure audit at release; figures
    already seen are never shown with smaller cells. Raising k re-suppresses
    everything stored (the same max), as invariant 4 asks.
    """
    _only(fields, DISTRICT_SETTINGS)
    with transaction.atomic():
        district = District.objects.select_for_update().get(pk=district.pk)
        before = field_values(district, DISTRICT_SETTINGS)
        for name, value in fields.items():
            setattr(district, name, value)
        district.full_clean()
        after = field_values(district, DISTRICT_SETTINGS)
        changes = changes_between(before, after)
        if not changes:
            return district
        district.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=actor,
            action="district.settings_updated",
            target=district,
            district=district,
            changes=changes,
        )
    return district


def _school_code_taken(*, district_id: int, code: str, school_pk: int | None) -> bool:
    return (
        School.objects.filter(district_id=district_id, code__iexact=code)
        .exclude(pk=school_pk)
        .exists()
    )


def _school_code_error(code: str) -> ValidationError:
    return ValidationError(
        {"code": f"The district already has a school with the code {code}; each code is used once."}
    )


def _school_save(school: School, *, update_fields: list[str] | None = None) -> None:
    """Save, turning the unique code constraint lost to a concurrent request (a
    double click) into the same field error as the check before it."""
    if _school_code_taken(district_id=school.district_id, code=school.code, school_pk=school.pk):
        raise _school_code_error(school.code)
    school.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            school.save(update_fields=update_fields)
    except IntegrityError as error:
        raise _school_code_error(school.code) from error


def school_create(
    *,
    district: District,
    actor: User,
    code: str,
    name: str,
    level: str,
    enrollment: int | None = None,
) -> School:
    with transaction.atomic():
        school = School(district=district, code=code, name=name, level=level, enrollment=enrollment)
        _school_save(school)
        audit_record(
            actor=actor,
            action="school.created",
            target=school,
            district=district,
            changes=changes_between({}, field_values(school, SCHOOL_FIELDS)),
        )
    return school


def school_update(*, school: School, actor: User, **fields: Any) -> School:
    _only(fields, SCHOOL_FIELDS)
    with transaction.atomic():
        school = School.objects.select_for_update().get(pk=school.pk)
        before = field_values(school, SCHOOL_FIELDS)
        for name, value in fields.items():
            setattr(school, name, value)
        changes = changes_between(before, field_values(school, SCHOOL_FIELDS))
        if not changes:
            return school
        _school_save(school, update_fields=[*fields, "updated_at"])
        audit_record(
            actor=actor,
            action="school.updated",
            target=school,
            district=school.district_id,
            changes=changes,
        )
    return school


def _agency_code_error(code: str, *, linked: bool) -> ValidationError:
    # Agencies are shared by the districts that work with them. Before it is linked,
    # the other agency is named by nothing but the code the coordinator typed, so the
    # refusal tells no more than that the code is in use.
    if linked:
        return ValidationError({"code": f"Your district already works with the agency {code}."})
    return ValidationError(
        {
            "code": f"An agency with the code {code} is already registered (it works with another "
            "district). If your district works with it too, link it by its code instead of "
            "adding it again."
        }
    )


def _works_with(agency: Agency, district: District) -> bool:
    """Linked to the district, or under an MOU with it (Scope.coordinator_agency_ids)."""
    return District.objects.filter(
        Q(agencies=agency) | Q(mous__agency=agency), pk=district.pk
    ).exists()


def agency_create(
    *,
    district: District,
    actor: User,
    code: str,
    name: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Agency:
    """Register a new agency and link it to ``district``.

    A code already in use is refused with a pointer to ``agency_link``: a second
    agency with the same code would split its officers and records in two.
    """
    with transaction.atomic():
        existing = Agency.objects.filter(code__iexact=code).first()
        if existing is not None:
            raise _agency_code_error(code, linked=_works_with(existing, district))
        agency = Agency(
            code=code,
            name=name,
            contact_name=contact_name,
            contact_email=contact_email,
            contact_phone=contact_phone,
        )
        agency.full_clean(validate_constraints=False, validate_unique=False)
        try:
            with transaction.atomic():
                agency.save()
        except IntegrityError as error:
            raise _agency_code_error(code, linked=False) from error
        agency.districts.add(district)
        audit_record(
            actor=actor,
            action="agency.created",
            target=agency,
            district=district,
            changes=changes_between({}, field_values(agency, AGENCY_FIELDS)),
        )
    return agency


def agency_link(*, district: District, actor: User, code: str) -> Agency:
    """Link an agency already registered (by another district) to ``district``.

    The coordinator must type the agency's exact code (letter case aside): the
    registered agencies are never listed to them, so no other district's partners
    can be browsed. The link is audited, as it lets the district see the agency.
    """
    code = code.strip()
    with transaction.atomic():
        agency = Agency.objects.filter(code__iexact=code).first()
        if agency is None:
            raise ValidationError(
                {"code": f"No agency has the code {code}. Check it with the agency, or add it."}
            )
        if _works_with(agency, district):
            raise ApplicationError(f"Your district already works with the agency {agency.code}.")
        agency.districts.add(district)
        audit_record(
            actor=actor,
            action="agency.linked",
            target=agency,
            district=district,
            changes={"districts": [None, district.code]},
        )
    return agency


def _refuse_shared_beyond(*, agency: Agency, actor: User) -> None:
    """Refuse a change to an agency that also works with a district the actor doesn't
    coordinate.

    Linking takes nothing but the agency's code, so without this a coordinator who
    typed (or guessed) it could rename it under the other district, change its
    code so that district's next officers file makes a second agency, or point its
    contact email at themself, and the other district would not see the audit row.
    """
    scope = scope_for(actor)
    if scope.is_superuser:
        return
    elsewhere = (
        District.objects.filter(Q(agencies=agency) | Q(mous__agency=agency))
        .exclude(pk__in=scope.coordinator_district_ids)
        .exists()
    )
    if elsewhere:
        raise ApplicationError(
            f"{agency.code} also works with another district, so one district can't change "
            "its code, name or contact: ask a site administrator to correct it."
        )


def agency_update(
    *, agency: Agency, district: District | None, actor: User, **fields: Any
) -> Agency:
    """Correct an agency's name, code or contact; ``district`` is the one acting,
    for the audit (an agency is shared by the districts working with it)."""
    _only(fields, AGENCY_FIELDS)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        _refuse_shared_beyond(agency=agency, actor=actor)
        before = field_values(agency, AGENCY_FIELDS)
        for name, value in fields.items():
            setattr(agency, name, value)
        changes = changes_between(before, field_values(agency, AGENCY_FIELDS))
        if not changes:
            return agency
        if (
            "code" in changes
            and Agency.objects.filter(code__iexact=agency.code).exclude(pk=agency.pk).exists()
        ):
            raise ValidationError({"code": f"The code {agency.code} is used by another agency."})
        agency.full_clean(validate_constraints=False, validate_unique=False)
        try:
            with transaction.atomic():
                agency.save(update_fields=[*fields, "updated_at"])
        except IntegrityError as error:
            raise ValidationError(
                {"code": f"The code {agency.code} is used by another agency."}
            ) from error
        audit_record(
            actor=actor,
            action="agency.updated",
            target=agency,
            district=district,
            changes=changes,
        )
    return agency
