"""Publishing the public activity report as frozen releases (ARCHITECTURE.md, public figures).

A release is a stored, dated set of figures; the public page, CSV, XLSX and PDF read
the period's latest release, never live data, so publishing a running period and
looking again a day later shows nothing that moved by one. Re-publishing follows the
release rule against every earlier release of the period (the public may have kept
any of them): a count that moved by 1 to threshold-1 since a release showed it is
suppressed in the new one, with its complements (activity/suppression.py). A release
that would show the public nothing it can't already see is refused and stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from activity.models import PublishedReport, ReportRelease
from activity.selectors.public_report import public_report_build
from activity.selectors.releases import period_releases, report_fingerprint, tables_to_json
from activity.selectors.report_tables import BuiltReport
from core.audit import audit_record
from core.errors import ConflictError
from roster.models import District, EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Publication:
    release: ReportRelease
    stored: bool  # False: a report taken down came back with its latest release
    repeated: bool = False  # True: the same confirmation arrived twice (a double click)


def report_publish(
    *,
    district: District,
    period: EvaluationPeriod,
    actor: User,
    after_release: int | None = None,
    previewed: str | None = None,
) -> Publication:
    """Store a release of the period's report (the counts as of now) and make it public.

    From the publish page, ``after_release`` is the latest release number the coordinator
    saw in the preview (0 for none) and ``previewed`` the preview's fingerprint: a second
    submit of the same confirmation finds a newer release and stores nothing, and figures
    that changed since the preview are refused, so what is stored is what was previewed.
    """
    if period.district_id != district.pk:
        raise ConflictError("That school year belongs to another district.")
    with transaction.atomic():
        # One publisher at a time per period: the rule is checked against the releases
        # as they are, and the next number is theirs plus one (also a unique constraint).
        EvaluationPeriod.objects.select_for_update().filter(pk=period.pk).first()
        earlier = period_releases(period=period)
        latest = earlier[-1] if earlier else None
        if after_release is not None and latest is not None and latest.number > after_release:
            return Publication(latest, stored=False, repeated=True)
        built = public_report_build(
            district=district,
            period=period,
            earlier=[(release.counts, release.hidden) for release in earlier],
        )
        if previewed is not None and previewed != report_fingerprint(built):
            raise ConflictError(
                "The figures changed since the preview (new records came in). Check the new "
                "preview below, then publish."
            )
        published = PublishedReport.objects.filter(district=district, period=period).first()
        if latest is not None and not _shows_anything_new(built, latest):
            if published is not None:
                raise ConflictError(_nothing_new(built, latest))
            # Taken down earlier: the public sees again what it saw, and nothing is stored but that.
            _make_public(
                district=district, period=period, release=latest, actor=actor, previous=None
            )
            return Publication(latest, stored=False)
        release = ReportRelease(
            district=district,
            period=period,
            number=latest.number + 1 if latest else 1,
            released_by=actor,
            threshold=built.report.threshold,
            tables=tables_to_json(built.report.tables),
            counts=built.counts,
            hidden=sorted(built.hidden),
            held_back=len(built.held_back),
            data_as_of=min(timezone.localdate(), period.end_date),
        )
        release.full_clean()
        release.save()
        _make_public(
            district=district,
            period=period,
            release=release,
            actor=actor,
            previous=latest.number if latest and published else None,
            published=published,
        )
    return Publication(release, stored=True)


def _make_public(
    *,
    district: District,
    period: EvaluationPeriod,
    release: ReportRelease,
    actor: User,
    previous: int | None,
    published: PublishedReport | None = None,
) -> None:
    if published is None:
        published = PublishedReport(district=district, period=period, published_by=actor)
        published.full_clean()
        published.save()
    audit_record(
        actor=actor,
        action="activity.report_published",
        target=release,
        district=district,
        changes={
            "period": [None, period.name],
            "release": [previous, release.number],
            "held_back": [None, release.held_back],
        },
    )


def _cells(tables) -> dict[tuple[str, str, int], tuple[str, bool]]:
    return {
        (t["slug"], r["key"], i): (text, hidden)
        for t in tables
        for r in t["rows"]
        for i, (text, _, hidden) in enumerate(r["cells"])
    }


def _shows_anything_new(built: BuiltReport, latest: ReportRelease) -> bool:
    """Whether the new release shows a figure the latest one doesn't (or uses another threshold)."""
    if built.report.threshold != latest.threshold:
        return True
    old = _cells(latest.tables)
    return any(
        not hidden and old.get(key) != (text, hidden)
        for key, (text, hidden) in _cells(tables_to_json(built.report.tables)).items()
    )


def _nothing_new(built: BuiltReport, latest: ReportRelease) -> str:
    period, day = latest.period.name, f"{timezone.localdate(latest.created_at):%B %-d, %Y}"
    if _cells(tables_to_json(built.report.tables)) == _cells(latest.tables):
        return f"Nothing new to publish: the {period} report released on {day} already shows these figures."
    return (
        f"Nothing new to publish: every figure that changed since the {period} release of {day} would be "
        f"suppressed (a count that moved by fewer than {built.report.threshold} since the public saw it is hidden, "
        f"and so are counts around it), so a new release could only show less. The report stays as released on "
        f"{day}; publish again when the changes are larger."
    )


def report_unpublish(*, report: PublishedReport, actor: User) -> None:
    """Take a period's report off the public site (publishing it again is allowed).

    Its releases are kept: figures once public stay public, and the next release is
    held to the release rule against them. The audit log keeps who published it, who
    took it down and when.
    """
    with transaction.atomic():
        locked = PublishedReport.objects.select_for_update().filter(pk=report.pk).first()
        if locked is None:
            raise ConflictError("That report is not public any more.")
        audit_record(
            actor=actor,
            action="activity.report_unpublished",
            target=locked,
            district=locked.district_id,
            changes={"period": [locked.period.name, None]},
        )
        locked.delete()
