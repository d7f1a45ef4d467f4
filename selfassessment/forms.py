from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from roster.models import EvaluationPeriod
from selfassessment.checklist import checklist_names
from selfassessment.models import Answer
from selfassessment.services.assessments import MAX_NOTE


class PeriodChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: EvaluationPeriod) -> str:
        return f"{obj.name} ({obj.district.name})"


class StartForm(forms.Form):
    period = PeriodChoice(queryset=EvaluationPeriod.objects.none(), label="School year")
    checklist = forms.ChoiceField(label="Checklist file")

    def __init__(self, *args: Any, periods: QuerySet[EvaluationPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["checklist"].choices = [(name, name) for name in checklist_names()]  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    item = forms.CharField(max_length=40, widget=forms.HiddenInput)
    answer = forms.ChoiceField(choices=Answer.choices)
    note = forms.CharField(
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the answer rests on: a document, a meeting, a date.",
    )
