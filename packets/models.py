"""Per-officer annual evaluation packets: a packet per officer and period, and its
immutable versions, each a snapshot of everything the packet shows with its hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope


class PacketQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> PacketQuerySet:
        # Coordinators see their district's packets, supervisors their agency's
        # officers, principals the officers placed at their school, an officer their own.
        return self.filter(
            Q(period__district_id__in=scope.coordinator_district_ids)
            | Q(
                officer__agency_id__in=scope.agency_ids,
                period__district_id__in=scope.supervisor_district_ids,
            )
            | Q(
                officer_id__in=scope.principal_officer_ids(),
                period__district_id__in=scope.principal_district_ids,
            )
            | Q(officer_id__in=scope.officer_ids)
        )


class Packet(TimeStampedModel):
    """One officer's evaluation packet for one period; its content lives in versions."""

    officer = models.ForeignKey("roster.Officer", on_delete=models.PROTECT, related_name="packets")
    period = models.ForeignKey(
        "roster.EvaluationPeriod", on_delete=models.PROTECT, related_name="packets"
    )

    objects = PacketQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_packet"  # kept when the model left evaluations
        ordering = ["-period__start_date", "officer__last_name", "officer__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "period"], name="packet_one_per_officer_period"
            )
        ]

    def __str__(self) -> str:
        return f"Packet {self.officer.full_name} {self.period.name}"


class PacketStatus(models.TextChoices):
    READY = "ready", "Ready for review"
    RETURNED = "returned", "Sent back"
    SIGNED_OFF = "signed_off", "Signed off"
    ACKNOWLEDGED = "acknowledged", "Acknowledged by the officer"


LOCKED_STATUSES = (PacketStatus.SIGNED_OFF, PacketStatus.ACKNOWLEDGED)


class PacketVersionQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> PacketVersionQuerySet:
        return self.filter(packet__in=Packet.objects.for_scope(scope))


def _packet_file_path(version: PacketVersion, filename: str) -> str:
    return f"packets/{version.packet.period.name}/{version.packet_id}/{filename}"


class PacketVersion(TimeStampedModel):
    """A built packet: the snapshot, its sha256 and the PDF and XLSX rendered from it.

    The snapshot never changes once written: rebuilding with unchanged inputs finds
    the same hash and returns this version; changed inputs make the next number.
    The review state (sign-off, return, acknowledgement) is the only thing that moves,
    and a signed-off version accepts nothing but the officer's acknowledgement.
    """

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    content_hash = models.CharField(max_length=64, db_index=True)
    # The PDF as built; the signed record (stamped with the sign-off) and the
    # acknowledged record (with the officer's date and response) are rendered from the
    # same snapshot when those happen, and each earlier file is kept beside them.
    pdf = models.FileField(upload_to=_packet_file_path, blank=True)
    signed_pdf = models.FileField(upload_to=_packet_file_path, blank=True)
    acknowledged_pdf = models.FileField(upload_to=_packet_file_path, blank=True)
    xlsx = models.FileField(upload_to=_packet_file_path, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=PacketStatus.choices, default=PacketStatus.READY
    )
    review_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The supervisor signed off knowing the records had changed since the build.
    signed_while_stale = models.BooleanField(default=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    officer_comment = models.TextField(blank=True)

    objects = PacketVersionQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_packetversion"  # kept when the model left evaluations
        ordering = ["packet", "-number"]
        constraints = [
            # Two workers building the same packet at once can't both add a version.
            models.UniqueConstraint(
                fields=["packet", "number"], name="packet_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="packet_version_number_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed_off", "acknowledged"])
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="packet_version_signed_has_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(status="acknowledged") | Q(acknowledged_at__isnull=False),
                name="packet_version_acknowledged_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.packet} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES


# Job.kind of a batch build.
BATCH_JOB_KIND = "packet build"


class PacketBuildStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class PacketBuildItemQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> PacketBuildItemQuerySet:
        from core.models import Job

        return self.filter(job__in=Job.objects.for_scope(scope))


class PacketBuildItem(TimeStampedModel):
    """One officer of a batch build: its task counts on the job exactly once."""

    job = models.ForeignKey("core.Job", on_delete=models.CASCADE, related_name="packet_items")
    officer = models.ForeignKey("roster.Officer", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        "roster.EvaluationPeriod", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=PacketBuildStatus.choices, default=PacketBuildStatus.PENDING
    )
    reason = models.TextField(blank=True)
    # Assembled with the batch's other officers, waiting for this officer's task.
    snapshot = models.JSONField(null=True, blank=True)
    version = models.ForeignKey(
        PacketVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PacketBuildItemQuerySet.as_manager()

    class Meta:
        db_table = "evaluations_packetbuilditem"  # kept when the model left evaluations
        ordering = ["job", "id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "officer"], name="packet_build_item_unique")
        ]

    def __str__(self) -> str:
        return f"Job {self.job_id} officer {self.officer_id}: {self.status}"
