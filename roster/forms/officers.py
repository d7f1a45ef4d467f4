"""The officer pages' forms: the list's search and filters, and add/edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import fields_for_model, model_to_dict

from core.dates import today
from core.forms import form_field
from roster.models import Agency, Assignment, FormOfAddress, Officer, School
from roster.services.officers import OFFICER_FIELDS

if TYPE_CHECKING:
    from django.db.models import QuerySet


class OfficerListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or badge", method="search")
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.none())
    school = django_filters.ModelChoiceFilter(
        queryset=School.objects.none(),
        field_name="assignments__school",
        distinct=True,
        label="School",
    )
    assigned = django_filters.ChoiceFilter(
        label="Assigned today",
        choices=[("yes", "Assigned to a school"), ("no", "Not assigned")],
        method="filter_assigned",
        empty_label="Either",
    )

    class Meta:
        model = Officer
        fields = ("q", "agency", "school", "assigned")

    def __init__(
        self, *args: Any, agencies: QuerySet[Agency], schools: QuerySet[School], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast("django_filters.ModelChoiceFilter", self.filters["agency"]).queryset = agencies
        cast("django_filters.ModelChoiceFilter", self.filters["school"]).queryset = schools

    def search(self, queryset: QuerySet[Officer], name: str, value: str) -> QuerySet[Officer]:
        condition = Q()
        for word in value.split():
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(badge_number__iexact=word)
            )
        return queryset.filter(condition)

    def filter_assigned(
        self, queryset: QuerySet[Officer], name: str, value: str
    ) -> QuerySet[Officer]:
        current = Assignment.objects.active_on(today()).values("officer_id")
        if value == "yes":
            return queryset.filter(pk__in=current)
        return queryset.exclude(pk__in=current)


class OfficerForm(forms.Form):
    """The model's fields, but not a ModelForm: the service checks the badge, so a taken
    one is an error next to the badge field naming the agency, not a constraint message
    at the top."""

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        officer: Officer | None = None,
        **kwargs: Any,
    ) -> None:
        if officer is not None:
            kwargs.setdefault("initial", model_to_dict(officer, fields=OFFICER_FIELDS))
        super().__init__(*args, **kwargs)
        self.officer = officer
        self.fields.update(fields_for_model(Officer, fields=OFFICER_FIELDS))
        agency = form_field(self, "agency", forms.ModelChoiceField)
        agency.queryset = agencies
        agency.help_text = "Agencies your district works with (linked, or under an MOU)."
        # Not required: a post without it (a script, a page cached from before the field
        # existed) keeps what the officer has, and a new officer gets neutral wording.
        # A value outside the choices is still refused.
        form_field(self, "form_of_address", forms.ChoiceField).required = False

    def clean_form_of_address(self) -> str:
        chosen: str = self.cleaned_data.get("form_of_address") or ""
        if chosen:
            return chosen
        return self.officer.form_of_address if self.officer else FormOfAddress.NEUTRAL
