"""The load test's data (scripts/load_test.py): the demo loaded into its database, the
people, codes and answers the clients use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(env: dict[str, str], codes_needed: int) -> dict:
    """Load the demo, then find the people and objects the load will use."""
    subprocess.run(
        [sys.executable, "manage.py", "demo", "--no-serve"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import random

    from django.contrib.auth import get_user_model
    from django.db import connection

    from accounts.services.tokens import api_token_create
    from evaluations.models import Evaluation
    from packets.models import PacketVersion
    from roster.models import Agency, District
    from roster.selectors import period_current
    from surveys.models import Campaign, QuestionKind
    from surveys.services import codes_issue

    district = District.objects.get(code="RUSD")
    period = period_current(district=district)
    users = {
        name: get_user_model().objects.get(username=name) for name in ("coordinator", "supervisor")
    }
    tokens = {name: api_token_create(user=user)[1] for name, user in users.items()}
    campaign = (
        Campaign.objects.filter(district=district, groups__group="student")
        .order_by("-closes_on")
        .first()
    )
    group = campaign.groups.get(group="student")
    school = campaign.schools.get(code="LHS")
    officers = list(
        campaign.officers.filter(assignments__school=school).values_list("pk", flat=True).distinct()
    )
    questions = list(
        group.template.questions.filter(kind=QuestionKind.AGREE).values_list("code", flat=True)
    )
    answers = [
        {"officer": officer, "question": question, "value": 4}
        for officer in officers
        for question in questions
    ]
    rng = random.Random(7)
    codes: list[str] = []
    while len(codes) < codes_needed:
        codes += codes_issue(
            campaign=campaign,
            group="student",
            school=school,
            count=min(5000, codes_needed - len(codes)),
            actor=None,
            rng=rng,
        ).codes
    draft = (
        Evaluation.objects.filter(school__district=district, status__in=["draft", "returned"])
        .order_by("pk")
        .first()
    )
    version = (
        PacketVersion.objects.filter(packet__officer__agency__code="MCPD").order_by("pk").first()
    )
    info = {
        "tokens": tokens,
        "codes": codes,
        "answers": answers,
        "evaluation": draft.pk if draft else None,
        "packet_version": version.pk if version else None,
        "period": period.pk,
        "agency": Agency.objects.get(code="MCPD").pk,
    }
    connection.close()
    return info
