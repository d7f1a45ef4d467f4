"""Demo activity: a full school year (the previous one, published) and the current
year to date, with complaints.

North Alternative Campus (240 students) has a high arrest rate; Sunrise Elementary
has only a handful of incidents, and several student groups everywhere are small,
so the public report shows suppressed cells. Seeded, so every load makes
the same rows; keyed by incident number and tracking code, so loading twice adds
nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from activity.models import (
    ALTERNATIVE_TYPES,
    ActionType,
    Allegation,
    Complaint,
    ComplaintSource,
    ComplaintStatus,
    EnforcementAction,
    Enrollment,
    Incident,
    OffenseCategory,
    ReportRelease,
)
from activity.models.demographics import DIMENSION_GROUPS, Dimension
from activity.services.complaints import TRACKING_ALPHABET, hash_tracking_code
from activity.services.reports import report_publish
from core.dates import today
from roster.models import Assignment, EvaluationPeriod, School

SEED = 6
# Share of enrollment per group (CRDC order), before each school's own tilt.
BASE_SHARES = {
    Dimension.RACE_ETHNICITY: [0.28, 0.01, 0.05, 0.22, 0.005, 0.40, 0.035],
    Dimension.SEX: [0.51, 0.487, 0.003],
    Dimension.DISABILITY: [0.13, 0.04, 0.83],
    Dimension.ENGLISH_LEARNER: [0.10, 0.90],
}
# Incidents per 1,000 students per year and the chance that an incident ends in arrest.
PROFILE = {"NAC": (250, 0.45), "SES": (8, 0.0)}
DEFAULT_PROFILE = (45, 0.12)
FINDINGS = {
    ComplaintStatus.SUSTAINED: "Body-worn camera footage supports the complaint; the officer was retrained and reprimanded.",
    ComplaintStatus.NOT_SUSTAINED: "The evidence neither proves nor disproves the allegation.",
    ComplaintStatus.UNFOUNDED: "Camera footage shows the events did not happen as described.",
    ComplaintStatus.EXONERATED: "The officer's actions were lawful and within policy.",
}


def _split(total: int, shares: list[float]) -> list[int]:
    """Whole numbers in proportion to ``shares`` that add up to ``total`` (largest remainder)."""
    raw = [total * s / sum(shares) for s in shares]
    counts = [int(x) for x in raw]
    for index in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
        : total - sum(counts)
    ]:
        counts[index] += 1
    return counts


def _enrollment(
    rng: random.Random, school: School, period: EvaluationPeriod
) -> dict[str, list[int]]:
    total = school.enrollment or 500
    figures: dict[str, list[int]] = {}
    for dimension, shares in BASE_SHARES.items():
        tilted = [share * rng.uniform(0.7, 1.3) for share in shares]
        figures[dimension] = _split(total, tilted)
    if not Enrollment.objects.filter(school=school, period=period).exists():
        rows = [
            Enrollment(
                school=school, period=period, dimension=Dimension.ALL, group="all", students=total
            )
        ]
        for dimension_name, counts in figures.items():
            for value, students in zip(
                DIMENSION_GROUPS[dimension_name].values, counts, strict=True
            ):
                rows.append(
                    Enrollment(
                        school=school,
                        period=period,
                        dimension=dimension_name,
                        group=value,
                        students=students,
                    )
                )
        Enrollment.objects.bulk_create(rows)
    return figures


def _pick(
    rng: random.Random, dimension: str, counts: list[int], bias: dict[str, float] | None = None
) -> str:
    values = DIMENSION_GROUPS[dimension].values
    weights = [n * (bias or {}).get(v, 1.0) for v, n in zip(values, counts, strict=True)]
    return rng.choices(values, weights=weights)[0]


def _actions(rng: random.Random, arrest_chance: float, race: str) -> tuple[list[str], int | None]:
    # Black students are arrested more often in the demo, so the relative rate shows it.
    chance = min(0.9, arrest_chance * (1.8 if race == "black" else 1.0))
    roll = rng.random()
    actions: list[str]
    if roll < chance:
        actions = [ActionType.ARREST]
        if rng.random() < 0.5:
            actions.append(ActionType.RESTRAINT)
    elif roll < chance + 0.10:
        actions = [ActionType.CITATION]
    elif roll < chance + 0.16:
        actions = [ActionType.REFERRAL]
    elif roll < chance + 0.18:
        actions = [ActionType.SUMMONS]
    else:
        actions = rng.sample(list(ALTERNATIVE_TYPES), k=rng.choice([1, 1, 2]))
    if rng.random() < 0.2:
        actions.append(ActionType.SEARCH)
    level = None
    if ActionType.ARREST in actions and rng.random() < 0.35:
        actions.append(ActionType.USE_OF_FORCE)
        level = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    return actions, level


def _school_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5 and not (
            day.month == 7 or (day.month == 6 and day.day > 10) or (day.month == 8 and day.day < 12)
        ):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _incidents(
    rng: random.Random, period: EvaluationPeriod, schools: dict[str, School], until: datetime.date
) -> int:
    days = _school_days(period.start_date, min(period.end_date, until))
    if not days:
        return 0
    fraction = len(days) / max(1, len(_school_days(period.start_date, period.end_date)))
    officers_at: dict[int, list] = {}
    for assignment in Assignment.objects.filter(school__in=schools.values()).select_related(
        "officer"
    ):
        officers_at.setdefault(assignment.school_id, []).append(assignment.officer)
    existing = set(
        Incident.objects.filter(school__in=schools.values()).values_list(
            "agency_id", "incident_number"
        )
    )
    created = 0
    for code, school in sorted(schools.items()):
        figures = _enrollment(rng, school, period)
        per_1000, arrest_chance = PROFILE.get(code, DEFAULT_PROFILE)
        count = round((school.enrollment or 500) * per_1000 / 1000 * fraction)
        officers = sorted(officers_at.get(school.pk, []), key=lambda o: o.pk)
        for number in range(count):
            day = rng.choice(days)
            officer = rng.choice(officers)
            race = _pick(
                rng, Dimension.RACE_ETHNICITY, figures[Dimension.RACE_ETHNICITY], {"black": 1.6}
            )
            actions, level = _actions(rng, arrest_chance, race)
            incident = Incident(
                agency=officer.agency,
                officer=officer,
                school=school,
                incident_number=f"{period.name[2:4]}-{code}-{number + 1:04d}",
                date=day,
                offense_category=rng.choice(OffenseCategory.values),
                ordinary_discipline=rng.random() < 0.15,
                race_ethnicity=race,
                sex=_pick(rng, Dimension.SEX, figures[Dimension.SEX], {"male": 1.8}),
                disability=_pick(
                    rng, Dimension.DISABILITY, figures[Dimension.DISABILITY], {"idea": 1.7}
                ),
                english_learner=_pick(
                    rng, Dimension.ENGLISH_LEARNER, figures[Dimension.ENGLISH_LEARNER]
                ),
                grade=rng.choice(
                    ["KG", "01", "02", "03", "04", "05"]
                    if code == "SES"
                    else ["06", "07", "08"]
                    if school.level == "middle"
                    else ["09", "10", "11", "12"]
                ),
            )
            if (officer.agency_id, incident.incident_number) in existing:
                continue
            incident.save()
            EnforcementAction.objects.bulk_create(
                [
                    EnforcementAction(
                        incident=incident,
                        action_type=a,
                        force_level=level if a == ActionType.USE_OF_FORCE else None,
                    )
                    for a in actions
                ]
            )
            created += 1
    return created


def _tracking_code(rng: random.Random) -> str:
    raw = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _complaints(
    rng: random.Random,
    period: EvaluationPeriod,
    schools: dict[str, School],
    until: datetime.date,
    how_many: int,
) -> tuple[int, str]:
    days = _school_days(period.start_date, min(period.end_date, until))
    assignments = list(
        Assignment.objects.filter(school__in=schools.values())
        .select_related("officer", "school")
        .order_by("pk")
    )
    created, first_code = 0, ""
    for number in range(how_many):
        code = _tracking_code(rng)
        first_code = first_code or code
        assignment = rng.choice(assignments)
        received = rng.choice(days)
        status = rng.choices(
            [
                ComplaintStatus.RECEIVED,
                ComplaintStatus.INVESTIGATING,
                *FINDINGS,
                ComplaintStatus.WITHDRAWN,
            ],
            weights=[1, 2, 2, 2, 3, 1, 1],
        )[0]
        if received > until - datetime.timedelta(days=60) and status in (
            *FINDINGS,
            ComplaintStatus.WITHDRAWN,
        ):
            status = ComplaintStatus.INVESTIGATING
        source = rng.choice(ComplaintSource.values)
        anonymous = source == ComplaintSource.ANONYMOUS
        started = (
            received + datetime.timedelta(days=rng.randint(2, 10))
            if status != ComplaintStatus.RECEIVED
            else None
        )
        closed = (
            started + datetime.timedelta(days=rng.randint(20, 50))
            if started and status not in (ComplaintStatus.INVESTIGATING,)
            else None
        )
        _, made = Complaint.objects.get_or_create(
            tracking_code_hash=hash_tracking_code(code),
            defaults={
                "district": period.district,
                "school": assignment.school,
                # Some complaints don't know the officer yet; a finding always names one.
                "officer": assignment.officer
                if status != ComplaintStatus.RECEIVED or number % 3
                else None,
                "received_date": received,
                "incident_date": received - datetime.timedelta(days=rng.randint(0, 5)),
                "source": source,
                "allegations": sorted(set(rng.sample(Allegation.values, k=rng.choice([1, 1, 2])))),
                "account": "Demo complaint: an account of what happened, as the complainant wrote it.",
                "contact_name": "" if anonymous else "Demo Complainant",
                "status": status,
                "investigation_started_on": started,
                "closed_on": closed,
                "findings": FINDINGS.get(status, ""),
            },
        )
        created += made
    return created, first_code


@transaction.atomic
def load_demo(context) -> str:
    rng = random.Random(SEED)
    day = today() - datetime.timedelta(days=1)
    schools = context.schools
    incidents = _incidents(rng, context.previous_period, schools, context.previous_period.end_date)
    incidents += _incidents(rng, context.period, schools, day)
    complaints, code = _complaints(
        rng, context.previous_period, schools, context.previous_period.end_date, 24
    )
    more, _ = (
        _complaints(rng, context.period, schools, day, 8)
        if day >= context.period.start_date + datetime.timedelta(days=20)
        else (0, "")
    )
    if not ReportRelease.objects.filter(period=context.previous_period).exists():
        # Through the service, so the demo's public report is a stored release like any other.
        report_publish(
            district=context.district,
            period=context.previous_period,
            actor=context.users.get("coordinator"),
        )
    context.notes.append(
        f"\nPublic activity report: /public/activity/{context.district.code}/{context.previous_period.name}/"
        f"\nPublic complaint form: /public/complaints/{context.district.code}/ — try tracking code {code}"
    )
    return f"{incidents} incidents and {complaints + more} complaints added."
