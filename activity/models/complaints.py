"""Complaints about an officer, from anyone, anonymous allowed.

The complainant gets a random tracking code once; only its SHA-256 is stored (the
code carries 60 random bits, so a fast hash is enough), and the tracking page shows
the steps and their dates and nothing else. Labels the public reads are translated
(``gettext_lazy``); staff pages render them in English.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import District, Officer, School
from roster.scoping import Scope


class ComplaintSource(models.TextChoices):
    STUDENT = "student", _("Student")
    FAMILY = "family", _("Parent or family member")
    STAFF = "staff", _("School staff")
    COMMUNITY = "community", _("Community member")
    ANONYMOUS = "anonymous", _("Anonymous")


class Allegation(models.TextChoices):
    FORCE = "force", _("Use of force")
    DISCRIMINATION = "discrimination", _("Discrimination or bias")
    DISCOURTESY = "discourtesy", _("Discourtesy")
    SEARCH_QUESTIONING = "search_questioning", _("Improper search or questioning")
    ORDINARY_DISCIPLINE = "ordinary_discipline", _("Involvement in ordinary school discipline")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Under investigation")
    SUSTAINED = "sustained", _("Sustained")
    NOT_SUSTAINED = "not_sustained", _("Not sustained")
    UNFOUNDED = "unfounded", _("Unfounded")
    EXONERATED = "exonerated", _("Exonerated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


FINDING_STATUSES = (
    ComplaintStatus.SUSTAINED,
    ComplaintStatus.NOT_SUSTAINED,
    ComplaintStatus.UNFOUNDED,
    ComplaintStatus.EXONERATED,
)
CLOSED_STATUSES = (*FINDING_STATUSES, ComplaintStatus.WITHDRAWN)
# Where each status may go next; a closed complaint is final.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    ComplaintStatus.RECEIVED: (ComplaintStatus.INVESTIGATING, ComplaintStatus.WITHDRAWN),
    ComplaintStatus.INVESTIGATING: (*FINDING_STATUSES, ComplaintStatus.WITHDRAWN),
}


class ComplaintQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ComplaintQuerySet:
        # Officers don't read complaints about themselves here: complainants' contact
        # details and accounts stay with the investigators (district and agency).
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(officer__agency_id__in=scope.agency_ids)
            | Q(school_id__in=scope.school_ids)
        )


class Complaint(TimeStampedModel):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="complaints")
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    officer = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        help_text="Empty until the investigators know which officer the complaint is about.",
    )
    received_date = models.DateField()
    incident_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=12, choices=ComplaintSource.choices)
    allegations = models.JSONField(
        default=list, help_text="Allegation categories (values of Allegation)."
    )
    account = models.TextField("what happened", max_length=5000)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    investigation_started_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    # The same random code is kept for a form from the moment it is shown, so a
    # double-clicked submit sends one hash twice and this constraint stores it once.
    tracking_code_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language the complainant filled the form in: the confirmation "
        "email is written in it, and investigators can answer in it.",
    )
    tracking_code_shown = models.BooleanField(
        default=False,
        help_text="The received page showed the code: it is shown once, and a reload "
        "(or a double click's twin request) shows the page without it.",
    )
    confirmation_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the confirmation email with the tracking code went out; "
        "empty without an address, for an anonymous complaint, or if the mail failed.",
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="anonymous")
                | Q(contact_name="", contact_email="", contact_phone=""),
                name="anonymous_complaint_has_no_contact",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(status__in=[s.value for s in CLOSED_STATUSES]),
                name="complaint_closed_on_only_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["officer", "received_date"])]

    def __str__(self) -> str:
        return f"Complaint #{self.pk} ({self.get_status_display()})"

    def clean(self) -> None:
        if not self.allegations or not isinstance(self.allegations, list):
            raise ValidationError({"allegations": "Choose at least one allegation."})
        unknown = [a for a in self.allegations if a not in Allegation.values]
        if unknown:
            raise ValidationError(
                {"allegations": f"Unknown allegation categories: {', '.join(map(str, unknown))}."}
            )
        if self.source == ComplaintSource.ANONYMOUS and (
            self.contact_name or self.contact_email or self.contact_phone
        ):
            raise ValidationError({"source": "An anonymous complaint carries no contact details."})
        school = self.school if self.school_id and self.district_id else None
        if school is not None and school.district_id != self.district_id:
            raise ValidationError({"school": "The school is in another district."})

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def allegation_labels(self) -> list[str]:
        # str(): in the active language, and plain strings for JSON snapshots.
        return [str(Allegation(a).label) for a in self.allegations if a in Allegation.values]


def complaint_attachment_path(instance: ComplaintAttachment, filename: str) -> str:
    # The stored name is random: the complainant's file name is kept in a column,
    # never trusted as a path.
    return f"complaint-attachments/{instance.complaint_id}/{uuid.uuid4().hex}"


class ComplaintAttachmentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ComplaintAttachmentQuerySet:
        return self.filter(complaint__in=Complaint.objects.for_scope(scope))


class ComplaintAttachment(TimeStampedModel):
    """A file the complainant sent with the complaint, checked by its content
    (``core.attachments``), read only by those who read the complaint."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=complaint_attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    objects = ComplaintAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["complaint", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
