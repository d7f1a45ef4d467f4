"""What a rendering says about the version it renders: number, status, build date,
hash, and the review and acknowledgement so far.

The PDF (cover, footer, signature block) and the XLSX (its first sheet) print the
stamp; the snapshot never holds it, so the content hash stays the snapshot's own
while the status moves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VersionStamp:
    number: int | None  # None: a preview that is not a stored version
    status: str  # a PacketStatus value ("" for a preview)
    status_label: str
    built_at: str  # local date and time, "2027-06-30 14:05"
    content_hash: str
    reviewed_by: str = ""
    reviewed_at: str = ""
    acknowledged_by: str = ""
    acknowledged_at: str = ""
    officer_comment: str = ""
    # Said on the cover of a copy made for one reader, e.g. the officer's copy,
    # which leaves out what that reader may not read.
    copy_note: str = ""

    @property
    def label(self) -> str:
        if self.number is None:
            return "Preview (not a stored version)"
        return f"Version {self.number} · {self.status_label} · built {self.built_at}"

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    @property
    def footer_line(self) -> str:
        """Every page's second footer line: enough to tell one printed page's version."""
        return f"{self.label} · sha256 {self.short_hash}"

    @property
    def signs(self) -> str:
        """What a signature on this rendering signs, in words."""
        if self.number is None:
            return f"This preview is not a stored version and can't be signed (sha256 {self.content_hash})."
        return (
            f"These signatures are for version {self.number} of this packet, whose content hash "
            f"(sha256) is {self.content_hash}."
        )


def preview_stamp(content_hash: str) -> VersionStamp:
    return VersionStamp(
        number=None, status="", status_label="Preview", built_at="", content_hash=content_hash
    )
