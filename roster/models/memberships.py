from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope

from .organisations import Agency, District, School
from .people import Officer


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "District coordinator"
    PRINCIPAL = "principal", "Principal"
    SUPERVISOR = "supervisor", "Police supervisor"
    OFFICER = "officer", "Officer"


# Which scope field each role must fill (and no other).
ROLE_SCOPE_FIELD: dict[str, str | None] = {
    Role.COORDINATOR: None,
    Role.PRINCIPAL: "school",
    Role.SUPERVISOR: "agency",
    Role.OFFICER: "officer",
}


class MembershipQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> MembershipQuerySet:
        return self.filter(
            Q(district_id__in=scope.coordinator_district_ids)
            | Q(school_id__in=scope.school_ids, role=Role.PRINCIPAL)
            | Q(agency_id__in=scope.agency_ids, role=Role.SUPERVISOR)
            | Q(officer_id__in=scope.officer_ids, role=Role.OFFICER)
        )


class Membership(TimeStampedModel):
    """A user's role and its scope: a district, a school, an agency or themself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role="coordinator",
                        school__isnull=True,
                        agency__isnull=True,
                        officer__isnull=True,
                    )
                    | Q(
                        role="principal",
                        school__isnull=False,
                        agency__isnull=True,
                        officer__isnull=True,
                    )
                    | Q(
                        role="supervisor",
                        school__isnull=True,
                        agency__isnull=False,
                        officer__isnull=True,
                    )
                    | Q(
                        role="officer",
                        school__isnull=True,
                        agency__isnull=True,
                        officer__isnull=False,
                    )
                ),
                name="membership_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "district"],
                condition=Q(role="coordinator"),
                name="membership_unique_coordinator",
            ),
            models.UniqueConstraint(
                fields=["user", "school"],
                condition=Q(role="principal"),
                name="membership_unique_principal",
            ),
            models.UniqueConstraint(
                fields=["user", "district", "agency"],
                condition=Q(role="supervisor"),
                name="membership_unique_supervisor",
            ),
            models.UniqueConstraint(
                fields=["user", "officer"],
                condition=Q(role="officer"),
                name="membership_unique_officer",
            ),
        ]

    def __str__(self) -> str:
        target = self.school or self.agency or self.officer or self.district
        return f"{self.user} — {self.get_role_display()} — {target}"

    def clean(self) -> None:
        wanted = ROLE_SCOPE_FIELD.get(self.role)
        for name in ("school", "agency", "officer"):
            present = getattr(self, f"{name}_id") is not None
            if name == wanted and not present:
                raise ValidationError(
                    {name: f"A {self.get_role_display().lower()} needs a {name}."}
                )
            if name != wanted and present:
                raise ValidationError({name: f"A {self.get_role_display().lower()} has no {name}."})
        school = self.school if self.school_id and self.district_id else None
        if school is not None and school.district_id != self.district_id:
            raise ValidationError({"school": "The school is in another district."})
