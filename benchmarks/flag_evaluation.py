"""Flag evaluation: every default rule for a district of 200 officers.

Run from the repo root: ``.venv/bin/python benchmarks/flag_evaluation.py [--quick |
--check] [--database-url postgres://SERVER]``. It builds its own data (seeded) in a
database it creates and drops (a temporary SQLite file unless ``--database-url``
names a PostgreSQL server): a district whose officers have enforcement activity,
complaints, signed evaluations, training records and survey responses (every source
app the metrics read), then times ``flags_evaluate_district`` -- the unit of work of
the nightly job and of the task run after data changes -- several times, with DEBUG
off (no query log): the first run raises the flags, the later ones find and update
them. Query counts come from a separate, untimed run.

It checks, counting in the database: every officer and every rule evaluated on every
run, the flags in the database equal to those the first run reports raising, and the
later runs raising and clearing none (the evaluation is idempotent). No baseline is
built yet (BENCHMARKS.md names one hand-written SQL query per rule), so it reports the
time (``flag_evaluation: X s``) and has no target; a mismatch exits 1.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import tempfile
import time

from bench_common import add_common_arguments, run, setup_django, throwaway_database

NAME = "flag_evaluation"
REPEATS = 5
SCHOOLS = 20
INCIDENTS_PER_OFFICER = 30


def _roster(officers: int):
    from core.dates import today
    from roster.demo import school_year_start
    from roster.models import MOU, Agency, Assignment, District, EvaluationPeriod, Officer, School

    district = District.objects.create(code="BENCH", name="Benchmark Unified")
    start = school_year_start(today())
    period = EvaluationPeriod.objects.create(
        district=district,
        name=f"{start.year}-{str(start.year + 1)[-2:]}",
        start_date=start,
        end_date=datetime.date(start.year + 1, 7, 31),
    )
    agency = Agency.objects.create(code="BENCHPD", name="Benchmark Police Department")
    MOU.objects.create(district=district, agency=agency, effective_date=datetime.date(2024, 7, 1))
    schools = School.objects.bulk_create(
        School(
            district=district,
            code=f"S{i:02d}",
            name=f"School {i}",
            level="high",
            enrollment=800 + 40 * i,
        )
        for i in range(SCHOOLS)
    )
    people = Officer.objects.bulk_create(
        Officer(
            agency=agency, badge_number=str(1000 + i), first_name=f"First{i}", last_name=f"Last{i}"
        )
        for i in range(officers)
    )
    Assignment.objects.bulk_create(
        Assignment(
            officer=officer, school=schools[i % SCHOOLS], start_date=datetime.date(2024, 8, 1)
        )
        for i, officer in enumerate(people)
    )
    return district, period, agency, schools, people


def _activity(rng: random.Random, district, period, agency, schools, officers) -> int:
    from activity.models import (
        ActionType,
        Complaint,
        ComplaintSource,
        ComplaintStatus,
        EnforcementAction,
        Incident,
    )
    from core.dates import today

    action_types = [
        ActionType.ARREST,
        ActionType.CITATION,
        ActionType.WARNING,
        ActionType.RESTORATIVE_CONFERENCE,
        ActionType.COUNSELOR_REFERRAL,
        ActionType.REFERRAL,
        ActionType.USE_OF_FORCE,
    ]
    days = max(1, (today() - period.start_date).days)
    incidents = []
    for i, officer in enumerate(officers):
        for n in range(INCIDENTS_PER_OFFICER):
            incidents.append(
                Incident(
                    agency=agency,
                    officer=officer,
                    school=schools[i % SCHOOLS],
                    incident_number=f"{i}-{n}",
                    date=period.start_date + datetime.timedelta(days=rng.randrange(days)),
                    offense_category="disorderly",
                    ordinary_discipline=rng.random() < 0.05,
                    race_ethnicity=rng.choice(["white", "black", "hispanic", "asian"]),
                    sex=rng.choice(["male", "female"]),
                    disability="none",
                    english_learner="not_el",
                    grade=rng.choice(["9", "10", "11", "12"]),
                )
            )
    Incident.objects.bulk_create(incidents, batch_size=2000)
    actions = []
    for incident in Incident.objects.filter(agency=agency).only("pk"):
        kind = rng.choice(action_types)
        actions.append(
            EnforcementAction(
                incident=incident,
                action_type=kind,
                force_level=rng.choice([1, 1, 2, 3]) if kind == ActionType.USE_OF_FORCE else None,
            )
        )
    EnforcementAction.objects.bulk_create(actions, batch_size=2000)
    complaints = [
        Complaint(
            district=district,
            school=schools[i % SCHOOLS],
            officer=officer,
            received_date=period.start_date + datetime.timedelta(days=rng.randrange(days)),
            source=ComplaintSource.FAMILY,
            allegations=["discourtesy"],
            account="Benchmark complaint.",
            status=rng.choice([ComplaintStatus.SUSTAINED, ComplaintStatus.RECEIVED]),
            tracking_code_hash=f"{i:04d}-{n}-{rng.random()}",
        )
        for i, officer in enumerate(officers)
        for n in range(rng.choice([0, 0, 1, 2, 3]))
    ]
    Complaint.objects.bulk_create(complaints)
    return len(incidents)


def _training(rng: random.Random, district, officers) -> int:
    """Two refresher requirements; completions spread so some officers are overdue."""
    from core.dates import today
    from roster.models import MOU
    from training_records.models import Course, TrainingRecord, TrainingRequirement

    mou = MOU.objects.get(district=district)
    courses = [
        Course.objects.create(
            code="CIT-40", title="Crisis intervention", category="de_escalation", hours=40
        ),
        Course.objects.create(
            code="CONST-4", title="Student civil rights", category="civil_rights", hours=4
        ),
    ]
    for course in courses:
        TrainingRequirement.objects.create(mou=mou, course=course, refresh_months=12)
    records = [
        TrainingRecord(
            officer=officer,
            course=course,
            hours=course.hours,
            completed_on=today() - datetime.timedelta(days=rng.randrange(200, 560)),
        )
        for officer in officers
        for course in courses
    ]
    TrainingRecord.objects.bulk_create(records)
    return len(records)


def _surveys(rng: random.Random, district, period, schools, officers) -> int:
    """Six student responses about each officer, through the survey services."""
    from core.dates import today
    from surveys.models import RespondentGroup
    from surveys.services import campaign_create, codes_issue, response_submit
    from surveys.services.notices import notice_save

    campaign = campaign_create(
        district=district,
        period=period,
        name="Benchmark survey",
        opens_on=today() - datetime.timedelta(days=7),
        closes_on=today() + datetime.timedelta(days=21),
        schools=schools,
        officers=officers,
        groups=[RespondentGroup.STUDENT],
        actor=None,
    )
    # A student survey with PPRA-tagged questions opens only with its parents' notice.
    notice_save(
        campaign=campaign,
        actor=None,
        opt_out_deadline=campaign.closes_on,
        contact_name="Benchmark district office",
        contact_email="office@benchmark.example.org",
    )
    submitted = 0
    for index, school in enumerate(schools):
        here = officers[index::SCHOOLS]
        codes = iter(
            codes_issue(
                campaign=campaign,
                group=RespondentGroup.STUDENT,
                school=school,
                count=6 * len(here),
                actor=None,
            ).codes
        )
        for officer in here:
            for _ in range(6):
                value = rng.randint(1, 5)
                response_submit(
                    code=next(codes),
                    language="en",
                    answers=[
                        {"officer": officer.pk, "question": "fair_treatment", "value": value},
                        {"officer": officer.pk, "question": "respect", "value": value},
                    ],
                )
                submitted += 1
    return submitted


def _evaluations(rng: random.Random, district, period, schools, officers) -> int:
    """A signed evaluation per officer, through the evaluation services as a principal would."""
    from django.contrib.auth import get_user_model

    from evaluations.services.evaluations import evaluation_start, evaluation_update
    from evaluations.services.rubrics import rubric_load_default
    from evaluations.services.signatures import evaluation_submit
    from roster.models import Membership, Role

    rubric = rubric_load_default(district=district)
    codes = list(rubric.competencies.values_list("code", flat=True))
    principals = {}
    for school in schools:
        user = get_user_model().objects.create_user(
            username=f"principal-{school.code}", password="bench-pass-1"
        )
        Membership.objects.create(user=user, role=Role.PRINCIPAL, district=district, school=school)
        principals[school.pk] = user
    for i, officer in enumerate(officers):
        school = schools[i % SCHOOLS]
        principal = principals[school.pk]
        evaluation = evaluation_start(
            officer=officer, school=school, period=period, evaluator=principal, rubric=rubric
        )
        ratings = {
            code: {"level": rng.choice([1, 2, 3, 3, 3, 4]), "evidence": "Observed on rounds."}
            for code in codes
        }
        evaluation = evaluation_update(
            evaluation=evaluation,
            actor=principal,
            expected_version=evaluation.version,
            ratings=ratings,
        )
        evaluation_submit(evaluation=evaluation, actor=principal)
    return len(officers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser, sqlite_default=True)
    args = parser.parse_args()
    officers = 40 if args.check else 50 if args.quick else 200
    with (
        throwaway_database(args.database_url, "flags") as url,
        tempfile.TemporaryDirectory() as media,
    ):
        setup_django(url, media)
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        return measure(officers)


def measure(officers: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.dates import today
    from flags.models import Flag, FlagRule
    from flags.services.flags import flags_evaluate_district
    from flags.services.rules import flags_install_defaults
    from roster.models import Officer

    rng = random.Random(20261127)
    district, period, agency, schools, people = _roster(officers)
    incidents = _activity(rng, district, period, agency, schools, people)
    evaluations = _evaluations(rng, district, period, schools, people)
    records = _training(rng, district, people)
    responses = _surveys(rng, district, period, schools, people)
    rules = flags_install_defaults(district=district)
    on = today()
    print(
        f"district: {officers} officers at {SCHOOLS} schools, {incidents} incidents, {evaluations} signed "
        f"evaluations, {records} training records, {responses} survey responses; {len(rules)} rules "
        f"({', '.join(r.code for r in rules)}); database: {connection.vendor}"
    )
    in_database = Officer.objects.filter(agency=agency).count()
    active_rules = FlagRule.objects.filter(district=district, is_active=True).count()
    mismatches: list[str] = []
    times = []
    for repeat in range(REPEATS):
        started = time.perf_counter()
        result = flags_evaluate_district(district=district, period=period, on=on)
        times.append(time.perf_counter() - started)
        flags = Flag.objects.filter(district=district).count()
        print(
            f"run {repeat + 1}: {times[-1]:.3f} s; {result.officers} officers x {result.rules} rules; "
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
            f"cleared {result.cleared}; {flags} flags in the database"
        )
        if (result.officers, result.rules) != (in_database, active_rules):
            mismatches.append(
                f"run {repeat + 1} evaluated {result.officers} officers x {result.rules} rules, "
                f"the database has {in_database} x {active_rules}"
            )
        if repeat == 0:
            raised = flags
            if flags != result.created or not flags:
                mismatches.append(
                    f"run 1 reports {result.created} flags raised, the database has {flags}"
                )
        elif result.created or result.cleared or flags != raised:
            mismatches.append(
                f"run {repeat + 1} raised {result.created} and cleared {result.cleared} on unchanged "
                f"data; {flags} flags in the database after {raised}"
            )
    # Counted apart from the timed runs: the query log costs time of its own.
    with CaptureQueriesContext(connection) as captured:
        flags_evaluate_district(district=district, period=period, on=on)
    print(f"queries per evaluation (an untimed run): {len(captured)}")
    print(
        f"first run (raises the flags): {times[0]:.3f} s; median of {REPEATS}: {statistics.median(times):.3f} s"
    )
    for mismatch in mismatches:
        print(f"mismatch: {mismatch}")
    if mismatches:
        print(f"{NAME}: MISMATCH {'; '.join(mismatches)}")
        return 1
    print(f"{NAME}: {statistics.median(times):.3f} s")
    return 0


if __name__ == "__main__":
    run(NAME, main)
