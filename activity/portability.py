"""The district's activity data for the portability export (roster/portability.py).

Incidents carry no student identity to begin with; complaints go out without their
tracking-code hash (it would let a holder of the export test guessed codes); report
releases go out as their dates and thresholds, without the counts they hid.
"""

from __future__ import annotations

from activity.models import (
    Complaint,
    EnforcementAction,
    Enrollment,
    Incident,
    PublishedReport,
    ReportRelease,
)
from roster.models import District


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    incidents = Incident.objects.filter(school__district=district).order_by("date", "pk")
    return [
        (
            "incidents",
            [
                "agency",
                "incident_number",
                "officer_badge",
                "school",
                "date",
                "offense_category",
                "ordinary_discipline",
                "race_ethnicity",
                "sex",
                "disability",
                "english_learner",
                "grade",
            ],
            incidents.values_list(
                "agency__code",
                "incident_number",
                "officer__badge_number",
                "school__code",
                "date",
                "offense_category",
                "ordinary_discipline",
                "race_ethnicity",
                "sex",
                "disability",
                "english_learner",
                "grade",
            ),
        ),
        (
            "actions",
            ["agency", "incident_number", "action_type", "force_level"],
            EnforcementAction.objects.filter(incident__in=incidents)
            .order_by("incident__date", "incident_id", "action_type")
            .values_list(
                "incident__agency__code", "incident__incident_number", "action_type", "force_level"
            ),
        ),
        (
            "enrollment",
            ["school", "period", "dimension", "group", "students"],
            Enrollment.objects.filter(school__district=district)
            .order_by("school__code", "period__name", "dimension", "group")
            .values_list("school__code", "period__name", "dimension", "group", "students"),
        ),
        (
            "complaints",
            [
                "id",
                "school",
                "officer_agency",
                "officer_badge",
                "received_date",
                "incident_date",
                "source",
                "allegations",
                "account",
                "contact_name",
                "contact_email",
                "contact_phone",
                "status",
                "investigation_started_on",
                "closed_on",
                "findings",
            ],
            (
                (
                    c.pk,
                    c.school.code if c.school else "",
                    c.officer.agency.code if c.officer else "",
                    c.officer.badge_number if c.officer else "",
                    c.received_date,
                    c.incident_date,
                    c.source,
                    ";".join(c.allegations),
                    c.account,
                    c.contact_name,
                    c.contact_email,
                    c.contact_phone,
                    c.status,
                    c.investigation_started_on,
                    c.closed_on,
                    c.findings,
                )
                for c in Complaint.objects.filter(district=district)
                .select_related("school", "officer__agency")
                .order_by("pk")
            ),
        ),
        (
            "published_reports",
            ["period", "published_at"],
            PublishedReport.objects.filter(district=district).values_list(
                "period__name", "created_at"
            ),
        ),
        # When each release went public; its figures are the public report's own downloads
        # (a release's tables can pass a spreadsheet cell's 32,767 characters).
        (
            "report_releases",
            ["period", "release", "released_at", "threshold"],
            ReportRelease.objects.filter(district=district)
            .order_by("period__start_date", "number")
            .values_list("period__name", "number", "created_at", "threshold"),
        ),
    ]
