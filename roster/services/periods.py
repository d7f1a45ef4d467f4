"""School years (evaluation periods): a coordinator adds the district's next year."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.audit import audit_record, changes_between, field_values
from roster.models import District, EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PERIOD_FIELDS = ("name", "start_date", "end_date")


def period_create(
    *,
    district: District,
    actor: User,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
) -> EvaluationPeriod:
    """Add a school year. Years of a district never overlap: every figure of a packet,
    a survey or the public report is counted within one year, and a day in two years
    would be counted twice."""
    period = EvaluationPeriod(
        district=district, name=name, start_date=start_date, end_date=end_date
    )
    with transaction.atomic():
        # One district's years are added one at a time: the overlap check below and
        # the insert must see the same rows.
        District.objects.select_for_update().get(pk=district.pk)
        period.full_clean(validate_constraints=False)
        if EvaluationPeriod.objects.filter(district=district, name__iexact=name).exists():
            raise ValidationError({"name": f"{district.code} already has the school year {name}."})
        overlapping = (
            EvaluationPeriod.objects.filter(district=district)
            .filter(start_date__lte=end_date, end_date__gte=start_date)
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                {
                    "start_date": f"These dates overlap the school year {overlapping.name} "
                    f"({overlapping.start_date:%Y-%m-%d} to {overlapping.end_date:%Y-%m-%d})."
                }
            )
        try:
            with transaction.atomic():
                period.save()
        except IntegrityError as error:
            raise ValidationError(
                {"name": f"{district.code} already has the school year {name}."}
            ) from error
        audit_record(
            actor=actor,
            action="period.created",
            target=period,
            district=district,
            changes=changes_between({}, field_values(period, PERIOD_FIELDS)),
        )
    return period
