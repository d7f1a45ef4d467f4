"""How to build roster objects the home district's people must not see."""

from __future__ import annotations

from core.models import Job
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    RosterImport,
    School,
)
from tests.factories.roster import RosterImportFactory
from tests.scoping import out_of_scope


@out_of_scope(District)
def _district(world):
    return world.other_district


@out_of_scope(School)
def _school(world):
    return world.other_school


@out_of_scope(Agency)
def _agency(world):
    return world.other_agency


@out_of_scope(Officer)
def _officer(world):
    return world.other_officer


@out_of_scope(Assignment)
def _assignment(world):
    return world.other_officer.assignments.first()


@out_of_scope(MOU)
def _mou(world):
    return MOU.objects.get(district=world.other_district)


@out_of_scope(EvaluationPeriod)
def _period(world):
    return world.other_period


@out_of_scope(Membership)
def _membership(world):
    from tests.factories.roster import coordinator_of

    return coordinator_of(world.other_district).memberships.first()


@out_of_scope(Job)
def _job(world):
    from core.jobs import job_create

    return job_create(kind="test", district=world.other_district)


@out_of_scope(RosterImport)
def _roster_import(world):
    return RosterImportFactory(district=world.other_district)
