"""PostgreSQL's own traces (transaction ids, physical row order) are rewritten nightly."""

from __future__ import annotations

import pytest
from django.db import connection

from surveys.models import Answer, RespondentGroup, Response
from surveys.services import response_submit
from surveys.services.unlinking import responses_unlink
from tests.factories.surveys import agree_answers, issue_codes, make_campaign

pytestmark = pytest.mark.django_db(transaction=True)


def _codes_sharing_a_transaction_with_a_response() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM surveys_accesscode c WHERE c.spent "
            "AND EXISTS (SELECT 1 FROM surveys_response r WHERE r.xmin = c.xmin)"
        )
        return cursor.fetchone()[0]


def _responses_in_physical_order() -> list:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM surveys_response ORDER BY ctid")
        return [row[0] for row in cursor.fetchall()]


def test_no_spent_code_shares_a_transaction_with_a_response_and_arrival_order_is_gone(
    world,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("transaction ids and physical row order are PostgreSQL's; CI runs this there")
    campaign = make_campaign(period=world.period, schools=[world.school], officers=[world.officer])
    codes = issue_codes(campaign, RespondentGroup.STUDENT, world.school, 12)
    arrived = [
        response_submit(
            code=code, language="en", answers=agree_answers(world.officer, 1 + i % 5)
        ).id
        for i, code in enumerate(codes)
    ]
    # What the nightly run is for: each code is tied to its response, rows lie in arrival order.
    assert _codes_sharing_a_transaction_with_a_response() == 12
    assert _responses_in_physical_order() == arrived
    answers_before = sorted(Answer.objects.values_list("response_id", "question_id", "number"))

    assert responses_unlink() == 12

    assert _codes_sharing_a_transaction_with_a_response() == 0
    assert _responses_in_physical_order() != arrived
    assert sorted(_responses_in_physical_order()) == sorted(arrived)
    assert (
        sorted(Answer.objects.values_list("response_id", "question_id", "number")) == answers_before
    )
    assert Response.objects.count() == 12
