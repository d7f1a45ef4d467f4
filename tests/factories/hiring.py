"""Factories for hiring guidelines and selection records, and out-of-scope builders."""

from __future__ import annotations

import datetime

import factory

from hiring.models import (
    HiringGuideline,
    Panelist,
    PanelistKind,
    PanelScore,
    SelectionCriterion,
    SelectionRecord,
)
from hiring.services.guidelines import DEFAULT_CRITERIA
from roster.models import District, Officer, School
from tests.factories.roster import DistrictFactory
from tests.scoping import out_of_scope


class HiringGuidelineFactory(factory.django.DjangoModelFactory[HiringGuideline]):
    class Meta:
        model = HiringGuideline

    district = factory.SubFactory(DistrictFactory)
    version = 1
    title = "Hiring guidelines for School Resource Officers"
    published_on = datetime.date(2026, 6, 1)


def published_guideline(district: District) -> HiringGuideline:
    """The district's published guidelines, with SECURe's six qualities (made once)."""
    found = HiringGuideline.objects.filter(district=district, published_on__isnull=False).first()
    if found is not None:
        return found
    guideline = HiringGuidelineFactory(district=district)
    SelectionCriterion.objects.bulk_create(
        SelectionCriterion(
            guideline=guideline,
            code=spec.code,
            name=spec.name,
            description=spec.description,
            weight=spec.weight,
            position=position,
        )
        for position, spec in enumerate(DEFAULT_CRITERIA, start=1)
    )
    return guideline


def selection_for(
    *, school: School, candidate: Officer, guideline: HiringGuideline | None = None
) -> SelectionRecord:
    return SelectionRecord.objects.create(
        district=school.district,
        school=school,
        agency=candidate.agency,
        candidate=candidate,
        guideline=guideline or published_guideline(school.district),
    )


def representative(record: SelectionRecord, name: str = "Rosa Delgado") -> Panelist:
    return Panelist.objects.create(record=record, name=name, kind=PanelistKind.FAMILY)


def scored(panelist: Panelist, score: int = 3, note: str = "") -> list[PanelScore]:
    return PanelScore.objects.bulk_create(
        PanelScore(panelist=panelist, criterion=c, score=score, note=note)
        for c in SelectionCriterion.objects.filter(guideline_id=panelist.record.guideline_id)
    )


@out_of_scope(HiringGuideline)
def _guideline(world):
    return published_guideline(world.other_district)


@out_of_scope(SelectionRecord)
def _selection(world):
    record = selection_for(school=world.other_school, candidate=world.other_officer)
    scored(representative(record))
    return record
