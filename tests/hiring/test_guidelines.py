"""Hiring guidelines: a draft from SECURe's qualities, published, then revised as a new
version; a published version never changes."""

from __future__ import annotations

import pytest

from core.errors import ApplicationError
from core.models import AuditEvent
from hiring.models import HiringGuideline
from hiring.services.guidelines import (
    CriterionSpec,
    criterion_specs,
    guideline_publish,
    guideline_revise,
    guideline_start_default,
    guideline_update_draft,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world):
    return world.users["coordinator"]


def test_a_district_starts_from_secures_qualities_as_a_draft(world, coordinator) -> None:
    draft = guideline_start_default(district=world.district, actor=coordinator)

    codes = [c.code for c in draft.criteria.all()]
    assert draft.published_on is None
    assert codes[:3] == ["young_people", "discipline", "communication"]
    assert "de_escalation" in codes
    assert AuditEvent.objects.filter(action="hiring_guideline.created").count() == 1


def test_a_second_start_is_refused_and_nothing_is_stored(world, coordinator) -> None:
    guideline_start_default(district=world.district, actor=coordinator)

    with pytest.raises(ApplicationError, match="already has hiring guidelines"):
        guideline_start_default(district=world.district, actor=coordinator)

    assert HiringGuideline.objects.filter(district=world.district).count() == 1


def test_a_published_version_never_changes_and_a_revision_is_a_new_draft(
    world, coordinator
) -> None:
    draft = guideline_start_default(district=world.district, actor=coordinator)
    guideline_publish(guideline=draft, actor=coordinator)

    with pytest.raises(ApplicationError, match="can't change"):
        guideline_update_draft(
            guideline=draft,
            title="Changed",
            introduction="",
            criteria=[CriterionSpec("one", "One")],
            actor=coordinator,
        )
    revised = guideline_revise(guideline=draft, actor=coordinator)
    guideline_update_draft(
        guideline=revised,
        title="Version two",
        introduction="Shorter.",
        criteria=[
            *criterion_specs(guideline=revised)[:2],
            CriterionSpec("languages", "Speaks Spanish"),
        ],
        actor=coordinator,
    )

    draft.refresh_from_db()
    assert draft.title != "Changed"
    assert draft.criteria.count() == 6
    assert (revised.version, revised.criteria.count()) == (2, 3)


def test_revising_while_a_draft_is_open_is_refused(world, coordinator) -> None:
    draft = guideline_start_default(district=world.district, actor=coordinator)

    with pytest.raises(ApplicationError, match="still a draft"):
        guideline_revise(guideline=draft, actor=coordinator)

    assert HiringGuideline.objects.count() == 1


def test_repeated_codes_are_refused_and_the_draft_is_kept(world, coordinator) -> None:
    draft = guideline_start_default(district=world.district, actor=coordinator)

    with pytest.raises(ApplicationError, match="repeated: same"):
        guideline_update_draft(
            guideline=draft,
            title="x",
            introduction="",
            criteria=[CriterionSpec("same", "A"), CriterionSpec("same", "B")],
            actor=coordinator,
        )

    assert draft.criteria.count() == 6


def test_the_coordinator_starts_edits_and_publishes_on_the_pages(
    world, coordinator, client_for
) -> None:
    client = client_for(coordinator)
    started = client.post("/hiring/guidelines/start/", {"district": world.district.pk})
    draft = HiringGuideline.objects.get(district=world.district)
    assert started.status_code == 302

    form = {
        "title": "Our guidelines",
        "introduction": "",
        "c-TOTAL_FORMS": "2",
        "c-INITIAL_FORMS": "0",
        "c-0-code": "young_people",
        "c-0-name": "Works with young people",
        "c-0-weight": "2",
        "c-1-code": "",
        "c-1-name": "",
        "c-1-weight": "1",
    }
    assert client.post(f"/hiring/guidelines/{draft.pk}/edit/", form).status_code == 302
    client.post(f"/hiring/guidelines/{draft.pk}/publish/")

    draft.refresh_from_db()
    assert draft.title == "Our guidelines"
    assert draft.published_on is not None
    assert [c.code for c in draft.criteria.all()] == ["young_people"]
    page = client.get(f"/hiring/guidelines/{draft.pk}/").content.decode()
    assert "Revise (a new draft version)" in page


def test_a_principal_reads_the_guidelines_but_cannot_edit_them(
    world, coordinator, client_for, api_for
) -> None:
    draft = guideline_start_default(district=world.district, actor=coordinator)
    principal = world.users["principal"]

    assert client_for(principal).get(f"/hiring/guidelines/{draft.pk}/").status_code == 200
    assert client_for(principal).get(f"/hiring/guidelines/{draft.pk}/edit/").status_code == 404
    refused = api_for(principal).post(f"/api/v1/hiring/guidelines/{draft.pk}/publish/")
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.published_on is None


def test_the_api_publishes_and_revises(world, coordinator, api_for) -> None:
    client = api_for(coordinator)
    started = client.post(
        "/api/v1/hiring/guidelines/start/", {"district": world.district.pk}, format="json"
    )
    pk = started.json()["id"]

    published = client.post(f"/api/v1/hiring/guidelines/{pk}/publish/")
    revised = client.post(f"/api/v1/hiring/guidelines/{pk}/revise/")

    assert started.status_code == 201
    assert published.json()["published_on"] is not None
    assert revised.status_code == 201
    assert revised.json()["version"] == 2
    assert len(revised.json()["criteria"]) == 6
