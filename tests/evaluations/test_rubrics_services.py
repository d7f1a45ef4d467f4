"""Rubrics: the default SECURe rubric, and versions that never change once used."""

from __future__ import annotations

import pytest

from core.errors import ApplicationError, ConflictError
from evaluations.models import Rubric
from evaluations.services.rubrics import rubric_default_spec, rubric_load_default, rubric_revise
from tests.factories.evaluations import started_evaluation

pytestmark = pytest.mark.django_db


def _spec_with(**changes):
    spec = rubric_default_spec()
    competencies = [dict(c) for c in spec["competencies"]]
    competencies[0].update(changes)
    return competencies


def test_the_default_rubric_has_the_secure_competencies_with_critical_ones(world) -> None:
    rubric = rubric_load_default(district=world.district)

    competencies = list(rubric.competencies.all())
    assert len(competencies) >= 9
    assert {c.code for c in competencies if c.critical} == {
        "de_escalation",
        "alternatives_to_arrest",
        "role_clarity",
    }
    assert {
        "relationships_mentoring",
        "communication",
        "civil_rights",
        "adolescent_development",
        "collaboration_leadership",
        "professionalism",
    } <= {c.code for c in competencies}
    for competency in competencies:
        assert all(len(text) > 40 for _level, _label, text in competency.descriptors), (
            competency.code
        )


def test_loading_the_default_twice_changes_nothing(world) -> None:
    first = rubric_load_default(district=world.district)

    assert rubric_load_default(district=world.district) == first
    assert Rubric.objects.filter(district=world.district).count() == 1


def test_an_unused_rubric_is_revised_in_place(world, coordinator) -> None:
    rubric = rubric_load_default(district=world.district)

    revised = rubric_revise(
        rubric=rubric,
        name=rubric.name,
        description="Edited.",
        competencies=_spec_with(weight="3.00"),
        actor=coordinator,
    )

    assert revised.pk == rubric.pk
    assert revised.version == 1
    assert revised.competencies.get(code="de_escalation").weight == 3


def test_revising_a_rubric_in_use_makes_a_new_version_and_evaluations_keep_theirs(
    world, principal, coordinator
) -> None:
    rubric = rubric_load_default(district=world.district)
    evaluation = started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=principal,
        rubric=rubric,
    )

    revised = rubric_revise(
        rubric=rubric,
        name=rubric.name,
        description=rubric.description,
        competencies=_spec_with(exemplary="A new Exemplary descriptor for de-escalation."),
        actor=coordinator,
    )

    assert revised.version == 2
    assert revised.pk != rubric.pk
    rubric.refresh_from_db()
    assert rubric.competencies.get(code="de_escalation").exemplary.startswith(
        "Consistently resolves"
    )
    assert (
        revised.competencies.get(code="de_escalation").exemplary
        == "A new Exemplary descriptor for de-escalation."
    )
    evaluation.refresh_from_db()
    assert evaluation.rubric == rubric


def test_only_the_latest_version_can_be_revised(world, principal, coordinator) -> None:
    rubric = rubric_load_default(district=world.district)
    started_evaluation(
        officer=world.officer,
        school=world.school,
        period=world.period,
        principal=principal,
        rubric=rubric,
    )
    rubric_revise(
        rubric=rubric, name="v2", description="", competencies=_spec_with(), actor=coordinator
    )

    with pytest.raises(ConflictError, match="Version 1 is not the latest; revise version 2"):
        rubric_revise(
            rubric=rubric,
            name="again",
            description="",
            competencies=_spec_with(),
            actor=coordinator,
        )


def test_competency_codes_must_be_unique(world, coordinator) -> None:
    rubric = rubric_load_default(district=world.district)
    competencies = _spec_with()
    competencies[1]["code"] = "de_escalation"

    with pytest.raises(ApplicationError, match="repeated: de_escalation"):
        rubric_revise(
            rubric=rubric, name="x", description="", competencies=competencies, actor=coordinator
        )


def test_the_management_command_loads_the_fixture_once(world, capsys) -> None:
    from django.core.management import call_command

    call_command("load_default_rubric", "--district", world.district.code)
    call_command("load_default_rubric", "--district", world.district.code)

    assert Rubric.objects.filter(district=world.district, code="secure_sro").count() == 1
    assert "9 competencies" in capsys.readouterr().out
