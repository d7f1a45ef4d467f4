"""Writes to the course catalog and the MOUs' training requirements."""

from __future__ import annotations

from decimal import Decimal
from typing import IO, TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record, changes_between, field_values
from core.tabular import read_upload
from roster.models import MOU
from training_records.imports import (
    read_course_rows,
)
from training_records.models import (
    Course,
    TrainingRequirement,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Catalog ------------------------------------------------------------------------


def course_catalog_import(
    *, data: IO[bytes] | bytes, filename: str, actor: User | None = None
) -> dict[str, int]:
    """Create or update courses by code from a catalog file; all rows or none."""
    rows = read_course_rows(read_upload(data), filename)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        existing = {c.code.upper(): c for c in Course.objects.all()}
        for row in rows:
            wanted = {
                "title": row.title,
                "category": row.category,
                "hours": row.hours,
                "refresher_months": row.refresher_months,
            }
            course = existing.get(row.code.upper())
            if course is None:
                course = Course(code=row.code, aliases=row.aliases, **wanted)
                before: dict = {}
                counts["created"] += 1
            else:
                if row.aliases:
                    wanted["aliases"] = row.aliases
                before = field_values(course, wanted)
                if before == wanted:
                    counts["unchanged"] += 1
                    continue
                for key, value in wanted.items():
                    setattr(course, key, value)
                counts["updated"] += 1
            course.full_clean()
            course.save()
            audit_record(
                actor=actor,
                action="training.course_saved",
                target=course,
                reason=f"catalog file {filename}",
                changes=changes_between(before, field_values(course, wanted)),
            )
    return counts


# Requirements -------------------------------------------------------------------


def training_requirement_create(
    *,
    mou: MOU,
    course: Course | None = None,
    category: str = "",
    min_hours: Decimal = Decimal("0"),
    initial: bool = False,
    refresh_months: int | None = None,
    actor: User | None = None,
) -> TrainingRequirement:
    requirement = TrainingRequirement(
        mou=mou,
        course=course,
        category=category or "",
        min_hours=min_hours,
        initial=initial,
        refresh_months=refresh_months,
    )
    with transaction.atomic():
        requirement.full_clean()
        requirement.save()
        audit_record(
            actor=actor,
            action="training.requirement_created",
            target=requirement,
            district=mou.district_id,
            changes=changes_between(
                {},
                field_values(
                    requirement,
                    ["mou", "course", "category", "min_hours", "initial", "refresh_months"],
                ),
            ),
        )
    return requirement


def training_requirement_delete(
    *, requirement: TrainingRequirement, actor: User | None = None
) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="training.requirement_deleted",
            target=requirement,
            district=requirement.mou.district_id,
            changes=changes_between(
                field_values(
                    requirement, ["course", "category", "min_hours", "initial", "refresh_months"]
                ),
                {},
            ),
        )
        requirement.delete()
