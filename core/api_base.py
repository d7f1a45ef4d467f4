"""Base views every scoped endpoint builds on (see roster/permissions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from rest_framework import generics
from rest_framework.views import APIView

# Mixed into DRF views: mypy reads it as one, so it knows ``self.request``.
if TYPE_CHECKING:
    _MixinBase = APIView
else:
    _MixinBase = object


class ScopedQuerysetMixin(_MixinBase):
    """Views read from ``scoped_model.objects.visible_to(user)``; ``refine`` narrows it."""

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
    pass


class ScopedDetailApi(ScopedQuerysetMixin, generics.RetrieveAPIView):
    pass
