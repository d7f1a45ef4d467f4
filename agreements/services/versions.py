"""Writes of MOU versions: a draft is written and rewritten; an adopted version never changes.

A version is adopted in two ways only: the MOU's first version, recording the text of an
MOU signed before it was kept here (adopted on the MOU's effective date), and a revision
adopted when its review closes (``agreements.services.reviews.review_close``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from agreements.models import Clause, MOUClause, MOUReview, MOUVersion, ReviewStatus
from core.attachments import checked_attachment
from core.audit import audit_record, changes_between, field_values
from core.errors import ApplicationError, ConflictError
from roster.models import MOU

if TYPE_CHECKING:
    from django.contrib.auth.models import User

VERSION_FIELDS = (
    "text",
    "removal_response_days",
    "review_cycle_months",
    "bars_ordinary_discipline",
    "changes_en",
    "changes_es",
)


@dataclass(frozen=True)
class VersionTerms:
    """What a coordinator writes in a version: its text, its structured terms, what
    changed, and each clause's wording (``Clause`` value -> (English, Spanish))."""

    text: str = ""
    removal_response_days: int = 30
    review_cycle_months: int = 12
    bars_ordinary_discipline: bool = True
    changes_en: str = ""
    changes_es: str = ""
    clauses: Mapping[str, tuple[str, str]] | None = None


def _clause_rows(terms: VersionTerms) -> dict[str, tuple[str, str]]:
    rows: dict[str, tuple[str, str]] = {}
    for clause, (text_en, text_es) in (terms.clauses or {}).items():
        if clause not in Clause.values:
            raise ApplicationError(f"{clause!r} is not a clause an MOU carries.")
        text_en, text_es = text_en.strip(), text_es.strip()
        if text_es and not text_en:
            label = Clause(clause).label
            raise ApplicationError(
                f"The clause {label!r} has Spanish wording but no English wording: "
                "write the English first."
            )
        if text_en:
            rows[clause] = (text_en, text_es)
    return rows


def _write(version: MOUVersion, terms: VersionTerms, document: UploadedFile | None) -> None:
    for name in VERSION_FIELDS:
        setattr(version, name, getattr(terms, name))
    if document is not None:
        checked_attachment(document)
        version.document = document
    version.full_clean(exclude=["mou"])
    version.save()
    version.clauses.all().delete()
    clauses = [
        MOUClause(version=version, clause=clause, text_en=text_en, text_es=text_es)
        for clause, (text_en, text_es) in _clause_rows(terms).items()
    ]
    for clause in clauses:
        clause.full_clean(exclude=["version"])
    MOUClause.objects.bulk_create(clauses)


def _snapshot(version: MOUVersion) -> dict[str, object]:
    values = field_values(version, (*VERSION_FIELDS, "document"))
    values["document"] = version.document.name if version.document else ""
    values["clauses"] = {c.clause: [c.text_en, c.text_es] for c in version.clauses.all()}
    return values


def version_create(
    *,
    mou: MOU,
    terms: VersionTerms,
    actor: User,
    document: UploadedFile | None = None,
    review: MOUReview | None = None,
    adopt_as_first: bool = False,
) -> MOUVersion:
    """A new version: a draft, the proposal of an open ``review``, or (``adopt_as_first``)
    the text of an MOU that has no version yet, adopted on its effective date."""
    with transaction.atomic():
        mou = MOU.objects.select_for_update().get(pk=mou.pk)
        if review is not None:
            review = MOUReview.objects.select_for_update().get(pk=review.pk)
            if review.mou_id != mou.pk:
                raise ApplicationError("The review is of another MOU.")
            if review.status != ReviewStatus.OPEN:
                raise ConflictError("Only an open review can propose a revision.")
            if review.proposed_version_id is not None:
                raise ConflictError("The review already proposes a version; edit that one instead.")
        if adopt_as_first and mou.versions.exists():
            raise ConflictError(
                "The MOU already has a version; a later one is adopted by closing a review"
                " as revised."
            )
        number = (mou.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = MOUVersion(
            mou=mou,
            number=number,
            created_by=actor,
            adopted_on=mou.effective_date if adopt_as_first else None,
        )
        _write(version, terms, document)
        if review is not None:
            review.proposed_version = version
            review.save(update_fields=["proposed_version", "updated_at"])
        audit_record(
            actor=actor,
            action="mou_version.adopted_as_first" if adopt_as_first else "mou_version.created",
            target=version,
            district=mou.district_id,
            changes=changes_between({}, {"number": number, **_snapshot(version)}),
            reason=f"Proposed in review {review.pk}" if review else "",
        )
    return version


def version_update(
    *,
    version: MOUVersion,
    terms: VersionTerms,
    actor: User,
    document: UploadedFile | None = None,
) -> MOUVersion:
    """Rewrite a draft version; an adopted version is refused and nothing changes."""
    with transaction.atomic():
        version = MOUVersion.objects.select_for_update().get(pk=version.pk)
        if version.adopted_on is not None:
            raise ConflictError(
                f"Version {version.number} was adopted on {version.adopted_on:%Y-%m-%d} and"
                " never changes; propose a revision in a review instead."
            )
        before = _snapshot(version)
        _write(version, terms, document)
        after = _snapshot(version)
        if after != before:
            audit_record(
                actor=actor,
                action="mou_version.updated",
                target=version,
                district=version.mou.district_id,
                changes=changes_between(before, after),
            )
    return version


def version_adopt(*, version: MOUVersion, on: datetime.date) -> MOUVersion:
    """Mark a draft adopted; called by ``review_close`` inside its transaction, which
    writes the audit row of the decision."""
    if version.adopted_on is not None:
        raise ConflictError(f"Version {version.number} is already adopted.")
    version.adopted_on = on
    version.full_clean()
    version.save(update_fields=["adopted_on", "updated_at"])
    return version
