"""Packets in the district export (roster/portability.py asks every app)."""

from __future__ import annotations

from packets.models import PacketVersion
from roster.models import District


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    """The district's packet versions; snapshots stay out (the PDF/XLSX hold them)."""
    versions = PacketVersion.objects.filter(packet__period__district=district).order_by(
        "packet__period__name",
        "packet__officer__agency__code",
        "packet__officer__badge_number",
        "number",
    )
    return [
        (
            "versions",
            [
                "period",
                "agency",
                "officer_badge",
                "version",
                "content_hash",
                "status",
                "built_at",
                "reviewed_by",
                "reviewed_at",
                "review_comment",
                "acknowledged_at",
                "officer_comment",
            ],
            versions.values_list(
                "packet__period__name",
                "packet__officer__agency__code",
                "packet__officer__badge_number",
                "number",
                "content_hash",
                "status",
                "created_at",
                "reviewed_by__username",
                "reviewed_at",
                "review_comment",
                "acknowledged_at",
                "officer_comment",
            ),
        ),
    ]
