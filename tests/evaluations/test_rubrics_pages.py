"""Revising a rubric from its page: coordinators only, new version when in use, errors by competency."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.forms_rubrics import competency_initial
from evaluations.models import Rubric
from evaluations.services.rubrics import COMPETENCY_FIELDS, rubric_fingerprint, rubric_revise
from tests.factories.evaluations import default_rubric, started_evaluation

pytestmark = pytest.mark.django_db


def _post_data(rubric: Rubric, *, extra_forms: int = 0, **changes) -> dict:
    """The form as the page sends it back, with the first competency's fields changed."""
    rows = competency_initial(rubric)
    data = {
        "name": rubric.name,
        "description": rubric.description,
        "fingerprint": rubric_fingerprint(rubric=rubric),
        "c-TOTAL_FORMS": str(len(rows) + extra_forms),
        "c-INITIAL_FORMS": str(len(rows)),
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for name in COMPETENCY_FIELDS:
            value = changes.get(name, row[name]) if i == 0 else row[name]
            if name == "critical":
                if value:
                    data[f"c-{i}-{name}"] = "on"
            else:
                data[f"c-{i}-{name}"] = str(value)
    return data


def test_a_coordinator_revises_a_rubric_in_use_into_a_new_version(client_for, world) -> None:
    rubric = default_rubric(world.district)
    started_evaluation(officer=world.officer, school=world.school, period=world.period)
    client = client_for(world.users["coordinator"])
    page = client.get(reverse("rubric-revise", args=[rubric.pk])).content.decode()
    assert "saving makes version 2" in page

    answer = client.post(
        reverse("rubric-revise", args=[rubric.pk]),
        _post_data(rubric, exemplary="Teaches others to calm a crisis."),
        follow=True,
    )

    assert "version 2, saved as a new version" in answer.content.decode()
    new = Rubric.objects.get(district=world.district, version=2)
    assert new.competencies.first().exemplary == "Teaches others to calm a crisis."
    assert rubric.competencies.first().exemplary != "Teaches others to calm a crisis."
    assert new.competencies.count() == rubric.competencies.count()


def test_a_competency_is_added_and_another_removed_in_one_save(client_for, world) -> None:
    rubric = default_rubric(world.district)
    client = client_for(world.users["coordinator"])
    data = _post_data(rubric)
    data["c-1-DELETE"] = "on"
    removed_code = data["c-1-code"]
    grown = client.post(reverse("rubric-revise", args=[rubric.pk]), {**data, "add_competency": "1"})
    assert grown.status_code == 200
    total = int(data["c-TOTAL_FORMS"])
    assert f'name="c-{total}-code"' in grown.content.decode(), "an empty competency is offered"
    # A second new competency left empty, as the page shows it again after "Add another"
    # (its weight blank): ignored, not an error.
    data.update(
        {
            "c-TOTAL_FORMS": str(total + 2),
            f"c-{total + 1}-weight": "",
            f"c-{total}-code": "mentoring",
            f"c-{total}-name": "Mentoring",
            f"c-{total}-description": "Guides students.",
            f"c-{total}-weight": "1",
            **{
                f"c-{total}-{level}": f"{level} text"
                for level in ("unsatisfactory", "developing", "proficient", "exemplary")
            },
        }
    )

    saved = client.post(reverse("rubric-revise", args=[rubric.pk]), data)

    assert saved.status_code == 302
    codes = list(Rubric.objects.get(pk=rubric.pk).competencies.values_list("code", flat=True))
    assert codes[-1] == "mentoring"
    assert removed_code not in codes
    assert Rubric.objects.filter(district=world.district).count() == 1, "unused: changed in place"


def test_a_repeated_code_is_refused_and_nothing_changes(client_for, world) -> None:
    rubric = default_rubric(world.district)
    before = list(rubric.competencies.values_list("code", "exemplary"))
    data = _post_data(rubric, exemplary="Changed.")
    data["c-1-code"] = data["c-0-code"]

    answer = client_for(world.users["coordinator"]).post(
        reverse("rubric-revise", args=[rubric.pk]), data
    )

    assert answer.status_code == 400
    assert f"repeated: {data['c-0-code']}" in answer.content.decode()
    assert (
        list(Rubric.objects.get(pk=rubric.pk).competencies.values_list("code", "exemplary"))
        == before
    )


def test_only_a_coordinator_of_the_district_sees_the_revise_page(client_for, world) -> None:
    rubric = default_rubric(world.district)
    theirs = default_rubric(world.other_period.district)
    coordinator = client_for(world.users["coordinator"])

    assert (
        client_for(world.users["principal"])
        .get(reverse("rubric-revise", args=[rubric.pk]))
        .status_code
        == 404
    )
    assert coordinator.get(reverse("rubric-revise", args=[theirs.pk])).status_code == 404
    assert (
        "Revise this rubric"
        in coordinator.get(reverse("rubric-detail", args=[rubric.pk])).content.decode()
    )
    assert (
        "Revise this rubric"
        not in client_for(world.users["principal"])
        .get(reverse("rubric-detail", args=[rubric.pk]))
        .content.decode()
    )


def test_a_change_made_meanwhile_is_not_overwritten(client_for, world) -> None:
    rubric = default_rubric(world.district)
    opened = _post_data(rubric, exemplary="Mine.")
    specs = [dict(row) for row in competency_initial(rubric)][1:]
    rubric_revise(
        rubric=rubric,
        name="Renamed by a colleague",
        description="",
        competencies=specs,
        actor=world.users["coordinator"],
    )

    answer = client_for(world.users["coordinator"]).post(
        reverse("rubric-revise", args=[rubric.pk]), opened
    )

    assert answer.status_code == 400
    assert "Someone else changed this rubric after you opened it" in answer.content.decode()
    rubric.refresh_from_db()
    assert rubric.name == "Renamed by a colleague"
    assert rubric.competencies.count() == len(specs)


def test_an_older_version_sends_the_coordinator_to_the_latest(client_for, world) -> None:
    rubric = default_rubric(world.district)
    started_evaluation(officer=world.officer, school=world.school, period=world.period)
    client = client_for(world.users["coordinator"])
    client.post(
        reverse("rubric-revise", args=[rubric.pk]), _post_data(rubric, exemplary="Version two.")
    )
    latest = Rubric.objects.get(district=world.district, version=2)

    old_page = client.get(reverse("rubric-detail", args=[rubric.pk])).content.decode()
    assert "Revise this rubric" not in old_page
    assert reverse("rubric-detail", args=[latest.pk]) in old_page
    assert client.get(reverse("rubric-revise", args=[rubric.pk])).url == reverse(
        "rubric-revise", args=[latest.pk]
    )


def test_saving_without_a_change_makes_no_version_and_bad_counts_are_refused(
    client_for, world
) -> None:
    rubric = default_rubric(world.district)
    started_evaluation(officer=world.officer, school=world.school, period=world.period)
    client = client_for(world.users["coordinator"])

    unchanged = client.post(
        reverse("rubric-revise", args=[rubric.pk]), _post_data(rubric), follow=True
    )

    assert "unchanged: nothing to save" in unchanged.content.decode()
    assert Rubric.objects.filter(district=world.district).count() == 1
    crafted = {**_post_data(rubric), "c-TOTAL_FORMS": "x", "add_competency": "1"}
    refused = client.post(reverse("rubric-revise", args=[rubric.pk]), crafted)
    assert refused.status_code == 200, "shown again, not a server error"
    assert "ManagementForm data is missing or has been tampered with" in refused.content.decode()
