"""Small helpers for Django forms."""

from __future__ import annotations

from typing import TypeVar

from django import forms

F = TypeVar("F", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's own copy of a declared field, as its class.

    ``form.fields`` holds plain ``Field``s to a type checker; a form that sets a
    field's queryset or choices per request says which kind it declared.
    """
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(
            f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}"
        )
    return field
