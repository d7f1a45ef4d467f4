"""A download's file name ends as the type its content was checked as (complaint files
and evaluation evidence alike): an uploaded page named .html is saved as text."""

from __future__ import annotations

import pytest

from core.attachments import attachment_download_name


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("arm.png", "image/png", "arm.png"),
        ("ARM.JPEG", "image/jpeg", "ARM.JPEG"),
        ("letter.pdf", "application/pdf", "letter.pdf"),
        ("notes.txt", "text/plain", "notes.txt"),
        ("evidence.html", "text/plain", "evidence.html.txt"),
        ("map.svg", "text/plain", "map.svg.txt"),
        ("photo.png", "text/plain", "photo.png.txt"),
        ("report.pdf.exe", "application/pdf", "report.pdf.exe.pdf"),
        ("  ", "image/png", "attachment.png"),
    ],
)
def test_the_name_ends_as_the_checked_type(name, content_type, expected) -> None:
    assert attachment_download_name(name, content_type) == expected
