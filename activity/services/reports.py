from __future__ import annotations

from django.db import transaction

from activity.models import PublishedReport
from roster.audit import audit_record
from roster.errors import ConflictError
from roster.models import District, EvaluationPeriod


def report_publish(*, district: District, period: EvaluationPeriod, actor) -> PublishedReport:
    """Make the period's activity report public (the page and its CSV, XLSX and PDF)."""
    if period.district_id != district.pk:
        raise ConflictError("That school year belongs to another district.")
    with transaction.atomic():
        report, created = PublishedReport.objects.get_or_create(
            district=district, period=period, defaults={"published_by": actor}
        )
        if not created:
            raise ConflictError(f"The {period.name} report is already public.")
        audit_record(actor=actor, action="activity.report_published", target=report, district=district,
                     changes={"period": [None, period.name]})
    return report


def report_unpublish(*, report: PublishedReport, actor) -> None:
    """Take a period's report off the public site (publishing it again is allowed).

    The figures were never stored, so nothing else changes; the audit log keeps
    who published it, who took it down and when.
    """
    with transaction.atomic():
        locked = PublishedReport.objects.select_for_update().filter(pk=report.pk).first()
        if locked is None:
            raise ConflictError("That report is not public any more.")
        audit_record(actor=actor, action="activity.report_unpublished", target=locked, district=locked.district_id,
                     changes={"period": [locked.period.name, None]})
        locked.delete()
