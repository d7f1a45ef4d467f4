"""Evidence writes take their own transaction (a guarantee the mutation run found
untested: removing ``@transaction.atomic`` from them survived, see mutation/README.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from evaluations.services.evaluation_evidence import (
    evaluation_attachment_add,
    evaluation_attachment_remove,
    evaluation_note_add,
)
from tests.factories.evaluations import started_evaluation


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row lock, so a lock taken outside a transaction is not an error",
)
@pytest.mark.django_db(transaction=True)
def test_each_evidence_write_is_its_own_transaction_holding_the_row_lock(world) -> None:
    """Called outside any transaction (as a Celery task or shell would), each write
    opens its own: the row lock it takes lasts until its write commits."""
    principal = world.users["principal"]
    draft = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )

    evaluation_note_add(
        evaluation=draft, actor=principal, observed_on=timezone.localdate(), text="Seen."
    )
    attachment = evaluation_attachment_add(
        evaluation=draft,
        actor=principal,
        upload=SimpleUploadedFile("n.txt", b"notes", content_type="text/plain"),
    )
    evaluation_attachment_remove(attachment=attachment, actor=principal)

    assert draft.notes.count() == 1
    assert draft.attachments.count() == 0
