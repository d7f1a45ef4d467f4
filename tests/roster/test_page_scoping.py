"""Every page route, for every role: out-of-scope objects are 404 and never shown."""

from __future__ import annotations

import pytest
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.test import Client, override_settings
from django.urls import path

from roster.models import Membership, Officer
from tests.factories.roster import coordinator_of
from tests.page_scoping import (
    PAGE_KWARGS,
    UNWALKED,
    check_page_scoping,
    page_routes,
    route_fills,
    route_url,
)

pytestmark = pytest.mark.django_db


def test_every_page_route_is_scoped_for_every_role(world) -> None:
    routes = page_routes()
    assert len(routes) >= 90, "the walk found too few page routes; is the URL walk broken?"
    assert check_page_scoping(world, routes) == []


# Objects the walk uses that even their own district's coordinator can't reach.
UNREACHABLE_BY_DESIGN = {
    "activity:public-report": "the other district's period is unpublished: nobody may see it",
    "activity:public-report-download": "the same unpublished period",
    "activity:import-detail": "an activity import is visible only to whoever uploaded it",
    "accounts:accept": "the walk's token names no invitation: a link is good only from its mail",
}


def test_the_walk_fills_ids_with_objects_their_own_coordinator_reaches(world) -> None:
    """Guards against a walk that passes because its ids name nothing: the coordinator
    of the other district reaches what the walk fills in for the other district, and the
    home coordinator what it fills in next door."""
    world.furnish()
    walked = [r for r in page_routes() if r.kwargs and r.name not in UNWALKED]
    owners = [(world, coordinator_of(world.other_district)), (world.next_door(), None)]
    unreached: dict[str, set[str]] = {}
    for place, owner in owners:
        client = Client()
        client.force_login(owner or world.users["coordinator"])
        for route in walked:
            fills = route_fills(route, PAGE_KWARGS)
            assert isinstance(fills, dict), fills
            if place is not world and not _all_out_of_scope_next_door(world, fills):
                continue
            url = route_url(route, fills, place)
            response = client.get(url)
            if response.status_code == 405:
                response = client.post(url)
            if response.status_code == 404:
                unreached.setdefault(route.name, set()).add(url)

    assert set(unreached) == set(UNREACHABLE_BY_DESIGN), unreached
    assert len(walked) >= 50


def _all_out_of_scope_next_door(world, fills) -> bool:
    models = [fill[0] for fill in fills.values() if isinstance(fill, tuple)]
    return all(len(world.outsiders("officer", model)) > 1 for model in models)


@login_required
def leaky_officer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Fetches by id from all officers: the classic leak."""
    return HttpResponse(str(get_object_or_404(Officer, pk=pk)))


@login_required
def district_wide_officer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Scopes to the districts of any membership: ignores the school, agency and officer
    a membership is for, and whether it is active."""
    districts = Membership.objects.filter(user=request.user).values("district_id")
    officers = Officer.objects.filter(assignments__school__district_id__in=districts)
    return HttpResponse(str(get_object_or_404(officers.distinct(), pk=pk)))


@login_required
def leaky_officer_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse(", ".join(str(officer) for officer in Officer.objects.all()))


def login_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the login form")


def unguarded_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no login asked")


@login_required
def unknown_id_page(request: HttpRequest, widget_id: int) -> HttpResponse:
    return HttpResponse("a widget")


urlpatterns = [
    path("login/", login_page, name="login"),
    path("leaky/officers/<int:pk>/", leaky_officer_page, name="leaky-officer"),
    path("district-wide/officers/<int:pk>/", district_wide_officer_page, name="district-wide"),
    path("leaky/officers/", leaky_officer_list, name="leaky-list"),
    path("unguarded/", unguarded_list, name="unguarded"),
    path("widgets/<int:widget_id>/", unknown_id_page, name="widget"),
]
LEAKY_KWARGS = {"leaky-officer": (Officer, "pk"), "district-wide": (Officer, "pk")}


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_catches_an_unscoped_page(world) -> None:
    routes = page_routes(urlconf=__name__)
    problems = check_page_scoping(
        world, routes, page_kwargs=LEAKY_KWARGS, public={"login": "the login form"}
    )
    other, next_door = world.other_officer.pk, world.next_door().other_officer.pk

    def found(*parts: str) -> bool:
        return any(all(part in p for part in parts) for p in problems)

    assert found(f"GET /leaky/officers/{other}/ as coordinator: 200", "shows"), problems
    assert found(f"POST /leaky/officers/{other}/ as coordinator: 200", "expected 404"), problems
    assert found(f"GET /leaky/officers/{next_door}/ as principal: 200"), problems
    # Right about the other district, wrong next door and for the inactive membership.
    assert not found(f"/district-wide/officers/{other}/ as coordinator"), problems
    for who in ("principal", "supervisor", "officer"):
        assert found(f"GET /district-wide/officers/{next_door}/ as {who}: 200"), problems
    assert found(f"GET /district-wide/officers/{other}/ as inactive: 200"), problems
    assert found("GET /leaky/officers/ as coordinator: 200 shows", "Ximena"), problems
    assert not found("GET /leaky/officers/ as coordinator", "Wendeline"), problems
    assert found("GET /leaky/officers/ as officer: 200 shows", "Wendeline"), problems
    assert found("GET /unguarded/ as anonymous: 200, expected a login redirect"), problems
    assert found("widgets/<int:widget_id>/ (widget): can't fill <widget_id>"), problems


# Parents' notices: opt-out names are read only by the principal of the child's school,
# never by a coordinator; the public notice routes' walk token names no notice.
UNREACHABLE_BY_DESIGN["notices:opt-outs"] = "only the principal of a school reads its opt-outs"
for _name in ("page", "opt-out", "opted-out", "letter"):
    UNREACHABLE_BY_DESIGN[f"parent-notice:{_name}"] = "the walk's token names no notice"
