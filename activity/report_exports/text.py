"""The sentences around the public report's figures, in the reader's language.

The page, CSV, XLSX and PDF all take their dates, period, method note, legend and
contact from here, so every format says the same thing in the same words.
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activity.selectors.report_tables import PublicReport, TrendYear, trend_year_label

NOT_AVAILABLE = "—"


def long_date(day: datetime.date) -> str:
    """ "December 5, 2026" / "5 de diciembre de 2026": Django's date format of the language,
    with the month written out in English too (its English DATE_FORMAT abbreviates it)."""
    if (get_language() or "en").startswith("en"):
        return date_format(day, "F j, Y")
    return date_format(day, "DATE_FORMAT")


def report_title(report: PublicReport) -> str:
    return _("%(district)s: law-enforcement activity in schools, %(year)s") % {
        "district": report.district_name,
        "year": report.period_name,
    }


def period_sentence(report: PublicReport) -> str:
    """The days the figures really cover: a report of a running year says so."""
    values = {
        "start": long_date(report.start_date),
        "to": long_date(report.covered_to),
        "end": long_date(report.end_date),
    }
    if report.partial:
        return (
            _(
                "From %(start)s to %(to)s (the school year so far; it ends %(end)s). "
                "Incidents after %(to)s are not counted."
            )
            % values
        )
    return _("From %(start)s to %(end)s (the whole school year).") % values


def date_lines(report: PublicReport) -> list[tuple[str, str]]:
    """(label, date) for the publication date and the "data as of" date."""
    lines = []
    if report.released_on:
        lines.append((_("Published"), long_date(report.released_on)))
    lines.append((_("Data as of"), long_date(report.covered_to)))
    return lines


def release_sentence(report: PublicReport) -> str:
    if not report.release_number:
        return ""
    return _(
        "This is release %(number)s of this report. Its figures stay as they are until the "
        "district publishes a new release."
    ) % {"number": report.release_number}


def method_note(report: PublicReport) -> list[str]:
    """What is counted and what "suppressed" means, and why."""
    threshold = report.threshold
    note = [
        _(
            "What is counted: each enforcement action (an arrest, citation, summons, referral to law "
            "enforcement, search, restraint or use of force) and each alternative used by a School "
            "Resource Officer at a school of the district during the school year. One incident is one "
            "student's contact with an officer; student groups are those of the federal Civil Rights "
            "Data Collection."
        ),
        _(
            "Why some figures are suppressed: a count from 1 to %(below)s could point to a student "
            "someone knows, so it is hidden. Enough counts around it are hidden too, so that it cannot "
            "be worked out from the totals; a suppressed cell may hold any number from 1 up. A rate "
            "built on a hidden count is hidden as well."
        )
        % {"below": threshold - 1},
        _(
            "A figure can also be held back when it changed by fewer than %(threshold)s since an "
            "earlier release of the same year showed it, so that comparing two releases gives no "
            "one away."
        )
        % {"threshold": threshold},
    ]
    return note


def legend(report: PublicReport) -> list[tuple[str, str]]:
    return [
        (
            report.suppressed_label,
            _(
                "A count below %(threshold)s, or a count hidden so that a small one cannot be "
                "worked out."
            )
            % {"threshold": report.threshold},
        ),
        (NOT_AVAILABLE, _("Cannot be computed (for example, no enrollment on record).")),
    ]


def contact_lines(report: PublicReport) -> list[str]:
    """Whom a resident asks about the figures; in general terms when the district named no one."""
    if not report.has_contact:
        return [
            _("For questions about these figures, contact the %(district)s district office.")
            % {"district": report.district_name}
        ]
    return [
        text for text in (report.contact_name, report.contact_email, report.contact_phone) if text
    ]


def trend_heading() -> str:
    return _("Trends over the published school years")


def trend_note(trend: tuple[TrendYear, ...]) -> str:
    note = _(
        "The headline figures for all schools, from the latest release of each published school "
        "year. A suppressed figure stays suppressed here."
    )
    if any(year.partial for year in trend):
        note += " " + _(
            "A year marked “to” a day was still running: it covers only up to that day."
        )
    return note


def trend_label(year: TrendYear) -> str:
    return trend_year_label(year)
