"""Every API route, for every role: out-of-scope objects are 404 and never listed."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import include, path
from rest_framework import generics, permissions, serializers

from roster.models import Membership, Officer
from tests.scoping import api_routes, check_api_scoping

pytestmark = pytest.mark.django_db


def test_every_api_route_is_scoped_for_every_role(world) -> None:
    routes = api_routes()
    assert len(routes) >= 14, "the walk found too few API routes; is the URL walk broken?"
    assert check_api_scoping(world, routes) == []


class _OfficerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Officer
        fields = ("id", "last_name")


class LeakyOfficerDetail(generics.RetrieveAPIView):
    """Claims its model but fetches by id from all officers: the classic leak."""

    scoped_model = Officer
    serializer_class = _OfficerSerializer
    queryset = Officer.objects.all()


class LeakyOfficerList(generics.ListAPIView):
    scoped_model = Officer
    serializer_class = _OfficerSerializer
    queryset = Officer.objects.all()


class DistrictWideOfficerDetail(generics.RetrieveAPIView):
    """Scopes to the districts of any membership: ignores the school, agency and officer
    a membership is for, and whether it is active."""

    scoped_model = Officer
    serializer_class = _OfficerSerializer
    # The default permission already turns away a user with no active membership.
    permission_classes = (permissions.IsAuthenticated,)

    def get_queryset(self):
        districts = Membership.objects.filter(user=self.request.user).values("district_id")
        return Officer.objects.filter(assignments__school__district_id__in=districts).distinct()


class UndeclaredView(generics.ListAPIView):
    serializer_class = _OfficerSerializer
    queryset = Officer.objects.none()


leaky_api = [
    path("leaky/officers/<int:pk>/", LeakyOfficerDetail.as_view()),
    path("leaky/officers/", LeakyOfficerList.as_view()),
    path("district-wide/officers/<int:pk>/", DistrictWideOfficerDetail.as_view()),
    path("leaky/undeclared/", UndeclaredView.as_view()),
]
urlpatterns = [path("api/v1/", include(leaky_api))]


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_catches_an_unscoped_endpoint(world) -> None:
    problems = check_api_scoping(world, api_routes(urlconf=__name__))
    assert any("leaky/officers/" in p and "expected 404" in p for p in problems), problems
    assert any("leaky/officers/" in p and "lists out-of-scope Officer" in p for p in problems), (
        problems
    )
    assert any("leaky/undeclared/" in p and "no scoped_model" in p for p in problems), problems


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_catches_a_leak_next_door_and_an_inactive_membership(world) -> None:
    problems = check_api_scoping(world, api_routes(urlconf=__name__))
    other, next_door = world.other_officer.pk, world.next_door().other_officer.pk

    def found(*parts: str) -> bool:
        return any(all(part in p for part in parts) for p in problems)

    assert not found(f"/district-wide/officers/{other}/ as coordinator"), problems
    for who in ("principal", "supervisor", "officer"):
        assert found(f"GET /api/v1/district-wide/officers/{next_door}/ as {who}: 200"), problems
    assert found(f"GET /api/v1/district-wide/officers/{other}/ as inactive: 200"), problems
    assert found("GET /api/v1/leaky/officers/ as principal: lists", f"Officer {next_door}"), (
        problems
    )
