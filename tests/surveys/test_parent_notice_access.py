"""Who reads opt-outs: the principal of the child's school, names of that school only;
the coordinator, counts per school suppressed below k; nobody else anything. Every
role tries the list page, the counts and the notice form on the real pages."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from roster.models import Role, School
from surveys.models import OptOut, ParentNotice
from surveys.selectors.notices import opt_out_counts
from surveys.services.notices import opt_out_record
from tests.factories.roster import UserFactory, coordinator_of, principal_of
from tests.factories.surveys import make_campaign, make_notice, tag_student_questions

pytestmark = pytest.mark.django_db
HOME_CHILDREN = ["Mateo Ruiz", "Sofía Núñez", "Liam Carter", "Ava Brooks", "Diego Paz", "Emma Lee"]
NEXT_CHILDREN = ["Lucía Herrera", "Noah Quist"]


@dataclass
class OptOutWorld:
    world: object
    notice: ParentNotice
    school: School
    next_school: School
    next_principal: object


@pytest.fixture
def opted(world) -> OptOutWorld:
    """A campaign at two schools of the district: six children opted out at the first,
    two at the second (below k = 5)."""
    next_door = world.next_door()
    campaign = make_campaign(
        period=world.period,
        schools=[world.school, next_door.other_school],
        officers=[world.officer, next_door.other_officer],
        name="Student survey",
        with_notice=False,
    )
    tag_student_questions(campaign, {"contact": ["illegal_behavior"]})
    notice = make_notice(campaign, actor=world.users[Role.COORDINATOR])
    for name in HOME_CHILDREN:
        opt_out_record(notice=notice, school=world.school, child_name=name, grade="8")
    for name in NEXT_CHILDREN:
        opt_out_record(notice=notice, school=world.next_school, child_name=name, grade="6")
    next_principal = principal_of(world.next_school, username="the-next-principal")
    return OptOutWorld(world, notice, world.school, world.next_school, next_principal)


def _list(client, opted: OptOutWorld):
    return client.get(f"/surveys/campaigns/{opted.notice.campaign_id}/opt-outs/")


def _campaign_page(client, opted: OptOutWorld) -> str:
    return client.get(f"/surveys/campaigns/{opted.notice.campaign_id}/").content.decode()


def _names_in(html: str) -> set[str]:
    return {n for n in HOME_CHILDREN + NEXT_CHILDREN if n in html}


def test_the_principal_reads_the_names_of_their_own_school_only(
    opted, client_for, django_assert_max_num_queries
) -> None:
    client = client_for(opted.world.users[Role.PRINCIPAL])
    with django_assert_max_num_queries(12):
        page = _list(client, opted)
    assert page.status_code == 200
    assert _names_in(page.content.decode()) == set(HOME_CHILDREN)
    assert "Students opted out at your school" in _campaign_page(client, opted)

    other = _list(client_for(opted.next_principal), opted).content.decode()
    assert _names_in(other) == set(NEXT_CHILDREN)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SUPERVISOR, Role.OFFICER])
def test_no_other_role_reads_a_name(opted, client_for, role) -> None:
    client = client_for(opted.world.users[role])
    assert _list(client, opted).status_code == 404
    assert not _names_in(_campaign_page(client, opted))


def test_a_superuser_and_another_districts_people_read_no_name(opted, client_for) -> None:
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    away = opted.world.other_district
    for user in (
        superuser,
        coordinator_of(away, username="away-coordinator"),
        principal_of(opted.world.other_school, username="away-principal"),
    ):
        client = client_for(user)
        answer = _list(client, opted)
        assert answer.status_code == 404, user
        assert not _names_in(answer.content.decode())
        assert not _names_in(_campaign_page(client, opted))
        assert client.get("/admin/surveys/optout/").status_code in (302, 403, 404)


def test_the_notice_form_is_the_coordinators_alone(opted, client_for) -> None:
    url = f"/surveys/campaigns/{opted.notice.campaign_id}/notice/"
    assert client_for(opted.world.users[Role.COORDINATOR]).get(url).status_code == 200
    for who in (Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER):
        client = client_for(opted.world.users[who])
        assert client.get(url).status_code == 404
        assert client.post(url, {"contact_name": "Mallory"}).status_code == 404
    assert client_for(opted.next_principal).get(url).status_code == 404
    assert ParentNotice.objects.get().contact_name != "Mallory"


def test_anonymous_visitors_are_sent_to_log_in(opted, client) -> None:
    for url in (
        f"/surveys/campaigns/{opted.notice.campaign_id}/opt-outs/",
        f"/surveys/campaigns/{opted.notice.campaign_id}/notice/",
    ):
        assert client.get(url)["Location"].startswith("/login/")
    public = client.get(f"/public/surveys/notices/{opted.notice.token}/").content.decode()
    assert not _names_in(public)


def test_the_coordinator_sees_counts_per_school_suppressed_below_k(opted, client_for) -> None:
    page = _campaign_page(client_for(opted.world.users[Role.COORDINATOR]), opted)
    assert f"<td>{opted.school.name}</td><td>6</td>" in page
    assert f"<td>{opted.next_school.name}</td><td>fewer than 5</td>" in page
    assert ">2<" not in page
    assert not _names_in(page)


def test_counts_show_from_k_and_hide_zero_too(opted) -> None:
    district = opted.notice.campaign.district
    assert [c.label for c in opt_out_counts(campaign=opted.notice.campaign)] == [
        "6" if s == opted.school else "fewer than 5"
        for s in opted.notice.campaign.schools.order_by("name")
    ]
    district.survey_min_responses = 7
    district.comment_min_responses = 8
    district.save()
    labels = {c.school_name: c.label for c in opt_out_counts(campaign=opted.notice.campaign)}
    assert labels[opted.school.name] == "fewer than 7"
    OptOut.objects.filter(school=opted.next_school).delete()
    labels = {c.school_name: c.label for c in opt_out_counts(campaign=opted.notice.campaign)}
    assert labels[opted.next_school.name] == "fewer than 7", "zero is below k as well"
