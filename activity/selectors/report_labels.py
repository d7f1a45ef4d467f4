"""Every word of the public report's tables, in the reader's language, by table slug.

A release stores its tables as the public saw them, but the words around the figures
(titles, descriptions, column and row names) are looked up here each time a release
is read, in the active language: the same frozen figures read in English or Spanish,
and a corrected label reaches every release already published.

The labels of action types and complaint outcomes are repeated here rather than read
from the models' choices: the report is the only place they are shown to the public,
and it keeps its own wording (a column reads "Arrest", not the staff form's prompt).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from activity.models import ActionType, ComplaintStatus
from activity.models.demographics import DIMENSION_GROUPS, Dimension

ENFORCEMENT_COLUMNS = (
    ActionType.ARREST,
    ActionType.CITATION,
    ActionType.SUMMONS,
    ActionType.REFERRAL,
    ActionType.SEARCH,
    ActionType.RESTRAINT,
    ActionType.USE_OF_FORCE,
)
ALTERNATIVE_COLUMNS = (
    ActionType.WARNING,
    ActionType.RESTORATIVE_CONFERENCE,
    ActionType.COUNSELOR_REFERRAL,
    ActionType.DIVERSION,
    ActionType.FAMILY_CONFERENCE,
)
DISTRICT_ROW = "district"
NO_SCHOOL_ROW = "no_school"


@dataclass(frozen=True)
class TableText:
    title: str
    sheet: str  # a spreadsheet's sheet name: at most 31 characters, unique in the workbook
    description: str
    columns: tuple[str, ...]  # the first names the rows


def action_label(action_type: str) -> str:
    return {
        ActionType.ARREST: _("Arrest"),
        ActionType.CITATION: _("Citation or ticket"),
        ActionType.SUMMONS: _("Summons"),
        ActionType.REFERRAL: _("Referral to law enforcement"),
        ActionType.SEARCH: _("Search"),
        ActionType.RESTRAINT: _("Handcuffing or restraint"),
        ActionType.USE_OF_FORCE: _("Use of force"),
        ActionType.WARNING: _("Warning"),
        ActionType.RESTORATIVE_CONFERENCE: _("Restorative conference"),
        ActionType.COUNSELOR_REFERRAL: _("Referral to counselor or mental-health services"),
        ActionType.DIVERSION: _("Diversion program"),
        ActionType.FAMILY_CONFERENCE: _("Family conference"),
    }[ActionType(action_type)]


def complaint_label(status: str) -> str:
    return {
        ComplaintStatus.RECEIVED: _("Received"),
        ComplaintStatus.INVESTIGATING: _("Under investigation"),
        ComplaintStatus.SUSTAINED: _("Sustained"),
        ComplaintStatus.NOT_SUSTAINED: _("Not sustained"),
        ComplaintStatus.UNFOUNDED: _("Unfounded"),
        ComplaintStatus.EXONERATED: _("Exonerated"),
        ComplaintStatus.WITHDRAWN: _("Withdrawn"),
    }[ComplaintStatus(status)]


def _by_dimension(kind: str, dimension: str) -> tuple[str, str]:
    """(title, sheet name): written out whole, so each reads right in each language."""
    return {
        ("arrest", Dimension.RACE_ETHNICITY): (
            _("Arrests by race/ethnicity"),
            _("Arrests by race"),
        ),
        ("arrest", Dimension.SEX): (_("Arrests by sex"), _("Arrests by sex")),
        ("arrest", Dimension.DISABILITY): (_("Arrests by disability"), _("Arrests by disability")),
        ("arrest", Dimension.ENGLISH_LEARNER): (
            _("Arrests by English learner"),
            _("Arrests, English learners"),
        ),
        ("referral", Dimension.RACE_ETHNICITY): (
            _("Referrals to law enforcement by race/ethnicity"),
            _("Referrals by race"),
        ),
        ("referral", Dimension.SEX): (
            _("Referrals to law enforcement by sex"),
            _("Referrals by sex"),
        ),
        ("referral", Dimension.DISABILITY): (
            _("Referrals to law enforcement by disability"),
            _("Referrals by disability"),
        ),
        ("referral", Dimension.ENGLISH_LEARNER): (
            _("Referrals to law enforcement by English learner"),
            _("Referrals, English learners"),
        ),
        ("relative", Dimension.RACE_ETHNICITY): (
            _("Relative rate of arrest by race/ethnicity"),
            _("Relative rate by race"),
        ),
        ("relative", Dimension.SEX): (
            _("Relative rate of arrest by sex"),
            _("Relative rate by sex"),
        ),
        ("relative", Dimension.DISABILITY): (
            _("Relative rate of arrest by disability"),
            _("Relative rate by disability"),
        ),
        ("relative", Dimension.ENGLISH_LEARNER): (
            _("Relative rate of arrest by English learner"),
            _("Relative rate, English learners"),
        ),
    }[(kind, Dimension(dimension))]


def table_text(slug: str) -> TableText | None:
    """The words of the table ``slug`` in the active language; None for an unknown slug."""
    school = _("School")
    if slug == "incidents":
        return TableText(
            _("Incidents and alternatives"),
            _("Incidents and alternatives"),
            _(
                "Each incident is one student's contact with an officer. An incident is handled with an "
                "alternative when it had an alternative and no arrest, citation, summons or referral to law "
                "enforcement."
            ),
            (
                school,
                _("Incidents"),
                _("With an outcome"),
                _("Handled with an alternative"),
                _("Ordinary school discipline"),
                *(action_label(t) for t in ALTERNATIVE_COLUMNS),
            ),
        )
    if slug == "enforcement":
        return TableText(
            _("Enforcement actions by type"),
            _("Enforcement actions"),
            _(
                "Students arrested, cited, summoned, referred to law enforcement, searched, restrained, or "
                "subjected to force."
            ),
            (school, *(action_label(t) for t in ENFORCEMENT_COLUMNS)),
        )
    if slug == "rates":
        return TableText(
            _("Rates"),
            _("Rates"),
            _(
                "Arrests and referrals per 1,000 enrolled students, and the share of incidents with an "
                "outcome that were handled with an alternative."
            ),
            (
                school,
                _("Enrollment"),
                _("Arrests per 1,000 students"),
                _("Referrals per 1,000 students"),
                _("Handled with an alternative"),
            ),
        )
    if slug == "complaints":
        return TableText(
            _("Complaints by outcome"),
            _("Complaints"),
            _(
                "Complaints about officers received during the period, by the status of their "
                "investigation."
            ),
            (school, *(complaint_label(s) for s in ComplaintStatus.values), _("Total")),
        )
    kind, _dash, dimension = slug.partition("-")
    if dimension not in DIMENSION_GROUPS or kind not in ("arrest", "referral", "relative"):
        return None
    title, sheet = _by_dimension(kind, dimension)
    groups = tuple(str(label) for label in DIMENSION_GROUPS[dimension].labels)
    if kind == "relative":
        return TableText(
            title,
            sheet,
            _(
                "A group's share of arrests divided by its share of enrollment: 1.00 means arrested in "
                "proportion to enrollment, 2.00 twice as often."
            ),
            (school, *groups),
        )
    description = (
        _("Arrests of students in each group; the last column is the total.")
        if kind == "arrest"
        else _(
            "Referrals to law enforcement of students in each group; the last column is the total."
        )
    )
    return TableText(title, sheet, description, (school, *groups, _("Total")))


def row_label(key: str, stored: str) -> str:
    """The district's total row and the complaints without a school, in the active language;
    a school's row keeps its name."""
    if key == DISTRICT_ROW:
        return _("All schools")
    if key == NO_SCHOOL_ROW:
        return _("No school named")
    return stored
