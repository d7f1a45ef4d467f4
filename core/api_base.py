"""Base views every scoped endpoint builds on (see roster/permissions.py)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework import generics
from rest_framework.pagination import BasePagination

from core.api_query import StrictQueryMixin
from core.filters import StrictFilterBackend
from core.pagination import StrictPageNumberPagination


class ScopedQuerysetMixin(StrictQueryMixin):
    """Views read from ``scoped_model.objects.visible_to(user)``; ``refine`` narrows it.

    Their query parameters parse strictly (core.api_query).
    """

    # A model whose manager comes from core.scoping.ScopedQuerySet; the type can't say
    # "has visible_to", so the manager is Any to mypy.
    scoped_model: ClassVar[type[Any]]

    def get_queryset(self) -> models.QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.scoped_model.objects.none()
        return self.refine(self.scoped_model.objects.visible_to(self.request.user))

    def refine(self, queryset: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return queryset


class ScopedListApi(ScopedQuerysetMixin, generics.ListAPIView):
    filter_backends = (StrictFilterBackend,)
    pagination_class: type[BasePagination] | None = StrictPageNumberPagination


class ScopedDetailApi(ScopedQuerysetMixin, generics.RetrieveAPIView):
    pass
