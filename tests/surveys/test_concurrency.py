"""Invariant 2 under load: one code, fifty simultaneous submissions, one response."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from core.errors import ApplicationError
from surveys.models import AccessCode, RespondentGroup, Response
from surveys.services import response_submit
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import agree_answers, issue_codes, make_campaign

THREADS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_with_one_code_store_exactly_one_response(world) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises all writers, so this race needs PostgreSQL; CI runs it there "
            "(DATABASE_URL=postgres://...)"
        )
    officer = OfficerFactory(agency=world.agency)
    AssignmentFactory(officer=officer, school=world.school)
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[officer])
    [code] = issue_codes(campaign, RespondentGroup.STUDENT, world.school)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            barrier.wait(timeout=30)
            response_submit(code=code, language="en", answers=agree_answers(officer, 4))
            outcome = "stored"
        except ApplicationError as exc:
            outcome = exc.extra.get("reason", exc.message)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == THREADS
    assert outcomes.count("stored") == 1
    assert outcomes.count("used") == THREADS - 1
    assert Response.objects.count() == 1
    assert AccessCode.objects.get().spent
