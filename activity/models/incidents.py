"""Incidents and the enforcement actions (or alternatives) that ended them.

An ``Incident`` is one student's contact with one officer on one day, named by the
agency's incident number: an event involving three students is three incidents
(the agency numbers them, for example 25-0142-A, -B, -C), because every CRDC count
is a count of students. Its ``EnforcementAction`` rows say what the officer did:
arrest, citation, search, force, or an alternative such as a restorative
conference. An incident is *handled with an alternative* when it has at least one
alternative and no arrest, citation, summons or referral to law enforcement.

No row holds a student's name or id; the demographic fields are the CRDC groups.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.models import Agency, Officer, School
from roster.scoping import Scope

from .demographics import Disability, EnglishLearner, Grade, RaceEthnicity, Sex


class ActionType(models.TextChoices):
    ARREST = "arrest", "Arrest"
    CITATION = "citation", "Citation or ticket"
    SUMMONS = "summons", "Summons"
    REFERRAL = "referral", "Referral to law enforcement"
    SEARCH = "search", "Search"
    RESTRAINT = "restraint", "Handcuffing or restraint"
    USE_OF_FORCE = "use_of_force", "Use of force"
    WARNING = "warning", "Warning"
    RESTORATIVE_CONFERENCE = "restorative_conference", "Restorative conference"
    COUNSELOR_REFERRAL = "counselor_referral", "Referral to counselor or mental-health services"
    DIVERSION = "diversion", "Diversion program"
    FAMILY_CONFERENCE = "family_conference", "Family conference"


# What the officer did instead of a formal sanction (SECURe: alternatives to citations,
# tickets and arrests).
ALTERNATIVE_TYPES = (
    ActionType.WARNING,
    ActionType.RESTORATIVE_CONFERENCE,
    ActionType.COUNSELOR_REFERRAL,
    ActionType.DIVERSION,
    ActionType.FAMILY_CONFERENCE,
)
# Formal justice-system outcomes; an incident with any of these was not "handled with
# an alternative", whatever else happened.
FORMAL_TYPES = (ActionType.ARREST, ActionType.CITATION, ActionType.SUMMONS, ActionType.REFERRAL)


class ForceLevel(models.IntegerChoices):
    """The agency's use-of-force continuum above presence and verbal commands."""

    SOFT_CONTROL = 1, "1 — soft empty-hand control (escort, pressure point)"
    HARD_CONTROL = 2, "2 — hard empty-hand control (takedown, strikes)"
    LESS_LETHAL = 3, "3 — less-lethal weapon (OC spray, baton, conducted-energy device)"
    DEADLY = 4, "4 — firearm pointed or discharged, deadly force"


class OffenseCategory(models.TextChoices):
    FIGHT_ASSAULT = "fight_assault", "Fight or physical assault"
    THREAT = "threat", "Threat or intimidation"
    WEAPON = "weapon", "Weapon possession"
    DRUGS_ALCOHOL = "drugs_alcohol", "Drugs, alcohol or tobacco"
    THEFT = "theft", "Theft or robbery"
    VANDALISM = "vandalism", "Vandalism or property damage"
    DISORDERLY = "disorderly", "Disorderly conduct or disruption"
    TRESPASS = "trespass", "Trespass"
    TRUANCY = "truancy", "Truancy or attendance"
    DEFIANCE = "defiance", "Defiance or dress-code violation"
    OTHER = "other", "Other"


class IncidentQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> IncidentQuerySet:
        return self.filter(
            Q(school__district_id__in=scope.coordinator_district_ids)
            | Q(school_id__in=scope.school_ids)
            | Q(officer__agency_id__in=scope.agency_ids)
            | Q(officer_id__in=scope.officer_ids)
        )


class Incident(TimeStampedModel):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incidents")
    incident_number = models.CharField(
        max_length=40,
        help_text="The agency's own incident or report number; unique within the agency.",
    )
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="incidents")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="incidents")
    date = models.DateField()
    offense_category = models.CharField(max_length=20, choices=OffenseCategory.choices)
    ordinary_discipline = models.BooleanField(
        default=False,
        help_text="A matter of ordinary school discipline, which SECURe says is not the officer's role.",
    )
    race_ethnicity = models.CharField(max_length=20, choices=RaceEthnicity.choices)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    disability = models.CharField(max_length=12, choices=Disability.choices)
    english_learner = models.CharField(max_length=6, choices=EnglishLearner.choices)
    grade = models.CharField(max_length=2, choices=Grade.choices)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "incident_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "incident_number"], name="incident_number_unique_in_agency"
            )
        ]
        indexes = [
            models.Index(fields=["officer", "date"]),
            models.Index(fields=["school", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.incident_number} ({self.date})"

    def clean(self) -> None:
        if self.officer_id and self.agency_id and self.officer.agency_id != self.agency_id:
            raise ValidationError(
                {"agency": "The incident number belongs to the officer's own agency."}
            )


class EnforcementActionQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> EnforcementActionQuerySet:
        return self.filter(incident__in=Incident.objects.for_scope(scope))


class EnforcementAction(TimeStampedModel):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions")
    action_type = models.CharField(max_length=24, choices=ActionType.choices)
    force_level = models.PositiveSmallIntegerField(
        choices=ForceLevel.choices, null=True, blank=True
    )

    objects = EnforcementActionQuerySet.as_manager()

    class Meta:
        ordering = ["incident", "action_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "action_type"], name="action_type_once_per_incident"
            ),
            models.CheckConstraint(
                condition=(
                    Q(action_type="use_of_force", force_level__isnull=False)
                    | (~Q(action_type="use_of_force") & Q(force_level__isnull=True))
                ),
                name="force_level_only_for_use_of_force",
            ),
        ]

    def __str__(self) -> str:
        return self.get_action_type_display()

    def clean(self) -> None:
        if self.action_type == ActionType.USE_OF_FORCE and self.force_level is None:
            raise ValidationError({"force_level": "Use of force needs its level."})
        if self.action_type != ActionType.USE_OF_FORCE and self.force_level is not None:
            raise ValidationError({"force_level": "Only a use of force has a level."})

    @property
    def is_alternative(self) -> bool:
        return self.action_type in ALTERNATIVE_TYPES
