"""The daily training reminder, sent by beat's task name to a real worker, mails each
supervisor the officers of their own agency whose training needs attention."""

from __future__ import annotations

import pytest
from django.conf import settings

from config.celery import app
from roster.models import Role
from tests.factories.roster import supervisor_of
from tests.worker_support import body, mail_to, wait_for_results

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_runs_the_beat_reminder_and_mails_each_supervisor_their_own_officers(
    celery_worker_process, worker_mail_dir, trained
) -> None:
    supervisor = trained.users[Role.SUPERVISOR]
    supervisor.email = "sgt-worker@homepd.example"
    supervisor.save()
    away = supervisor_of(trained.other_agency, trained.other_district, username="away-sgt")
    away.email = "sgt-worker@awaypd.example"
    away.save()

    sent = app.send_task(settings.CELERY_BEAT_SCHEDULE["training-reminders"]["task"])

    assert wait_for_results(sent.id) == {sent.id: "1"}
    [message] = mail_to(worker_mail_dir, "sgt-worker@homepd.example")
    assert message["Subject"] == "SRO360: 1 officer(s) with training overdue or due soon"
    assert (
        f"{trained.officer.full_name} (#{trained.officer.badge_number}): "
        "Civil Rights in Schools: overdue since 2025-09-02"
    ) in body(message)
    assert trained.other_officer.full_name not in body(message)
    assert mail_to(worker_mail_dir, "sgt-worker@awaypd.example") == []
