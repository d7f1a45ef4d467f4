"""The demo district: schools, agencies, officers, MOUs, periods and one login per role.

Loaded by ``manage.py demo`` before every other app's ``demo.load_demo``. Everything
is keyed by natural keys, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from core.dates import today
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    FormOfAddress,
    Membership,
    Officer,
    Role,
    School,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SCHOOLS = [
    ("RHS", "Riverside High School", "high", 1840),
    ("LHS", "Lincoln High School", "high", 1525),
    ("WMS", "Westview Middle School", "middle", 910),
    ("EMS", "Eastgate Middle School", "middle", 780),
    ("CHS", "Central High School", "high", 2110),
    ("PMS", "Pine Hills Middle School", "middle", 860),
    ("NAC", "North Alternative Campus", "alternative", 240),
    ("SES", "Sunrise Elementary School", "elementary", 520),
]
AGENCIES = [
    ("MCPD", "Metro City Police Department", 30),
    ("HCSO", "Harlan County Sheriff's Office", 45),
]
F, M, N = FormOfAddress.FEMININE, FormOfAddress.MASCULINE, FormOfAddress.NEUTRAL
# (agency, badge, first name, last name, school, form of address): four HCSO officers
# keep neutral wording, as officers imported before anyone chose would.
OFFICERS = [
    ("MCPD", "4113", "Luis", "Lee", "LHS", M),
    ("MCPD", "4126", "Linda", "Washington", "WMS", F),
    ("MCPD", "4139", "Carl", "Fischer", "EMS", M),
    ("MCPD", "4152", "Maria", "Quinn", "CHS", F),
    ("MCPD", "4165", "Luis", "Moore", "PMS", M),
    ("MCPD", "4178", "Linda", "Kowalski", "NAC", F),
    ("MCPD", "4191", "Carl", "Vasquez", "SES", M),
    ("MCPD", "4204", "Maria", "Estrada", "RHS", F),
    ("MCPD", "4217", "Luis", "Patel", "LHS", M),
    ("MCPD", "4230", "Linda", "Reyes", "WMS", F),
    ("MCPD", "4243", "Carl", "Johnson", "EMS", M),
    ("MCPD", "4256", "Maria", "Usman", "CHS", F),
    ("HCSO", "S-0739", "Luis", "Dawson", "PMS", M),
    ("HCSO", "S-0742", "Linda", "Okafor", "NAC", F),
    ("HCSO", "S-0745", "Carl", "Zimmerman", "SES", M),
    ("HCSO", "S-0748", "Maria", "Ibarra", "RHS", F),
    ("HCSO", "S-0751", "Luis", "Turner", "LHS", N),
    ("HCSO", "S-0754", "Linda", "Chen", "WMS", N),
    ("HCSO", "S-0757", "Carl", "Nguyen", "EMS", N),
    ("HCSO", "S-0760", "Maria", "Young", "CHS", N),
]
# (username, password, role, scope key, full name)
LOGINS = [
    ("coordinator", "demo-coordinator-pass", Role.COORDINATOR, None, "Dana Whitfield"),
    ("principal", "demo-principal-pass", Role.PRINCIPAL, "LHS", "Marcus Bell"),
    ("supervisor", "demo-supervisor-pass", Role.SUPERVISOR, "MCPD", "Sgt. Karen Miles"),
    ("officer", "demo-officer-pass", Role.OFFICER, ("MCPD", "4113"), "Luis Lee"),
]


@dataclass
class DemoContext:
    """What the roster demo made, handed to every later app's loader."""

    district: District
    period: EvaluationPeriod
    previous_period: EvaluationPeriod
    schools: dict[str, School]
    agencies: dict[str, Agency]
    officers: dict[tuple[str, str], Officer]
    users: dict[str, User]
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def school_year_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year if day.month >= 8 else day.year - 1, 8, 1)


def _period(district: District, start: datetime.date) -> EvaluationPeriod:
    name = f"{start.year}-{str(start.year + 1)[-2:]}"
    period, _ = EvaluationPeriod.objects.get_or_create(
        district=district,
        name=name,
        defaults={"start_date": start, "end_date": datetime.date(start.year + 1, 7, 31)},
    )
    return period


@transaction.atomic
def load_demo() -> DemoContext:
    district, _ = District.objects.get_or_create(
        code="RUSD", defaults={"name": "Riverside Unified School District"}
    )
    start = school_year_start(today())
    period = _period(district, start)
    previous = _period(district, datetime.date(start.year - 1, 8, 1))
    schools = {}
    for code, name, level, enrollment in SCHOOLS:
        schools[code], _ = School.objects.get_or_create(
            district=district,
            code=code,
            defaults={"name": name, "level": level, "enrollment": enrollment},
        )
    agencies = {}
    for code, name, days in AGENCIES:
        agencies[code], _ = Agency.objects.get_or_create(code=code, defaults={"name": name})
        MOU.objects.get_or_create(
            district=district,
            agency=agencies[code],
            effective_date=datetime.date(start.year - 2, 7, 1),
            defaults={
                "end_date": datetime.date(start.year + 3, 6, 30),
                "next_review_date": datetime.date(start.year + 1, 5, 1),
                "removal_response_days": days,
            },
        )
    officers = {}
    for agency, badge, first, last, school, form_of_address in OFFICERS:
        officer, _ = Officer.objects.get_or_create(
            agency=agencies[agency],
            badge_number=badge,
            defaults={"first_name": first, "last_name": last, "form_of_address": form_of_address},
        )
        officers[(agency, badge)] = officer
        Assignment.objects.get_or_create(
            officer=officer, school=schools[school], defaults={"start_date": previous.start_date}
        )
    users: dict[str, User] = {}
    logins = []
    user_model = get_user_model()
    for username, password, role, key, full_name in LOGINS:
        first, _, last = full_name.rpartition(" ")
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(password)
            user.save()
        scope: dict[str, Any] = {}  # the membership's one scope column
        if role == Role.PRINCIPAL:
            assert isinstance(key, str)  # a school code (LOGINS above)
            scope["school"] = schools[key]
        elif role == Role.SUPERVISOR:
            assert isinstance(key, str)  # an agency code
            scope["agency"] = agencies[key]
        elif role == Role.OFFICER:
            assert isinstance(key, tuple)  # (agency code, badge number)
            scope["officer"] = officers[key]
        Membership.objects.get_or_create(user=user, role=role, district=district, **scope)
        users[username] = user
        logins.append((Role(role).label, username, password))
    return DemoContext(
        district=district,
        period=period,
        previous_period=previous,
        schools=schools,
        agencies=agencies,
        officers=officers,
        users=users,
        logins=logins,
    )
