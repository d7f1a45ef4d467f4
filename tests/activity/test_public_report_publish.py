"""Issue 20: the coordinator sees exactly what will be public before publishing it; the
preview stores nothing, warns about a partial year, and one confirmation (even clicked
twice) stores one release."""

from __future__ import annotations

import re

import pytest

from activity.models import PublishedReport, ReportRelease
from activity.report_exports.text import long_date
from core.models import AuditEvent
from tests.activity.public_figures import publish_on_the_staff_page
from tests.activity.report_world import ReportWorld
from tests.factories.activity import incident_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> ReportWorld:
    return ReportWorld(publish=False)


def _stored() -> tuple[int, int, int]:
    return (
        ReportRelease.objects.count(),
        AuditEvent.objects.count(),
        PublishedReport.objects.count(),
    )


def _preview(client, world: ReportWorld):
    return client.post("/activity/reports/", {"period": world.running.pk, "preview": "1"})


def _confirmation(page: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<input type="hidden" name="(after_release|previewed|period)" value="([^"]*)"', page
        )
    )


def test_the_preview_shows_the_report_as_released_and_stores_nothing(world, client_for) -> None:
    client = client_for(world.coordinator)
    stored = _stored()

    response = _preview(client, world)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview: Riverside USD: law-enforcement activity in schools, 2026-27" in page
    assert "Not published yet. This is release 1 as it would be stored now." in page
    assert '<th scope="row">Beta High School</th><td>20</td>' in page  # its arrests
    assert "What is counted" in page
    assert _stored() == stored


def test_the_preview_warns_that_a_running_year_is_only_partly_covered(world, client_for) -> None:
    page = _preview(client_for(world.coordinator), world).content.decode()

    assert (
        f"The 2026-27 school year runs to {long_date(world.running.end_date)}: this report covers "
        "only to today" in page
    )


def test_a_finished_year_has_no_partial_year_warning(world, client_for) -> None:
    page = (
        client_for(world.coordinator)
        .post("/activity/reports/", {"period": world.past.pk, "preview": "1"})
        .content.decode()
    )

    assert "Preview:" in page
    assert "Partial year." not in page


def test_publishing_needs_the_box_ticked_and_stores_nothing_without_it(world, client_for) -> None:
    client = client_for(world.coordinator)
    fields = _confirmation(_preview(client, world).content.decode())
    stored = _stored()

    response = client.post("/activity/reports/", {**fields, "publish": "1"})

    assert "Tick the box to confirm you checked the preview." in response.content.decode()
    assert _stored() == stored


def test_a_double_click_on_publish_stores_one_release(world, client_for) -> None:
    client = client_for(world.coordinator)
    fields = _confirmation(_preview(client, world).content.decode())
    confirmation = {**fields, "publish": "1", "confirm": "on"}

    first = client.post("/activity/reports/", confirmation, follow=True)
    second = client.post("/activity/reports/", confirmation, follow=True)

    assert ReportRelease.objects.count() == 1
    assert AuditEvent.objects.filter(action="activity.report_published").count() == 1
    assert "The 2026-27 report is now public (release 1" in first.content.decode()
    assert "was already published (release 1" in second.content.decode()
    release = ReportRelease.objects.get()
    assert release.data_as_of is not None


def test_figures_that_changed_since_the_preview_are_not_published_unseen(world, client_for) -> None:
    client = client_for(world.coordinator)
    fields = _confirmation(_preview(client, world).content.decode())
    for _index in range(12):
        incident_with("arrest", officer=world.officer, school=world.beta)
    stored = _stored()

    response = client.post("/activity/reports/", {**fields, "publish": "1", "confirm": "on"})

    page = response.content.decode()
    assert "The figures changed since the preview" in page
    assert "Preview:" in page  # the new preview, to check and confirm
    assert _stored() == stored


def test_the_whole_flow_publishes_what_was_previewed(world, client_for) -> None:
    client = client_for(world.coordinator)

    response = publish_on_the_staff_page(client, world.running.pk)

    assert "The 2026-27 report is now public (release 1" in response.content.decode()
    assert client.get("/public/activity/RIV/2026-27/").status_code == 200


def test_an_outsider_cannot_preview_another_districts_year(world, client_for) -> None:
    from tests.factories.roster import DistrictFactory, coordinator_of

    outsider = coordinator_of(DistrictFactory(code="OUT"), username="the-outsider")
    stored = _stored()

    response = client_for(outsider).post(
        "/activity/reports/", {"period": world.running.pk, "preview": "1"}
    )

    assert "Riverside USD" not in response.content.decode()
    assert _stored() == stored
