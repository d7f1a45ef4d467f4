"""Publishing the public report as frozen releases, and re-publishing under the release rule.

Alpha High School and Beta High School, as in test_public_report.py: 15 arrests at
Alpha (3 of English learners) and 20 at Beta, published by the coordinator. Every
check of what the public sees goes through the anonymous page, CSV and XLSX.
"""

from __future__ import annotations

import pytest
from django.test import Client

from activity.models import PublishedReport, ReportRelease
from activity.services.reports import report_publish, report_unpublish
from core.errors import ConflictError
from core.models import AuditEvent
from roster.models import School
from tests.activity.public_figures import (
    csv_figures,
    hidden_sums,
    page_figures,
    publish_on_the_staff_page,
    small_changes,
    small_hidden_changes,
    xlsx_figures,
)
from tests.factories.activity import incident_with
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

FORMATS = {"page": page_figures, "csv": csv_figures, "xlsx": xlsx_figures}
ARRESTS = ("enforcement", "Alpha High School", "Arrest")


@pytest.fixture
def published():
    district = DistrictFactory(code="PUBD", name="Public District")
    period = EvaluationPeriodFactory(district=district)
    alpha = SchoolFactory(district=district, code="ALPHA", name="Alpha High School")
    beta = SchoolFactory(district=district, code="BETA", name="Beta High School")
    officer = OfficerFactory()
    MOUFactory(district=district, agency=officer.agency)
    for index in range(15):
        incident_with(
            "arrest", officer=officer, school=alpha, english_learner="el" if index < 3 else "not_el"
        )
    for index in range(20):
        incident_with(
            "arrest", officer=officer, school=beta, english_learner="el" if index < 10 else "not_el"
        )
    coordinator = coordinator_of(district, username="coordinator")
    report_publish(district=district, period=period, actor=coordinator)
    return district, period, coordinator, officer


def _arrest(published, school_code: str, count: int = 1, **fields) -> None:
    district, _, _, officer = published
    school = School.objects.get(district=district, code=school_code)
    for _ in range(count):
        incident_with("arrest", officer=officer, school=school, **fields)


def _stored() -> tuple[int, int, int]:
    return (
        ReportRelease.objects.count(),
        AuditEvent.objects.count(),
        PublishedReport.objects.count(),
    )


def test_publishing_stores_a_dated_release_and_audits_it(published) -> None:
    district, _period, coordinator, _ = published

    release = ReportRelease.objects.get()

    assert (release.number, release.threshold, release.released_by) == (1, 10, coordinator)
    assert release.counts[f"{School.objects.get(code='ALPHA').pk}|arrest:english_learner:el"] == 3
    assert f"{School.objects.get(code='ALPHA').pk}|arrest:english_learner:el" in release.hidden
    event = AuditEvent.objects.get(action="activity.report_published")
    assert (event.actor, event.district, event.target_id) == (
        coordinator,
        district,
        str(release.pk),
    )
    assert event.changes["release"] == [None, 1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_public_reads_the_release_not_live_data(published, fmt) -> None:
    before = FORMATS[fmt]("PUBD", "2026-27")
    _arrest(published, "ALPHA", 12)

    assert FORMATS[fmt]("PUBD", "2026-27") == before
    assert before[ARRESTS] == "15"


def test_republishing_unchanged_figures_says_nothing_new_and_stores_nothing(published) -> None:
    district, period, coordinator, _ = published
    stored = _stored()

    with pytest.raises(
        ConflictError,
        match=r"Nothing new to publish: the 2026-27 report released on .* already shows these figures",
    ):
        report_publish(district=district, period=period, actor=coordinator)

    assert _stored() == stored


def test_a_day_later_one_more_arrest_is_refused_on_the_staff_page_and_the_public_figures_stay(
    published, client_for
) -> None:
    """Publishing again after one more arrest would move Beta's arrests from 20 to 21: that
    count and everything it changed would be suppressed, so there is nothing new to show."""
    _district, period, coordinator, _ = published
    before = {fmt: read("PUBD", "2026-27") for fmt, read in FORMATS.items()}
    _arrest(published, "BETA", english_learner="not_el")
    stored = _stored()

    response = publish_on_the_staff_page(client_for(coordinator), period.pk)

    assert response.status_code == 200
    assert (
        "Nothing new to publish: every figure that changed since the 2026-27 release"
        in response.content.decode()
    )
    assert _stored() == stored
    assert {fmt: read("PUBD", "2026-27") for fmt, read in FORMATS.items()} == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_new_release_shows_what_moved_by_the_threshold_and_suppresses_what_moved_less(
    published, client_for, fmt
) -> None:
    """12 more arrests of English learners at Beta, 1 more at Alpha: the district's arrests
    moved by 13 and show; Alpha's moved by 1 and are suppressed, and Beta's with them (else
    Alpha's would be the district's minus Beta's)."""
    _district, period, coordinator, _ = published
    before = FORMATS[fmt]("PUBD", "2026-27")
    _arrest(published, "BETA", 12, english_learner="el")
    _arrest(published, "ALPHA", 1, english_learner="not_el")

    response = publish_on_the_staff_page(client_for(coordinator), period.pk)

    assert "The 2026-27 report is now public (release 2" in response.content.decode()
    assert (
        "counts that moved by fewer than 10 since an earlier release are suppressed"
        in response.content.decode()
    )
    after = FORMATS[fmt]("PUBD", "2026-27")
    assert after[("enforcement", "All schools", "Arrest")] == "48"
    assert after[ARRESTS] == after[("enforcement", "Beta High School", "Arrest")] == "suppressed"
    assert small_changes(before, after, 10) == []
    assert small_hidden_changes(before, after, 10) == []
    assert [line for line in hidden_sums(after) if line[1] < 2 or line[2] < 10] == []
    assert ReportRelease.objects.get(number=2).held_back > 0


def test_taking_a_report_down_keeps_its_releases_and_publishing_again_brings_back_the_latest(
    published,
) -> None:
    district, period, coordinator, _ = published
    before = csv_figures("PUBD", "2026-27")

    report_unpublish(report=PublishedReport.objects.get(), actor=coordinator)

    assert Client().get("/public/activity/PUBD/2026-27/report.csv").status_code == 404
    assert ReportRelease.objects.count() == 1
    _arrest(
        published, "BETA"
    )  # one more arrest: taking the report down must not get around the rule
    publication = report_publish(district=district, period=period, actor=coordinator)
    assert (publication.stored, publication.release.number, ReportRelease.objects.count()) == (
        False,
        1,
        1,
    )
    assert csv_figures("PUBD", "2026-27") == before
    assert AuditEvent.objects.filter(action="activity.report_published").count() == 2


def test_a_new_threshold_is_published_as_a_new_release(published) -> None:
    district, period, coordinator, _ = published
    district.public_suppression_threshold = 20
    district.save()

    publication = report_publish(district=district, period=period, actor=coordinator)

    assert (publication.stored, publication.release.threshold) == (True, 20)
    assert (
        csv_figures("PUBD", "2026-27")[("enforcement", "Alpha High School", "Arrest")]
        == "suppressed"
    )


def test_another_districts_year_is_refused_and_nothing_is_stored(published) -> None:
    district, _, coordinator, _ = published
    elsewhere = EvaluationPeriodFactory(district=DistrictFactory(code="ELSE"))
    stored = _stored()

    with pytest.raises(ConflictError, match="belongs to another district"):
        report_publish(district=district, period=elsewhere, actor=coordinator)

    assert _stored() == stored


def test_a_renamed_school_shows_its_new_name_without_a_new_release(published) -> None:
    School.objects.filter(code="ALPHA").update(name="Alpha Academy")

    figures = csv_figures("PUBD", "2026-27")

    assert figures[("enforcement", "Alpha Academy", "Arrest")] == "15"
    assert ReportRelease.objects.count() == 1


def test_the_page_says_when_the_release_was_published_and_that_the_year_was_running(
    published,
) -> None:
    page = Client().get("/public/activity/PUBD/2026-27/").content.decode()

    # Issue 20: the release's date and what it covers, not the whole year as if complete.
    assert "This is release 1 of this report" in page
    assert "<dt>Published</dt>" in page
    assert "the school year so far; it ends" in page


def test_a_report_published_before_releases_existed_is_not_shown_live(published) -> None:
    """A PublishedReport row without a release (published before releases were stored)
    must not fall back to live figures: it shows nothing until published again."""
    ReportRelease.objects.all().delete()

    assert Client().get("/public/activity/PUBD/2026-27/").status_code == 404
    assert Client().get("/public/activity/PUBD/2026-27/report.xlsx").status_code == 404
    assert "Public District" not in Client().get("/public/activity/").content.decode()
