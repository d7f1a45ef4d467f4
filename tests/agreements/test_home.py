"""The coordinator's home page lists MOU reviews due soon or overdue; others don't see them."""

from __future__ import annotations

import datetime

from django.urls import reverse

from agreements.models import ReviewStatus
from core.dates import today
from roster.models import MOU, Role
from tests.factories.agreements import MOUReviewFactory


def _review_due_in(world, days: int):
    mou = MOU.objects.get(district=world.district, agency=world.agency)
    return MOUReviewFactory(mou=mou, due_date=today() + datetime.timedelta(days=days))


def test_the_coordinator_sees_a_review_due_within_the_reminder_window(world, client_for) -> None:
    review = _review_due_in(world, 20)
    page = client_for(world.users[Role.COORDINATOR]).get(reverse("home")).content.decode()
    assert f"MOU review with {world.agency.name}" in page
    assert reverse("agreements:review", args=[review.pk]) in page


def test_an_overdue_review_says_so_and_a_distant_or_closed_one_is_not_listed(
    world, client_for
) -> None:
    _review_due_in(world, -3)
    page = client_for(world.users[Role.COORDINATOR]).get(reverse("home")).content.decode()
    assert "(overdue)" in page

    MOUReviewFactory._meta.model.objects.update(due_date=today() + datetime.timedelta(days=200))
    page = client_for(world.users[Role.COORDINATOR]).get(reverse("home")).content.decode()
    assert "MOU review with" not in page

    MOUReviewFactory._meta.model.objects.update(
        due_date=today(), status=ReviewStatus.CLOSED, decision="renewed"
    )
    page = client_for(world.users[Role.COORDINATOR]).get(reverse("home")).content.decode()
    assert "MOU review with" not in page


def test_principals_supervisors_and_officers_get_no_review_task(world, client_for) -> None:
    _review_due_in(world, 5)
    for role in (Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        page = client_for(world.users[role]).get(reverse("home")).content.decode()
        assert "MOU review with" not in page, role


def test_every_reader_of_an_mou_record_finds_the_mou_list_in_the_navigation(
    world, client_for
) -> None:
    url = reverse("agreements:mous")
    for role in (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR):
        client = client_for(world.users[role])
        assert f'href="{url}"' in client.get(reverse("home")).content.decode(), role
        page = client.get(url).content.decode()
        assert world.agency.name in page, role
        assert world.other_agency.name not in page, role
    officer = client_for(world.users[Role.OFFICER])
    assert f'href="{url}"' not in officer.get(reverse("home")).content.decode()
    assert "No MOU is recorded for you to read yet." in officer.get(url).content.decode()
