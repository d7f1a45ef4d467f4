"""Every read of packets starts from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from core.models import Job
from evaluations.models import BATCH_JOB_KIND, Packet, PacketBuildItem, PacketStatus, PacketVersion
from evaluations.packets.pdf import render_packet_pdf
from evaluations.packets.privacy import snapshot_as_read, survey_privacy_raised
from evaluations.packets.xlsx import render_packet_xlsx
from roster.models import EvaluationPeriod, Role
from roster.scoping import scope_for

VERSION_LIST_FIELDS = [
    "id",
    "packet_id",
    "number",
    "content_hash",
    "status",
    "created_at",
    "reviewed_at",
    "acknowledged_at",
    "review_comment",
    "officer_comment",
    "reviewed_by",
    "acknowledged_by",
]


def packets_visible(
    *, user, period: EvaluationPeriod | None = None, status: str | None = None
) -> QuerySet[Packet]:
    """Packets with their latest version's id, number and status annotated."""
    latest = PacketVersion.objects.filter(packet=OuterRef("pk")).order_by("-number")
    packets = (
        Packet.objects.visible_to(user)
        .select_related("officer__agency", "period")
        .annotate(
            latest_version_id=Subquery(latest.values("pk")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
        )
    )
    if period is not None:
        packets = packets.filter(period=period)
    if status:
        packets = packets.filter(latest_status=status)
    return packets


def packet_versions(*, packet: Packet) -> QuerySet[PacketVersion]:
    """The packet's versions, newest first, without their snapshots."""
    return (
        PacketVersion.objects.filter(packet=packet)
        .only(*VERSION_LIST_FIELDS)
        .select_related("reviewed_by", "acknowledged_by")
        .order_by("-number")
    )


def packet_versions_visible(*, user) -> QuerySet[PacketVersion]:
    return PacketVersion.objects.visible_to(user).select_related(
        "packet__officer__agency", "packet__period__district", "reviewed_by", "acknowledged_by"
    )


def packet_latest_number(*, packet_id: int) -> int | None:
    return (
        PacketVersion.objects.filter(packet_id=packet_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )


@dataclass(frozen=True)
class PacketActions:
    """What the user may do with a version, for pages and API responses."""

    can_review: bool
    can_acknowledge: bool


def packet_actions(*, user, version: PacketVersion, is_latest: bool) -> PacketActions:
    scope = scope_for(user)
    supervisor = scope.is_superuser or (
        Role.SUPERVISOR in scope.roles
        and version.packet.officer.agency_id in scope.agency_ids
        and version.packet.period.district_id in scope.supervisor_district_ids
    )
    return PacketActions(
        can_review=supervisor and is_latest and not version.is_locked,
        can_acknowledge=version.packet.officer_id in scope.officer_ids
        and version.status == PacketStatus.SIGNED_OFF,
    )


def packet_batch_rights(*, user) -> bool:
    """Whether the user may start batch builds at all (coordinators and supervisors)."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.SUPERVISOR)


def packet_batch_items(*, job: Job) -> QuerySet[PacketBuildItem]:
    return (
        PacketBuildItem.objects.filter(job=job)
        .select_related("officer__agency", "version")
        .order_by("id")
    )


def packet_batch_jobs_visible(*, user) -> QuerySet[Job]:
    return Job.objects.visible_to(user).filter(kind=BATCH_JOB_KIND)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def packet_file_stem(*, officer, period: EvaluationPeriod, number: int) -> str:
    """The name a version's files are stored and downloaded under, without the extension."""
    return f"packet-{officer.agency.code}-{officer.badge_number}-{period.name}-v{number}"


def packet_document(*, version: PacketVersion, kind: str) -> tuple[bytes, str, str]:
    """The version's stored PDF or XLSX: (content, filename, content type).

    A file lost from storage is rendered again from the snapshot, which gives the
    same document: the renderers read nothing else.
    """
    stored = getattr(version, kind)
    officer = version.packet.officer
    period = version.packet.period
    filename = f"{packet_file_stem(officer=officer, period=period, number=version.number)}.{kind}"
    # A file rendered when k was lower shows what today's k hides: render it again.
    current = not survey_privacy_raised(snapshot=version.snapshot, district=period.district)
    if current and stored and stored.storage.exists(stored.name):
        with stored.open("rb") as handle:
            return handle.read(), filename, CONTENT_TYPES[kind]
    if kind == "pdf":
        content = packet_pdf_render(version=version)
    else:
        content = render_packet_xlsx(packet_snapshot_shown(version=version))
    return content, filename, CONTENT_TYPES[kind]


def packet_snapshot_shown(*, version: PacketVersion) -> dict:
    """The version's snapshot as every page, file and API shows it (packets/privacy.py)."""
    return snapshot_as_read(snapshot=version.snapshot, period=version.packet.period)


def packet_pdf_render(*, version: PacketVersion) -> bytes:
    """The version's PDF from its snapshot, with the supervisor's sign-off once there is one."""
    sign_off = None
    if version.status == PacketStatus.SIGNED_OFF and version.reviewed_by_id:
        reviewer = version.reviewed_by
        sign_off = (
            reviewer.get_full_name() or reviewer.username,
            f"{timezone.localtime(version.reviewed_at):%Y-%m-%d}",
        )
    return render_packet_pdf(packet_snapshot_shown(version=version), sign_off=sign_off)


def packets_home_tasks(*, user) -> list[dict]:
    """Home-page items: packets a supervisor has to review, an officer to acknowledge.

    For ``evaluations/home.py`` to list (issue 4 owns that module).
    """
    scope = scope_for(user)
    items: list[dict] = []
    if scope.is_empty:
        return items
    packets = packets_visible(user=user)
    if Role.SUPERVISOR in scope.roles:
        waiting = packets.filter(
            officer__agency_id__in=scope.agency_ids, latest_status=PacketStatus.READY
        ).count()
        if waiting:
            items.append(
                {
                    "title": "Evaluation packets to sign off",
                    "detail": f"{waiting} packet{'s' if waiting != 1 else ''} ready for your review",
                    "url": reverse("packets:list") + f"?status={PacketStatus.READY}",
                }
            )
    if Role.OFFICER in scope.roles:
        for packet in packets.filter(
            officer_id__in=scope.officer_ids, latest_status=PacketStatus.SIGNED_OFF
        ):
            items.append(
                {
                    "title": f"Acknowledge your {packet.period.name} evaluation packet",
                    "detail": "Signed off by your supervisor; add a response if you wish.",
                    "url": reverse("packets:version", args=[packet.latest_version_id]),
                }
            )
    return items


def packets_nav_items(*, user) -> list[dict]:
    return (
        [] if scope_for(user).is_empty else [{"title": "Packets", "url": reverse("packets:list")}]
    )


def packet_district_tables(*, district) -> list[tuple[str, list[str], object]]:
    """Packet versions of the district for the portability export (roster/portability.py),
    for ``evaluations/portability.py`` to list; snapshots stay out (the PDF/XLSX hold them)."""
    versions = PacketVersion.objects.filter(packet__period__district=district).order_by(
        "packet__period__name",
        "packet__officer__agency__code",
        "packet__officer__badge_number",
        "number",
    )
    return [
        (
            "packet_versions",
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
