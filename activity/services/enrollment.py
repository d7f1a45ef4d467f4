from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from activity.models import Enrollment
from activity.models.demographics import ALL_GROUP, DIMENSION_GROUPS, Dimension
from core.audit import audit_record, changes_between
from core.errors import ApplicationError
from roster.models import EvaluationPeriod, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def enrollment_set(
    *, school: School, period: EvaluationPeriod, figures: dict[str, int], actor: User
) -> list[Enrollment]:
    """Replace the school's enrollment for the period; ``figures`` maps "dimension:group" or "all"."""
    if period.district_id != school.district_id:
        raise ApplicationError("That school year belongs to another district.")
    rows = []
    for key, students in figures.items():
        dimension, _, group = key.partition(":")
        if dimension == Dimension.ALL:
            group = ALL_GROUP
        row = Enrollment(
            school=school, period=period, dimension=dimension, group=group, students=students
        )
        row.full_clean(validate_unique=False, validate_constraints=False)
        rows.append(row)
    total = figures.get(Dimension.ALL) or figures.get(f"{Dimension.ALL}:{ALL_GROUP}")
    for dimension, choices in DIMENSION_GROUPS.items():
        given = [
            figures[f"{dimension}:{v}"] for v in choices.values if f"{dimension}:{v}" in figures
        ]
        if total is not None and sum(given) > total:
            raise ApplicationError(
                f"The {dimension.replace('_', ' ')} groups add up to more than the total."
            )
    with transaction.atomic():
        before = {
            f"{d}:{g}": n
            for d, g, n in Enrollment.objects.filter(school=school, period=period).values_list(
                "dimension", "group", "students"
            )
        }
        Enrollment.objects.filter(school=school, period=period).delete()
        Enrollment.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="activity.enrollment_set",
            target=school,
            district=school.district_id,
            reason=f"enrollment {period.name}",
            changes=changes_between(before, {f"{r.dimension}:{r.group}": r.students for r in rows}),
        )
    return rows
