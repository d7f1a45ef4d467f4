"""Evidence guarantees that the mutation run (mutation/README.md) found untested."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.errors import ApplicationError
from evaluations.services.evaluation_evidence import (
    evaluation_attachment_add,
    evaluation_attachment_remove,
    evaluation_note_add,
)


@pytest.mark.django_db
def test_a_note_can_record_what_was_seen_today_but_not_tomorrow(draft, principal) -> None:
    today = timezone.localdate()

    note = evaluation_note_add(
        evaluation=draft, actor=principal, observed_on=today, text="  Calmed a hallway fight.  "
    )
    with pytest.raises(ApplicationError, match="can't be dated in the future"):
        evaluation_note_add(
            evaluation=draft,
            actor=principal,
            observed_on=today + datetime.timedelta(days=1),
            text="Not yet seen.",
        )

    assert [(n.observed_on, n.text) for n in draft.notes.all()] == [
        (today, "Calmed a hallway fight.")
    ]
    assert note.author == principal


@pytest.mark.django_db
def test_a_file_that_is_not_utf_8_text_is_refused_but_text_cut_mid_character_is_not(
    draft, principal
) -> None:
    """Only the first 2048 bytes are read: UTF-8 text whose last character is cut there
    is still text, a file that is not UTF-8 before the cut (no NUL, no known signature)
    is refused with a message, not a server error."""
    # The 2048th byte ends in the first half of an é, or the first 3 bytes of a 4-byte emoji.
    cut_texts = ["a" * 2047 + "é" * 10, "a" * 2045 + "\N{GRINNING FACE}" * 10]
    latin_1 = SimpleUploadedFile(
        "notes.txt", "Résumé of the day, café".encode("latin-1") * 20, content_type="text/plain"
    )

    for text in cut_texts:
        upload = SimpleUploadedFile("notes.txt", text.encode(), content_type="text/plain")
        added = evaluation_attachment_add(evaluation=draft, actor=principal, upload=upload)
        assert added.content_type == "text/plain"
    with pytest.raises(ApplicationError, match="is not a PDF, PNG, JPEG or plain-text file"):
        evaluation_attachment_add(evaluation=draft, actor=principal, upload=latin_1)
    assert draft.attachments.count() == 2


@pytest.mark.django_db
def test_a_file_of_exactly_the_limit_is_taken_and_one_over_it_is_refused_with_its_size(
    draft, principal
) -> None:
    limit = 5 * 1024 * 1024
    exact = SimpleUploadedFile("scan.txt", b"a" * limit, content_type="text/plain")
    big = SimpleUploadedFile("scan.txt", b"a" * (6 * 1024 * 1024), content_type="text/plain")

    assert evaluation_attachment_add(evaluation=draft, actor=principal, upload=exact).size == limit
    with pytest.raises(
        ApplicationError, match=r"^scan.txt is 6.0 MB; attachments may be at most 5 MB"
    ):
        evaluation_attachment_add(evaluation=draft, actor=principal, upload=big)


@pytest.mark.django_db(transaction=True)
def test_a_file_that_cannot_be_deleted_does_not_undo_or_fail_a_committed_removal(world) -> None:
    """The file is deleted after the removal commits; if the storage refuses (here a
    directory stands where the file was), the removal stands and the user is not told
    it failed: an orphan file is left, not a 500."""
    from pathlib import Path

    from tests.factories.evaluations import started_evaluation

    principal = world.users["principal"]
    draft = started_evaluation(
        officer=world.officer, school=world.school, period=world.period, principal=principal
    )
    attachment = evaluation_attachment_add(
        evaluation=draft,
        actor=principal,
        upload=SimpleUploadedFile("n.txt", b"notes", content_type="text/plain"),
    )
    path = Path(attachment.file.path)
    path.unlink()
    (path / "in the way").mkdir(parents=True)

    evaluation_attachment_remove(attachment=attachment, actor=principal)

    assert draft.attachments.count() == 0
