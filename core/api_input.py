"""A JSON body is read as the schema types it: no value is coerced to another type.

DRF's fields are lenient on purpose, so that one field reads both JSON and forms:
a CharField stores the number 0 as "0", an IntegerField takes "5", a BooleanField
takes 1 or "yes". The OpenAPI schema types each field, so such a body is one the
schema calls invalid, and the API must refuse it (400) rather than store a guess.
Form and multipart bodies carry only strings, so they keep DRF's parsing.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import QueryDict
from rest_framework import serializers

NUMBER = (int, float)
MESSAGES = {
    bool: "Must be a boolean (true or false).",
    int: "Must be an integer.",
    float: "Must be a number.",
    str: "Must be a string.",
}


def _pk_types(field: serializers.PrimaryKeyRelatedField) -> tuple[type, ...]:
    queryset = field.get_queryset()
    if queryset is None:
        return ()
    pk = queryset.model._meta.pk
    return (int,) if isinstance(pk, models.AutoField | models.IntegerField) else (str,)


def json_types(field: serializers.Field) -> tuple[type, ...]:
    """The JSON types a field takes (empty: the field checks its input itself)."""
    if isinstance(field, serializers.BooleanField):
        return (bool,)
    if isinstance(field, serializers.IntegerField):
        return (int,)
    if isinstance(field, serializers.FloatField):
        return NUMBER
    if isinstance(field, serializers.MultipleChoiceField):
        return ()
    if isinstance(field, serializers.ChoiceField):
        return tuple({type(value) for value in field.choices}) or (str,)
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        return _pk_types(field)
    if isinstance(
        field,
        serializers.CharField
        | serializers.DecimalField  # a string, as DRF writes it, so no float rounds it
        | serializers.DateField
        | serializers.DateTimeField
        | serializers.TimeField
        | serializers.DurationField
        | serializers.UUIDField,
    ):
        return (str,)
    return ()


def type_errors(field: serializers.Field, value: Any) -> Any:
    """Errors for a value of the wrong JSON type, shaped as DRF shapes its own."""
    if value is None:
        return None  # allow_null is the field's own rule
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        if not isinstance(value, list) or field.child is None:
            return None
        found = {i: type_errors(field.child, item) for i, item in enumerate(value)}
        return {i: error for i, error in found.items() if error} or None
    if isinstance(field, serializers.DictField):
        if not isinstance(value, dict):
            return None
        found = {key: type_errors(field.child, item) for key, item in value.items()}
        return {key: error for key, error in found.items() if error} or None
    if isinstance(field, serializers.Serializer):
        return body_type_errors(field, value) if isinstance(value, dict) else None
    expected = json_types(field)
    if not expected:
        return None
    # bool is an int to Python, never a number to JSON.
    if (isinstance(value, bool) and bool not in expected) or not isinstance(value, expected):
        return [MESSAGES[float if expected == NUMBER else expected[0]]]
    return None


def body_type_errors(serializer: serializers.Serializer, data: dict[str, Any]) -> dict[str, Any]:
    found = {
        name: type_errors(field, data[name])
        for name, field in serializer.fields.items()
        if not field.read_only and name in data
    }
    return {name: error for name, error in found.items() if error}


class InputSerializer(serializers.Serializer):
    """The base of every API input serializer: a JSON body is typed strictly."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict) and not isinstance(data, QueryDict):
            errors = body_type_errors(self, data)
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
