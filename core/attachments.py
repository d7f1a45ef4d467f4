"""What an uploaded attachment may be, checked the same way wherever a file is attached.

Evaluation evidence and a complainant's attachment both go through
``checked_attachment``: at most 5 MB, not empty, and a PDF, PNG, JPEG or UTF-8 text
file recognised by its first bytes, never by its name or the browser's claimed type.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from core.errors import ApplicationError

ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class CheckedAttachment:
    name: str
    size: int
    content_type: str


def attachment_content_type(head: bytes) -> str | None:
    """The type of a file from its content: PDF, PNG, JPEG or UTF-8 plain text."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 3:
            return None
    return "text/plain"


def checked_attachment(upload: UploadedFile) -> CheckedAttachment:
    """The upload's name, size and type, or an ApplicationError saying what is wrong."""
    # A bare UploadedFile may have no name or size; Django's and DRF's file fields
    # refuse a file without either before it gets here.
    name, size = upload.name or "", upload.size or 0
    if size > ATTACHMENT_MAX_BYTES:
        raise ApplicationError(
            _("%(name)s is %(size).1f MB; attachments may be at most %(limit)d MB.")
            % {
                "name": name,
                "size": size / 1024 / 1024,
                "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024,
            }
        )
    if not size:
        raise ApplicationError(_("%(name)s is empty.") % {"name": name})
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    content_type = attachment_content_type(head)
    if content_type is None:
        raise ApplicationError(
            _("%(name)s is not a PDF, PNG, JPEG or plain-text file (checked by its content).")
            % {"name": name}
        )
    return CheckedAttachment(name=name[:200], size=size, content_type=content_type)


# The file name a download may carry for each checked type: a name that says another
# type ("evidence.html" holding text) gets the right ending added, so a browser or a
# desktop never opens an uploaded page or script as what its name claims.
_ENDINGS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/plain": (".txt", ".text", ".csv", ".md", ".log"),
}


def attachment_download_name(name: str, content_type: str) -> str:
    """The uploader's file name, ending as the type its content was checked as."""
    endings = _ENDINGS.get(content_type, (".bin",))
    name = name.strip() or "attachment"
    return name if name.lower().endswith(endings) else f"{name}{endings[0]}"
