"""The coordinator's form for publishing a school year's public report."""

from __future__ import annotations

from django import forms

from core.forms import form_field
from roster.models import EvaluationPeriod


class PublishForm(forms.Form):
    period = forms.ModelChoiceField(label="School year", queryset=EvaluationPeriod.objects.none())

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "period", forms.ModelChoiceField).queryset = periods
