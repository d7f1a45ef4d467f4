"""With a real broker and worker: evaluation enqueued after commit runs in the worker."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_change_enqueues_an_evaluation_that_a_worker_runs_after_commit(
    celery_worker_process,
) -> None:
    from flags.models import Flag
    from flags.services.flags import flags_evaluate_later
    from tests.factories.flags import OrdinaryDisciplineDistrict

    d = OrdinaryDisciplineDistrict("WORKER")
    officer = d.officer(ordinary=1)
    with transaction.atomic():
        flags_evaluate_later(d.district.pk)
        time.sleep(1)
        assert not Flag.objects.filter(officer=officer).exists(), (
            "nothing may run before the commit"
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not Flag.objects.filter(officer=officer).exists():
        time.sleep(0.5)
    flag = Flag.objects.get(officer=officer)
    assert flag.rule.code == "ordinary-discipline"
