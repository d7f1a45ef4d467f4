"""Forms of the roster import pages: upload, new agencies' names, column names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import django_filters
from django import forms

from core.forms import form_field
from roster.imports import COLUMNS, FIELD_LABELS, OFFICER_FIELD_LABELS
from roster.models import RosterImport, RosterImportStatus, RosterKind

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from roster.models import District


class RosterImportUploadForm(forms.Form):
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        queryset=None, empty_label=None, help_text="The district whose roster the file updates."
    )
    file = forms.FileField(
        label="Roster file (XLSX or CSV)",
        help_text="A schools file or an officers file, as your systems export it.",
    )
    agency_code = forms.CharField(
        label="Agency code",
        required=False,
        max_length=20,
        help_text="Only for an officers file without an agency column: the code of the "
        "agency whose officers it lists.",
    )

    def __init__(self, *args, districts: QuerySet[District], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "district", forms.ModelChoiceField)
        field.queryset = districts
        # With one district there is nothing to choose.
        self.only_district = districts[0] if len(districts) == 1 else None
        if self.only_district is not None:
            del self.fields["district"]

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.only_district is not None:
            cleaned["district"] = self.only_district
        return cleaned


def agency_field_name(code: str) -> str:
    return f"agency_name_{code}"


class AgencyNamesForm(forms.Form):
    """One name per new agency code the file gives without a name."""

    def __init__(self, *args, codes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.codes = codes
        for code in codes:
            self.fields[agency_field_name(code)] = forms.CharField(
                label=f"Name of the new agency {code}",
                max_length=200,
                help_text="As the agency calls itself, e.g. “Metro City Police Department”.",
                error_messages={"required": f"Give the name of the agency {code}."},
            )

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data[agency_field_name(code)] for code in self.codes}


class RosterColumnMappingForm(forms.Form):
    """The district's header names for one kind of file; blank keeps the built-in ones."""

    def __init__(self, *args, kind: str, **kwargs) -> None:
        kwargs["prefix"] = kind
        super().__init__(*args, **kwargs)
        labels = OFFICER_FIELD_LABELS if kind == RosterKind.OFFICERS else FIELD_LABELS
        for column in COLUMNS[RosterKind(kind)]:
            self.fields[column.field] = forms.CharField(
                label=labels[column.field],
                required=False,
                max_length=100,
                help_text="Read without help: " + ", ".join(f"“{h}”" for h in column.headers),
            )


class RosterImportFilter(django_filters.FilterSet):
    filename = django_filters.CharFilter(lookup_expr="icontains", label="File name contains")
    kind = django_filters.ChoiceFilter(choices=RosterKind.choices)
    status = django_filters.ChoiceFilter(choices=RosterImportStatus.choices)

    class Meta:
        model = RosterImport
        fields = ("filename", "kind", "status")
