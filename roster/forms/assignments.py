"""The assignment pages' forms: the list's filters, add, and change the dates."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import django_filters
from django import forms
from django.db.models import Q

from core.dates import today
from core.forms import form_field
from roster.models import Assignment, Officer, School

if TYPE_CHECKING:
    from django.db.models import QuerySet

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssignmentListFilter(django_filters.FilterSet):
    school = django_filters.ModelChoiceFilter(queryset=School.objects.none())
    officer = django_filters.ModelChoiceFilter(queryset=Officer.objects.none())
    status = django_filters.ChoiceFilter(
        label="Current or ended",
        choices=[("current", "Current"), ("ended", "Ended")],
        method="filter_status",
        empty_label="Either",
    )

    class Meta:
        model = Assignment
        fields = ("school", "officer", "status")

    def __init__(
        self, *args: Any, schools: QuerySet[School], officers: QuerySet[Officer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast("django_filters.ModelChoiceFilter", self.filters["school"]).queryset = schools
        cast("django_filters.ModelChoiceFilter", self.filters["officer"]).queryset = officers

    def filter_status(
        self, queryset: QuerySet[Assignment], name: str, value: str
    ) -> QuerySet[Assignment]:
        ended = Q(end_date__lt=today())
        return queryset.filter(ended) if value == "ended" else queryset.exclude(ended)


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ("officer", "school", "start_date", "end_date")
        widgets = MappingProxyType({"start_date": DATE, "end_date": DATE})
        help_texts = MappingProxyType({"end_date": "Leave blank while the officer serves there."})

    def __init__(
        self, *args: Any, officers: QuerySet[Officer], schools: QuerySet[School], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "officer", forms.ModelChoiceField).queryset = officers
        form_field(self, "school", forms.ModelChoiceField).queryset = schools


class AssignmentDatesForm(forms.ModelForm):
    reason = forms.CharField(
        required=False,
        max_length=500,
        help_text="Why the dates change (kept in the history), for example the officer moved.",
    )

    class Meta:
        model = Assignment
        fields = ("start_date", "end_date")
        widgets = MappingProxyType({"start_date": DATE, "end_date": DATE})
        help_texts = MappingProxyType({"end_date": "Setting it ends the assignment on that day."})
