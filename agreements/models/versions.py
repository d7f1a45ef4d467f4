"""An MOU's versions: its text and the clauses SECURe asks every MOU to settle."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import MOU
from roster.scoping import Scope


class Clause(models.TextChoices):
    """The clauses an MOU carries, in the order SECURe's first action step lists them."""

    REQUIRED_TRAINING = "required_training", "Required training"
    SCHOOL_DISCIPLINE = "school_discipline", "Ordinary school discipline stays with the school"
    PUBLIC_REPORTING = "public_reporting", "Public reporting of enforcement data"
    REMOVAL_REQUESTS = "removal_requests", "Requests to remove an officer"
    COMPLAINTS = "complaints", "Complaints"
    DATA_SHARING = "data_sharing", "Sharing of student information"
    REVIEW_CYCLE = "review_cycle", "Regular review with community input"


def mou_record_readers(scope: Scope) -> Q:
    """Who reads an MOU's record, as a filter on MOU: the district's coordinators, its
    principals (their schools are a party to it) and the agency's supervisors. Officers
    read nothing here, though roster lets them see their agency's MOU terms."""
    return (
        Q(district_id__in=scope.coordinator_district_ids)
        | Q(district_id__in=scope.principal_district_ids)
        | Q(agency_id__in=scope.agency_ids, district_id__in=scope.supervisor_district_ids)
    )


class MOUVersionQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> MOUVersionQuerySet:
        return self.filter(mou__in=MOU.objects.filter(mou_record_readers(scope)))

    def adopted(self) -> MOUVersionQuerySet:
        return self.filter(adopted_on__isnull=False)


class MOUVersion(TimeStampedModel):
    """One wording of an MOU. A version is adopted on a date (then it is in force
    until a later one is adopted) or is a proposal still under review; an adopted
    version never changes, a revision is a new version."""

    mou = models.ForeignKey(MOU, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    adopted_on = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="The MOU's full text, when it is not uploaded.")
    document = models.FileField(upload_to="agreements/mou/%Y/", blank=True)
    # The structured terms, beside the clauses' wording.
    removal_response_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1)]
    )
    review_cycle_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)]
    )
    bars_ordinary_discipline = models.BooleanField(
        default=True, help_text="Officers do not administer ordinary school discipline."
    )
    # What changed from the version before, for the public page, in both languages.
    changes_en = models.TextField(blank=True)
    changes_es = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MOUVersionQuerySet.as_manager()

    class Meta:
        ordering = ["mou", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["mou", "number"], name="mou_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="mou_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.mou} version {self.number}"


class MOUClause(models.Model):
    """One clause's wording in one version, in English and Spanish."""

    version = models.ForeignKey(MOUVersion, on_delete=models.CASCADE, related_name="clauses")
    clause = models.CharField(max_length=30, choices=Clause.choices)
    text_en = models.TextField()
    text_es = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "clause"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "clause"], name="mou_clause_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_clause_display()}"
