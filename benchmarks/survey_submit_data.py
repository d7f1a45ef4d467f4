"""The workload of benchmarks/survey_submit.py: a campaign over SCHOOLS schools in the
demo's proportions, and each school's request bodies handed out in bursts or spread."""

from __future__ import annotations

import collections
import itertools
import json
import os
import random
import subprocess
import sys

from bench_common import ROOT

SCHOOLS = 48
OFFICERS_PER_SCHOOL = 2  # the demo: 16 officers at 8 schools
GROUPS = {"student": 24, "family": 10, "staff": 8}  # the demo's respondents per school
BURST = sum(GROUPS.values())


def prepare(env: dict[str, str], per_school: int) -> dict[int, collections.deque]:
    """Migrate, then a campaign over the schools with ``per_school`` bursts of codes each;
    returns each school's request bodies (code + the demo's kind of answers), in bursts."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.db import connection

    from benchmarks.survey_submit_urls import BASELINE_TABLE
    from core.dates import today
    from roster.models import Agency, Assignment, District, EvaluationPeriod, Officer, School
    from surveys.demo import _answers
    from surveys.services import ballot_for_code, ballot_officer_ids, campaign_create, codes_issue
    from surveys.services.notices import notice_save

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {BASELINE_TABLE} (id uuid PRIMARY KEY, body text NOT NULL)")
    district = District.objects.create(code="BENCH", name="Benchmark district")
    schools = School.objects.bulk_create(
        School(district=district, code=f"S{n:02d}", name=f"School {n:02d}") for n in range(SCHOOLS)
    )
    agencies = [Agency.objects.create(code=f"PD{n}", name=f"Police {n}") for n in range(2)]
    officers = Officer.objects.bulk_create(
        Officer(
            agency=agencies[n % 2], badge_number=str(1000 + n), first_name="Ana", last_name=f"R{n}"
        )
        for n in range(SCHOOLS * OFFICERS_PER_SCHOOL)
    )
    day = today()
    Assignment.objects.bulk_create(
        Assignment(
            officer=officer,
            school=schools[n // OFFICERS_PER_SCHOOL],
            start_date=day - datetime.timedelta(days=100),
        )
        for n, officer in enumerate(officers)
    )
    period = EvaluationPeriod.objects.create(
        district=district,
        name="2026-27",
        start_date=day - datetime.timedelta(days=90),
        end_date=day + datetime.timedelta(days=200),
    )
    campaign = campaign_create(
        district=district,
        period=period,
        name="Bench",
        opens_on=day,
        closes_on=day + datetime.timedelta(days=7),
        schools=schools,
        officers=officers,
        groups=list(GROUPS),
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
    questions = {
        g.group: list(g.template.questions.all())
        for g in campaign.groups.select_related("template")
    }
    rng = random.Random(42)
    bodies: dict[int, collections.deque] = {}
    for index, school in enumerate(schools):
        issued = {
            group: codes_issue(
                campaign=campaign,
                group=group,
                school=school,
                count=count * per_school,
                actor=None,
                rng=rng,
            ).codes
            for group, count in GROUPS.items()
        }
        on_ballot = {
            group: ballot_officer_ids(ballot=ballot_for_code(code=codes[0]))
            for group, codes in issued.items()
        }
        queue: collections.deque = collections.deque()
        for burst in range(per_school):
            for group, count in GROUPS.items():
                for code in issued[group][burst * count : (burst + 1) * count]:
                    answers = list(_answers(on_ballot[group], questions[group], rng)) or [
                        {
                            "officer": on_ballot[group][0],
                            "question": questions[group][0].code,
                            "value": 4,
                        }
                    ]
                    body = {"code": code, "language": "en", "answers": answers}
                    queue.append((json.dumps(body).encode(), len(answers)))
        bodies[index] = queue
    connection.close()
    return bodies


class Workload:
    """Each school's unused request bodies, handed out a burst or one at a time."""

    def __init__(self, bodies: dict[int, collections.deque]) -> None:
        self.bodies = bodies
        self.schools = itertools.cycle(sorted(bodies))

    def take(self, order: str, count: int) -> list[tuple[bytes, int]]:
        """``count`` bodies: a school's whole burst (24 student, 10 family, 8 staff codes)
        at a time, or each from the next school (a different school than the 47 before)."""
        taken: list[tuple[bytes, int]] = []
        while len(taken) < count:
            queue = self.bodies[next(self.schools)]
            for _ in range(min(BURST if order == "bursts" else 1, count - len(taken))):
                taken.append(queue.popleft())
        return taken
