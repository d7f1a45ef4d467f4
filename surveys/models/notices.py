"""Parents' notices of student surveys (PPRA) and the opt-outs families send back.

The Protection of Pupil Rights Amendment (20 U.S.C. 1232h) asks that parents get
notice of a student survey touching a protected area, with the dates, a way to
inspect the questions and a way to opt their child out. ``ParentNotice`` is that
notice, one per campaign; its dates are the campaign's and its protected areas are
computed from the student template's questions, so neither can drift from what
students are really asked.

``OptOut`` is kept apart from responses, like a response is kept apart from its
code: a random key, no time (not even the day), no user, address or browser, and
nothing shared with codes, code batches or responses. It names a child (the
principal needs the name to hold back that child's slip), so only the principal of
the child's school reads it — nobody else, superusers included.
"""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.scoping import ScopedQuerySet
from roster.scoping import Scope, scope_for
from surveys.models.campaigns import Campaign
from surveys.models.choices import ProtectedArea

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# The areas as a parent reads them: plain words, not the statute's.
AREA_PLAIN_WORDS = {
    ProtectedArea.POLITICAL: _("political parties or political beliefs"),
    ProtectedArea.MENTAL_HEALTH: _("mental or emotional health problems"),
    ProtectedArea.SEXUAL: _("sexual behavior or attitudes"),
    ProtectedArea.ILLEGAL_BEHAVIOR: _(
        "breaking the law, or behavior that could get the student or others in trouble"
    ),
    ProtectedArea.FAMILY_APPRAISAL: _("critical opinions about close family members"),
    ProtectedArea.PRIVILEGED: _("private talks with lawyers, doctors or ministers"),
    ProtectedArea.RELIGION: _("religious practices or beliefs"),
    ProtectedArea.INCOME: _("family income"),
}
# Typed from a printed letter: lower-case letters and digits without look-alikes
# (no 0/o, 1/l/i), 12 of them, about 60 bits — an address nobody can guess.
ADDRESS_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"
ADDRESS_LENGTH = 12


def new_notice_token() -> str:
    return "".join(secrets.choice(ADDRESS_LETTERS) for _ in range(ADDRESS_LENGTH))


class ParentNoticeQuerySet(ScopedQuerySet):
    def for_scope(self, scope: Scope) -> ParentNoticeQuerySet:
        return self.filter(campaign__in=Campaign.objects.for_scope(scope))


class ParentNotice(TimeStampedModel):
    """The notice families get before a student survey: deadline, contact, a note."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="parent_notice"
    )
    # The public page's address: random, so only families who got the letter can
    # reach the opt-out form (a campaign id would let anyone post to every school).
    token = models.CharField(max_length=20, unique=True, default=new_notice_token, editable=False)
    opt_out_deadline = models.DateField()
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    # A note from the district in both languages (the page is in the reader's).
    note_en = models.TextField(blank=True, max_length=1000)
    note_es = models.TextField(blank=True, max_length=1000)

    objects = ParentNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["campaign"]

    def __str__(self) -> str:
        return f"Parents' notice for {self.campaign}"

    def note_in(self, language: str) -> str:
        return self.note_es if language == "es" else self.note_en


class OptOutQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser | None) -> OptOutQuerySet:
        """The opt-outs of the schools the user is principal of; nobody else's.

        On purpose not a ScopedQuerySet: a superuser is no exception, and neither
        is a district coordinator (they see counts, suppressed below k).
        """
        return self.filter(school_id__in=scope_for(user).school_ids)


class OptOut(models.Model):
    """One child a parent opted out of one notice's survey. Nothing else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notice = models.ForeignKey(
        ParentNotice, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    school = models.ForeignKey("roster.School", on_delete=models.PROTECT, related_name="+")
    child_name = models.CharField(max_length=200)
    # The name folded (case, spaces): a second press of "Send" stores nothing new.
    name_key = models.CharField(max_length=200)
    grade = models.CharField(max_length=40)

    objects = OptOutQuerySet.as_manager()

    class Meta:
        # Never by arrival: there is nothing to order by arrival with, and ties go by
        # the random key.
        ordering = ["school_id", "name_key", "grade", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "school", "name_key", "grade"], name="opt_out_once_per_child"
            ),
        ]

    def __str__(self) -> str:
        return "opt-out"
