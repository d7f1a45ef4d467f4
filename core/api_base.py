"""Base views every scoped endpoint builds on (see roster/permissions.py)."""

from __future__ import annotations

from rest_framework import generics


class ScopedQuerysetMixin:
    """Views read from ``scoped_model.objects.visible_to(user)``; ``refine`` narrows it."""

    scoped_model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.scoped_model.objects.none()
        return self.refine(self.scoped_model.objects.visible_to(self.request.user))

    def refine(self, queryset):
        return queryset


class ScopedListApi(ScopedQuerysetMixin, generics.ListAPIView):
    pass


class ScopedDetailApi(ScopedQuerysetMixin, generics.RetrieveAPIView):
    pass
