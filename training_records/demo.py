"""Demo training: the catalog, each MOU's requirements, about four years of records
(some officers overdue, some due soon) and a few staff sessions.

Dates count back from today, so the dashboard always shows live states; rows are
keyed by natural keys, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from core.dates import today
from roster.models import MOU
from training_records.compliance import add_months
from training_records.models import (
    Category,
    Course,
    StaffTrainingSession,
    TrainingRecord,
    TrainingRequirement,
)

# The shared sample catalog (../shared/data/training_courses.csv), plus aliases.
COURSES = [
    (
        "SRO-101",
        "Basic School Resource Officer Course",
        "sro_foundations",
        40,
        None,
        ["NASRO Basic SRO"],
    ),
    ("CIT-40", "Crisis Intervention Team (CIT) Training", "de_escalation", 40, 36, ["CIT 40-hour"]),
    (
        "ICAT-16",
        "ICAT De-escalation: Integrating Communications, Assessment and Tactics",
        "de_escalation",
        16,
        24,
        ["ICAT"],
    ),
    ("ADOL-4", "Adolescent Brain Development and Behavior", "adolescent_development", 4, 24, []),
    (
        "CONST-4",
        "Constitutional Law in Schools: Search, Seizure and Interrogation of Students",
        "civil_rights",
        4,
        12,
        [],
    ),
    (
        "CR-4",
        "Civil Rights in Schools: Title VI, Title IX, Section 504 and the ADA",
        "civil_rights",
        4,
        12,
        [],
    ),
    ("RJ-8", "Restorative Justice Practices for School Settings", "restorative_justice", 8, 24, []),
    ("BIAS-4", "Implicit Bias and Procedural Justice", "bias", 4, 12, []),
    ("YMHFA-8", "Youth Mental Health First Aid", "mental_health", 8, 36, ["YMHFA"]),
    ("TRAUMA-4", "Trauma-Informed Approaches with Youth", "mental_health", 4, 24, []),
    ("SPED-4", "Students with Disabilities: IDEA and Behavior Plans", "disability", 4, 24, []),
    ("FERPA-2", "FERPA and Student Records Privacy", "privacy", 2, 24, []),
    ("ALERRT-8", "Active Attack Response (ALERRT Level I)", "other", 8, 12, []),
    ("FIRE-Q", "Firearms Qualification", "other", 4, 6, []),
]
# (course code or "", category or "", min hours, initial, refresh months)
REQUIREMENTS = [
    ("SRO-101", "", 0, True, None),
    ("", Category.DE_ESCALATION, 16, True, 24),
    ("CONST-4", "", 0, False, 12),
    ("CR-4", "", 0, False, 12),
    ("ADOL-4", "", 0, True, 24),
    ("RJ-8", "", 0, False, 24),
    ("BIAS-4", "", 0, False, 12),
    ("", Category.MENTAL_HEALTH, 8, False, 36),
    ("SPED-4", "", 0, False, 24),
    ("FERPA-2", "", 0, False, 24),
]
# Courses each demo officer takes, refreshed on schedule unless the officer lags.
TAKEN = [
    "SRO-101",
    "ICAT-16",
    "CONST-4",
    "CR-4",
    "ADOL-4",
    "RJ-8",
    "BIAS-4",
    "YMHFA-8",
    "SPED-4",
    "FERPA-2",
]
STAFF_TOPICS = [
    "The SRO's role: when to call, and when not to",
    "Classroom discipline stays with educators",
    "Restorative circles for staff",
]


def _courses() -> dict[str, Course]:
    courses = {}
    for code, title, category, hours, refresher, aliases in COURSES:
        courses[code], _ = Course.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "category": category,
                "hours": Decimal(hours),
                "refresher_months": refresher,
                "aliases": aliases,
            },
        )
    return courses


def _requirements(courses: dict[str, Course]) -> int:
    count = 0
    for mou in MOU.objects.filter(agency__code__in=["MCPD", "HCSO"]):
        for code, category, hours, initial, refresh in REQUIREMENTS:
            TrainingRequirement.objects.get_or_create(
                mou=mou,
                course=courses.get(code),
                category=category,
                defaults={
                    "min_hours": Decimal(hours),
                    "initial": initial,
                    "refresh_months": refresh,
                },
            )
            count += 1
    return count


def _records(context, courses: dict[str, Course]) -> list[TrainingRecord]:
    """Each officer's history, from their basic course nearly four years ago to today.

    Officers at index 1, 5, 9... let civil rights and bias refreshers lapse (overdue);
    2, 6, 10... have constitutional law due within weeks; 3, 11, 19 never took
    restorative justice (missing).
    """
    day = today()
    lapsed_after = add_months(day, -14)
    recent_after = add_months(day, -13)
    records: list[TrainingRecord] = []
    for index, ((_agency, _badge), officer) in enumerate(sorted(context.officers.items())):
        basic = add_months(day, -44) + datetime.timedelta(days=index * 3)
        lag = index % 4
        for offset, code in enumerate(TAKEN):
            course = courses[code]
            if lag == 3 and index % 8 == 3 and code == "RJ-8":
                continue
            taken = basic + datetime.timedelta(days=offset * 9)
            dates = []
            while taken <= day:
                dates.append(taken)
                if not course.refresher_months:
                    break
                taken = add_months(taken, course.refresher_months)
            if lag == 1 and code in ("CR-4", "BIAS-4"):
                dates = [d for d in dates if d <= lapsed_after]
            if lag == 2 and code == "CONST-4":
                dates = [d for d in dates if d <= recent_after] + [
                    add_months(day, -12) + datetime.timedelta(days=20 + index)
                ]
            records.extend(
                TrainingRecord(
                    officer=officer,
                    course=course,
                    completed_on=completed_on,
                    hours=course.hours,
                    provider="Regional Academy" if index % 2 else "State POST Academy",
                )
                for completed_on in dates
            )
    return records


def _staff_sessions(context) -> None:
    day = today()
    for number, (_code, school) in enumerate(sorted(context.schools.items())):
        held = day - datetime.timedelta(days=30 + 17 * number)
        StaffTrainingSession.objects.get_or_create(
            school=school,
            held_on=held,
            topic=STAFF_TOPICS[number % len(STAFF_TOPICS)],
            defaults={"attendee_count": 20 + 3 * number},
        )


@transaction.atomic
def load_demo(context) -> str:
    courses = _courses()
    requirements = _requirements(courses)
    records = _records(context, courses)
    before = TrainingRecord.objects.count()
    TrainingRecord.objects.bulk_create(records, ignore_conflicts=True, batch_size=1000)
    _staff_sessions(context)
    added = TrainingRecord.objects.count() - before
    return f"{len(courses)} courses, {requirements} MOU requirements, {len(records)} training records ({added} new)."
