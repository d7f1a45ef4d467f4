"""django-filter, made to parse query values as the schema types them.

django-filter reads a boolean through a widget that turns anything but true/false
(``?is_active=null``) into "no filter", and a number filter through a decimal field,
so ``?school=0.5`` on an integer id matched nothing and was not refused. These filters
refuse such a value (400, the ValidationError body); empty and repeated values are
refused for every parameter by core.api_query.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


class StrictBooleanField(forms.Field):
    widget = forms.TextInput

    def to_python(self, value: Any) -> bool | None:
        if value in self.empty_values:
            return None
        if value in ("true", "false"):
            return value == "true"
        raise ValidationError("Must be true or false.", code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


# Typed for the schema, which can't read a form field's type.
@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


INTEGER_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
)


class StrictFilterSet(django_filters.FilterSet):
    """The base of every API filter set, declared or made from ``filterset_fields``."""

    FILTER_DEFAULTS: ClassVar[dict[Any, dict[str, Any]]] = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        **{field: {"filter_class": IntegerFilter} for field in INTEGER_FIELDS},
    }


class StrictFilterBackend(DjangoFilterBackend):
    filterset_base = StrictFilterSet
