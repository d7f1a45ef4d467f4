"""Campaigns, their groups, and the single-use access codes printed for them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from core.dates import today
from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope
from surveys.models.choices import RespondentGroup
from surveys.models.questions import SurveyTemplate


class CampaignQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> CampaignQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(schools__in=scope.school_ids)
            | Q(officers__agency_id__in=scope.agency_ids)
            | Q(officers__in=scope.officer_ids)
        ).distinct()


class Campaign(TimeStampedModel):
    """A round of surveys: which schools, officers and groups, open between two dates."""

    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, related_name="survey_campaigns"
    )
    period = models.ForeignKey(
        "roster.EvaluationPeriod", on_delete=models.PROTECT, related_name="survey_campaigns"
    )
    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    schools = models.ManyToManyField("roster.School", related_name="survey_campaigns")
    officers = models.ManyToManyField("roster.Officer", related_name="survey_campaigns")
    # Response rates go up in steps of this many, fixed when the campaign is made:
    # steps of two sizes, read at two times, would intersect to an exact count.
    response_step = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(3)])

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="campaign_closes_after_it_opens"
            ),
            models.UniqueConstraint(
                fields=["district", "name"], name="campaign_name_unique_in_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def status(self) -> str:
        """Not yet open, open, closed (results not released yet), or released."""
        if hasattr(self, "release"):
            return "released"
        day = today()
        if day < self.opens_on:
            return "not yet open"
        return "open" if day <= self.closes_on else "closed, not yet released"

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "A campaign can't close before it opens."})
        if self.period_id and self.district_id and self.period.district_id != self.district_id:
            raise ValidationError({"period": "The period belongs to another district."})


class CampaignGroup(models.Model):
    """A respondent group a campaign asks, with the template version it uses."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(max_length=10, choices=RespondentGroup.choices)
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.PROTECT, related_name="campaign_groups"
    )

    class Meta:
        ordering = ["campaign", "group"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "group"], name="campaign_group_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.get_group_display()}"

    def clean(self) -> None:
        if self.template_id and self.template.group != self.group:
            raise ValidationError(
                {"template": "The template is written for another respondent group."}
            )


class AccessCode(models.Model):
    """A single-use code, stored only as a keyed hash (see surveys/codes.py).

    On purpose there is no creation or spending time and no link to a response:
    ``spent`` is the only thing that changes, in the transaction that stores the
    response. The batch keeps issuing times and who printed them, not this row.
    """

    # Only two indexes (the code's hash, and campaign group + school): spending a
    # code changes no indexed column, so PostgreSQL can update the row in place
    # (a HOT update; the table keeps free space on each page for it, see
    # migration 0003) instead of writing a new entry into every index.
    campaign_group = models.ForeignKey(
        CampaignGroup, on_delete=models.CASCADE, related_name="codes", db_index=False
    )
    school = models.ForeignKey(
        "roster.School", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    batch = models.ForeignKey(
        "CodeBatch", on_delete=models.CASCADE, related_name="codes", db_index=False
    )
    code_hash = models.CharField(max_length=64, unique=True)
    spent = models.BooleanField(default=False)
    # Issued after the campaign opened (anonymity invariant 5): a reader who can
    # issue codes could otherwise answer with their own until a small group
    # crosses k and subtract themselves. Only on-time respondents count toward k.
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["campaign_group", "school"]
        indexes = [
            models.Index(fields=["campaign_group", "school"], name="surveys_code_group_school")
        ]

    def __str__(self) -> str:
        return f"code for {self.campaign_group} at {self.school_id}"


class CodeBatch(TimeStampedModel):
    """A printing of codes: who issued how many, for which group and school."""

    campaign_group = models.ForeignKey(
        CampaignGroup, on_delete=models.CASCADE, related_name="batches"
    )
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5000)])
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.count} codes for {self.campaign_group} at {self.school_id}"
