"""Forms of the district settings, schools and agencies pages."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from core.forms import form_field
from roster.models import Agency, District, School, SchoolLevel


class DistrictSettingsForm(forms.ModelForm):
    class Meta:
        model = District
        fields = (
            "name",
            "survey_min_responses",
            "comment_min_responses",
            "public_suppression_threshold",
            "training_reminder_days",
            "public_contact_name",
            "public_contact_email",
            "public_contact_phone",
        )
        help_texts = MappingProxyType(
            {
                "survey_min_responses": (
                    "A survey figure is shown only when at least this many people answered, "
                    "so nobody can work out what one person said. Never below 3; 5 is usual. "
                    "Raising it hides more, also in results already released. Lowering it only "
                    "applies to surveys created afterwards."
                ),
                "comment_min_responses": (
                    "Written comments can give away who wrote them, so they are shown only "
                    "from groups at least this large. Never below the survey minimum; 8 is usual."
                ),
                "public_suppression_threshold": (
                    'In the public report, counts below this number show as "fewer than" it, '
                    "so that no student can be recognised. 10 is usual."
                ),
                "training_reminder_days": (
                    "Police supervisors are reminded of an officer's training that falls due "
                    "within this many days (1 to 365)."
                ),
                "public_contact_name": (
                    "The office or person the public report names for questions about its "
                    "figures, e.g. Office of Student Services. Leave empty and the report says "
                    "to ask the district office."
                ),
            }
        )


class DistrictChoiceForm(forms.Form):
    """The ``?district=`` choice of a coordinator of several districts."""

    district = forms.ModelChoiceField(queryset=District.objects.none(), required=False)

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = districts


class SchoolForm(forms.ModelForm):
    """A school; ``district`` is asked only of a coordinator of several districts."""

    district = forms.ModelChoiceField(queryset=District.objects.none())

    class Meta:
        model = School
        fields = ("district", "code", "name", "level", "enrollment")
        help_texts = MappingProxyType(
            {
                "code": "The district's own code for the school, used in imports. Unique in the district.",
                "enrollment": "Students enrolled; the public report gives rates per 1,000 students.",
            }
        )

    def __init__(self, *args: Any, districts: QuerySet[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "district", forms.ModelChoiceField).queryset = districts
        if self.instance.pk is not None or len(districts) == 1:
            # The school's district doesn't change, and one district needs no choice.
            del self.fields["district"]

    def _post_clean(self) -> None:
        # The service validates and saves (with its own field errors); the form only
        # parses, so it doesn't run the model's checks twice or apply them to the instance.
        pass


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ("code", "name", "contact_name", "contact_email", "contact_phone")
        help_texts = MappingProxyType(
            {
                "code": "A short code for the agency, such as VISD-PD; used in imports.",
            }
        )

    def _post_clean(self) -> None:
        pass


class AgencyLinkForm(forms.Form):
    code = forms.CharField(
        label="Agency code",
        max_length=20,
        help_text="The exact code of an agency already registered by another district. "
        "Linking shows you its officers; link only an agency your district works with.",
    )


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or code")
    level = django_filters.ChoiceFilter(choices=SchoolLevel.choices, label="Level")

    class Meta:
        model = School
        fields = ("q", "level")

    def search(self, queryset: QuerySet[School], name: str, value: str) -> QuerySet[School]:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or code")

    class Meta:
        model = Agency
        fields = ("q",)

    def search(self, queryset: QuerySet[Agency], name: str, value: str) -> QuerySet[Agency]:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))
