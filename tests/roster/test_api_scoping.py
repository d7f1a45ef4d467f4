"""Every API route, for every role: out-of-scope objects are 404 and never listed."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import include, path
from rest_framework import generics, serializers

from roster.models import Officer
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


class UndeclaredView(generics.ListAPIView):
    serializer_class = _OfficerSerializer
    queryset = Officer.objects.none()


leaky_api = [
    path("leaky/officers/<int:pk>/", LeakyOfficerDetail.as_view()),
    path("leaky/officers/", LeakyOfficerList.as_view()),
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
