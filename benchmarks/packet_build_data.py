"""Seeded data for the packet build benchmark (benchmarks/packet_build.py): a roster of
officers, schools and assignments, and as much activity, training and survey data as
the apps hold, in bulk. Django is set up by the caller first."""

from __future__ import annotations


def generate(size: dict) -> dict:
    """The roster for ``size['officers']`` officers, plus whatever input data the apps on
    this branch can hold; returns what was made and what is missing."""
    import datetime
    import random

    from roster.models import MOU, Agency, Assignment, District, EvaluationPeriod, Officer, School

    rng = random.Random(7)
    district = District.objects.create(code="BENCH", name="Benchmark Unified School District")
    period = EvaluationPeriod.objects.create(
        district=district,
        name="2026-27",
        start_date=datetime.date(2026, 8, 1),
        end_date=datetime.date(2027, 7, 31),
    )
    schools = School.objects.bulk_create(
        School(
            district=district,
            code=f"S{n:03d}",
            name=f"School {n:03d}",
            level="high",
            enrollment=rng.randint(300, 2500),
        )
        for n in range(max(10, size["officers"] // 2))
    )
    agencies = [
        Agency.objects.create(code=f"PD{n}", name=f"Police Department {n}") for n in range(2)
    ]
    for agency in agencies:
        MOU.objects.create(
            district=district, agency=agency, effective_date=datetime.date(2024, 7, 1)
        )
    first = ["Luis", "Linda", "Carl", "Maria", "Ana", "Sam", "Priya", "Omar"]
    last = [
        "Lee",
        "Reyes",
        "Chen",
        "Okafor",
        "Patel",
        "Moore",
        "Nguyen",
        "Young",
        "Ibarra",
        "Dawson",
    ]
    officers = Officer.objects.bulk_create(
        Officer(
            agency=agencies[n % 2],
            badge_number=str(1000 + n),
            first_name=rng.choice(first),
            last_name=rng.choice(last),
        )
        for n in range(size["officers"])
    )
    Assignment.objects.bulk_create(
        Assignment(
            officer=o, school=schools[n % len(schools)], start_date=datetime.date(2025, 8, 1)
        )
        for n, o in enumerate(officers)
    )
    made = {"officers": len(officers), "schools": len(schools)}
    made["enforcement actions"] = _activity(size["actions"], officers, schools, period, rng)
    made["training records"] = _training(
        size["training_records"], officers, list(MOU.objects.filter(district=district)), period, rng
    )
    assignments = [(o.pk, schools[n % len(schools)].pk) for n, o in enumerate(officers)]
    made["survey responses"] = _surveys(
        size["responses"], officers, schools, assignments, period, rng
    )
    # Flags and removal requests are read too (none raised: flag rules are not run here).
    missing: dict[str, str] = {}
    return {"period": period, "made": made, "missing": missing}


def _activity(total: int, officers, schools, period, rng) -> int:
    """``total`` enforcement actions on incidents spread over the officers and the year."""
    import datetime

    from activity.models import EnforcementAction, Incident

    def first_choice(name: str) -> str:
        return Incident._meta.get_field(name).choices[0][0]

    kinds = [
        "arrest",
        "citation",
        "referral",
        "warning",
        "restorative_conference",
        "diversion",
        "counselor_referral",
    ]
    fixed = {
        name: first_choice(name)
        for name in (
            "offense_category",
            "race_ethnicity",
            "sex",
            "disability",
            "english_learner",
            "grade",
        )
    }
    incidents = Incident.objects.bulk_create(
        Incident(
            agency_id=officer.agency_id,
            incident_number=f"B-{n:06d}",
            officer=officer,
            school=schools[n % len(schools)],
            date=period.start_date + datetime.timedelta(days=rng.randrange(300)),
            ordinary_discipline=rng.random() < 0.1,
            **fixed,
        )
        for n, officer in ((n, officers[n % len(officers)]) for n in range(total * 2 // 3))
    )
    # One outcome per incident, and a search on every second one (one action of a type per incident).
    actions = [
        EnforcementAction(incident=incident, action_type=rng.choice(kinds))
        for incident in incidents
    ]
    actions += [
        EnforcementAction(incident=incident, action_type="search")
        for incident in incidents[: total - len(actions)]
    ]
    EnforcementAction.objects.bulk_create(actions, batch_size=2000)
    return len(actions)


def _training(total: int, officers, mous, period, rng) -> int:
    """``total`` training records over ten courses, and a requirement per course in each MOU."""
    import datetime
    from decimal import Decimal

    from training_records.models import Category, Course, TrainingRecord, TrainingRequirement

    courses = Course.objects.bulk_create(
        Course(
            code=f"B-{n}",
            title=f"Benchmark course {n}",
            category=category,
            hours=Decimal(4 + n % 3 * 4),
            refresher_months=24,
        )
        for n, category in enumerate(Category.values)
    )
    TrainingRequirement.objects.bulk_create(
        TrainingRequirement(mou=mou, course=course, min_hours=Decimal("0"), refresh_months=24)
        for mou in mous
        for course in courses
    )
    records, seen = [], set()
    while len(records) < total:
        officer, course = rng.choice(officers), rng.choice(courses)
        day = (
            period.start_date
            - datetime.timedelta(days=365)
            + datetime.timedelta(days=rng.randrange(700))
        )
        if (officer.pk, course.pk, day) in seen:
            continue
        seen.add((officer.pk, course.pk, day))
        records.append(
            TrainingRecord(officer=officer, course=course, completed_on=day, hours=course.hours)
        )
    TrainingRecord.objects.bulk_create(records, batch_size=5000)
    return len(records)


def _surveys(total: int, officers, schools, assignments, period, rng) -> int:
    """``total`` anonymous responses about the officer of the respondent's school, written
    in bulk (``response_submit`` would spend a code each, which is not what is measured)."""
    import datetime

    from surveys.models import Answer, ParentNotice, QuestionKind, RespondentGroup, Response
    from surveys.services import campaign_create

    campaign = campaign_create(
        district=period.district,
        period=period,
        name="Benchmark survey",
        opens_on=period.start_date + datetime.timedelta(days=30),
        closes_on=period.start_date + datetime.timedelta(days=90),
        schools=schools,
        officers=officers,
        groups=RespondentGroup.values,
        actor=None,
    )
    # A student survey with PPRA-tagged questions opens only with its parents' notice.
    # This campaign lies in a fixed past year, and notice_save refuses a deadline
    # already gone, so the notice is stored as the record it would have left.
    ParentNotice.objects.create(
        campaign=campaign,
        opt_out_deadline=campaign.opens_on - datetime.timedelta(days=1),
        contact_name="Benchmark district office",
        contact_email="office@benchmark.example.org",
    )
    questions = {
        g.group: [q for q in g.template.questions.all() if q.kind == QuestionKind.AGREE]
        for g in campaign.groups.select_related("template")
    }
    officer_at = {}
    for officer_id, school_id in assignments:
        officer_at.setdefault(school_id, officer_id)
    weights = {"student": 6, "family": 2, "staff": 2, "peer": 1}
    groups = [g for g in questions if questions[g]]
    made = 0
    while made < total:
        batch = min(5000, total - made)
        responses, answers = [], []
        for _ in range(batch):
            group = rng.choices(groups, weights=[weights.get(g, 1) for g in groups])[0]
            school = rng.choice(schools)
            response = Response(campaign=campaign, group=group, school=school, language="en")
            responses.append(response)
            answers.extend(
                Answer(
                    response=response,
                    officer_id=officer_at[school.pk],
                    question=q,
                    number=rng.randint(1, 5),
                )
                for q in questions[group]
            )
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers, batch_size=5000)
        made += batch
    return made
