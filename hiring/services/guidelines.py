"""Writing hiring guidelines. Versioned like rubrics: a draft is edited freely, a
published version never changes (selection records were scored against it), and a
revision is a new draft copied from the latest version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from core.audit import audit_record
from core.dates import today
from core.errors import ApplicationError, ConflictError
from hiring.models import HiringGuideline, SelectionCriterion
from roster.models import District

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    name: str
    description: str = ""
    weight: int = 1


DEFAULT_TITLE = "Hiring guidelines for School Resource Officers"
DEFAULT_INTRODUCTION = (
    "The panel looks for an officer who can work with young people in a school, as the "
    "SECURe rubric (U.S. Departments of Education and Justice, 2016) asks. Each panelist "
    "scores every quality from 1 (not shown) to 4 (shown strongly) and notes the evidence."
)
# SECURe step 3: the qualities to seek in an SRO, worded as what the panel looks for.
DEFAULT_CRITERIA = (
    CriterionSpec(
        "young_people",
        "Works effectively with young people",
        "Relates to students of different ages and backgrounds; has worked with youth "
        "before and speaks of it with respect.",
        2,
    ),
    CriterionSpec(
        "discipline",
        "Understands developmentally appropriate discipline",
        "Knows that school discipline is the school's, not law enforcement's, and knows "
        "the district's discipline policy and the MOU's limits on an SRO's role.",
        2,
    ),
    CriterionSpec(
        "communication",
        "Communicates well with students, families and staff",
        "Listens, explains plainly, and can talk with a worried parent or a teacher.",
    ),
    CriterionSpec(
        "de_escalation",
        "De-escalates and uses alternatives to arrest and citation",
        "Describes calming a situation without force, and diversion, restorative or "
        "referral options chosen over an arrest, citation or ticket.",
        2,
    ),
    CriterionSpec(
        "civil_rights",
        "Understands civil rights, implicit bias and students with disabilities",
        "Knows students' rights at school, how bias shows up and what it costs, and how "
        "a disability can look like misbehaviour.",
    ),
    CriterionSpec(
        "community",
        "Commitment to the school community",
        "Wants this assignment, would take part in school life, and means to stay.",
    ),
)


def _criteria_rows(guideline: HiringGuideline, specs: list[CriterionSpec]) -> list:
    if not specs:
        raise ApplicationError("Hiring guidelines need at least one quality to score.")
    codes = [spec.code for spec in specs]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ApplicationError(f"Each quality needs its own code; repeated: {', '.join(repeated)}.")
    rows = []
    for position, spec in enumerate(specs, start=1):
        row = SelectionCriterion(
            guideline=guideline,
            code=spec.code,
            name=spec.name,
            description=spec.description,
            weight=spec.weight,
            position=position,
        )
        row.full_clean(exclude=["guideline"])
        rows.append(row)
    return rows


def _snapshot(specs: list[CriterionSpec]) -> list[list[object]]:
    return [[s.code, s.name, s.description, s.weight] for s in specs]


def criterion_specs(*, guideline: HiringGuideline) -> list[CriterionSpec]:
    return [
        CriterionSpec(c.code, c.name, c.description, c.weight) for c in guideline.criteria.all()
    ]


@transaction.atomic
def guideline_start_default(*, district: District, actor: User) -> HiringGuideline:
    """Version 1, a draft built from SECURe's qualities, for a district that has none."""
    District.objects.select_for_update().filter(pk=district.pk).first()
    if HiringGuideline.objects.filter(district=district).exists():
        raise ConflictError(
            "The district already has hiring guidelines; revise the latest version instead."
        )
    guideline = HiringGuideline(
        district=district,
        version=1,
        title=DEFAULT_TITLE,
        introduction=DEFAULT_INTRODUCTION,
        created_by=actor,
    )
    guideline.full_clean()
    guideline.save()
    specs = list(DEFAULT_CRITERIA)
    SelectionCriterion.objects.bulk_create(_criteria_rows(guideline, specs))
    audit_record(
        actor=actor,
        action="hiring_guideline.created",
        target=guideline,
        district=district,
        changes={"version": [None, 1], "criteria": [None, _snapshot(specs)]},
    )
    return guideline


def _locked_draft(guideline: HiringGuideline) -> HiringGuideline:
    guideline = HiringGuideline.objects.select_for_update().get(pk=guideline.pk)
    if guideline.published_on is not None:
        raise ConflictError(
            f"Version {guideline.version} was published on {guideline.published_on:%Y-%m-%d}"
            " and can't change; revise it to make a new draft."
        )
    return guideline


@transaction.atomic
def guideline_update_draft(
    *,
    guideline: HiringGuideline,
    title: str,
    introduction: str,
    criteria: list[CriterionSpec],
    actor: User,
) -> HiringGuideline:
    guideline = _locked_draft(guideline)
    before = [
        guideline.title,
        guideline.introduction,
        _snapshot(criterion_specs(guideline=guideline)),
    ]
    guideline.title, guideline.introduction = title, introduction
    guideline.full_clean()
    rows = _criteria_rows(guideline, criteria)
    after = [title, introduction, _snapshot(criteria)]
    if after == before:
        return guideline
    guideline.save()
    guideline.criteria.all().delete()
    SelectionCriterion.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="hiring_guideline.revised",
        target=guideline,
        district=guideline.district_id,
        changes={"draft": [before, after]},
    )
    return guideline


@transaction.atomic
def guideline_publish(*, guideline: HiringGuideline, actor: User) -> HiringGuideline:
    guideline = _locked_draft(guideline)
    if not guideline.criteria.exists():
        raise ApplicationError("Add at least one quality to score before publishing.")
    guideline.published_on = today()
    guideline.full_clean()
    guideline.save(update_fields=["published_on", "updated_at"])
    audit_record(
        actor=actor,
        action="hiring_guideline.published",
        target=guideline,
        district=guideline.district_id,
        changes={"published_on": [None, guideline.published_on]},
    )
    return guideline


@transaction.atomic
def guideline_revise(*, guideline: HiringGuideline, actor: User) -> HiringGuideline:
    """A new draft copied from the latest version, which must be published."""
    family = list(
        HiringGuideline.objects.select_for_update().filter(district_id=guideline.district_id)
    )
    latest = max(family, key=lambda g: g.version)
    if latest.published_on is None:
        raise ConflictError(
            f"Version {latest.version} is still a draft: edit it instead of starting another."
        )
    draft = HiringGuideline(
        district_id=latest.district_id,
        version=latest.version + 1,
        title=latest.title,
        introduction=latest.introduction,
        created_by=actor,
    )
    draft.full_clean()
    draft.save()
    specs = criterion_specs(guideline=latest)
    SelectionCriterion.objects.bulk_create(_criteria_rows(draft, specs))
    audit_record(
        actor=actor,
        action="hiring_guideline.new_version",
        target=draft,
        district=draft.district_id,
        changes={"version": [latest.version, draft.version]},
    )
    return draft
