from __future__ import annotations

from types import MappingProxyType
from typing import Any

from django import forms
from django.db.models import QuerySet

from core.forms import form_field
from roster.models import District, EvaluationPeriod


class PeriodForm(forms.ModelForm):
    """A school year; ``district`` is asked only of a coordinator of several districts."""

    district = forms.ModelChoiceField(queryset=District.objects.none())

    class Meta:
        model = EvaluationPeriod
        fields = ("district", "name", "start_date", "end_date")
        labels = MappingProxyType(
            {"name": "School year", "start_date": "First day", "end_date": "Last day"}
        )
        help_texts = MappingProxyType(
            {
                "name": "Written like 2026-27.",
                "start_date": "Usually the first day of the school year.",
                "end_date": "The last day of the year's evaluations.",
            }
        )
        widgets = MappingProxyType(
            {
                "start_date": forms.DateInput(attrs={"type": "date"}),
                "end_date": forms.DateInput(attrs={"type": "date"}),
            }
        )

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = districts
        if len(districts) == 1:
            del self.fields["district"]

    def _post_clean(self) -> None:
        # The service validates and saves with its own field errors.
        pass
