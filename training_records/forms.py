from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.text import capfirst

from core.forms import form_field
from training_records.imports import MAPPABLE_FIELDS
from training_records.imports.status import (
    COUNTS,
    DOES_NOT_COUNT,
    conflicting_values,
    split_status_values,
)
from training_records.models import Category, ColumnMapping, Course

if TYPE_CHECKING:
    from roster.models import MOU, Agency, School


class ImportUploadForm(forms.Form):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        queryset=None, empty_label=None, help_text="Whose officers the file lists."
    )
    file = forms.FileField(label="Training log (XLSX or CSV)")

    def __init__(self, *args, agencies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "agency", forms.ModelChoiceField).queryset = agencies


class RecordForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.all().order_by("code"))
    completed_on = forms.DateField(
        label="Completed on", widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="Blank: the course's usual hours.",
    )
    provider = forms.CharField(label="Provider or instructor", max_length=200, required=False)
    certificate = forms.FileField(required=False)


class ColumnMappingForm(forms.Form):
    """The agency's header names, then its completion-status values (one text box
    each way; one value per line or separated by commas)."""

    STATUS_FIELDS = ("status_counts", "status_skips")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in MAPPABLE_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=100,
                help_text="The header as written in your files; blank for the usual names.",
            )
        model_fields = {f.name: f for f in ColumnMapping._meta.get_fields()}
        for name, built_in in zip(self.STATUS_FIELDS, (COUNTS, DOES_NOT_COUNT), strict=True):
            self.fields[name] = forms.CharField(
                label=capfirst(str(model_fields[name].verbose_name)),  # type: ignore[union-attr]
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Your own values, one per line or separated by commas; these are "
                f"already known: {', '.join(built_in)}.",
            )

    def clean(self) -> dict:
        data = super().clean() or {}
        for name in self.STATUS_FIELDS:
            data[name] = split_status_values(data.get(name, ""))
        both = conflicting_values(counts=data["status_counts"], skips=data["status_skips"])
        if both:
            self.add_error(
                "status_skips", f"A status can't both count and not count: {', '.join(both)}."
            )
        return data

    def header_names(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in MAPPABLE_FIELDS}


class StaffSessionForm(forms.Form):
    school: forms.ModelChoiceField[School] = forms.ModelChoiceField(queryset=None, empty_label=None)
    held_on = forms.DateField(label="Held on", widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(max_length=200)
    attendee_count = forms.IntegerField(label="Attendees", min_value=1, max_value=5000)

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "school", forms.ModelChoiceField).queryset = schools


class RequirementForm(forms.Form):
    mou: forms.ModelChoiceField[MOU] = forms.ModelChoiceField(
        label="MOU", queryset=None, empty_label=None
    )
    course = forms.ModelChoiceField(
        queryset=Course.objects.all().order_by("code"),
        required=False,
        help_text="A course, or leave blank and choose a category.",
    )
    category = forms.ChoiceField(choices=[("", "—"), *Category.choices], required=False)
    min_hours = forms.DecimalField(
        label="Minimum hours per period",
        max_digits=6,
        decimal_places=2,
        min_value=0,
        initial=0,
        help_text="0: one completion is enough.",
    )
    # The metaclass moves declared fields into base_fields, so this doesn't shadow
    # BaseForm.initial at run time; the stubs can't see that.
    initial = forms.BooleanField(  # type: ignore[assignment]
        label="Needed before an assignment starts", required=False
    )
    refresh_months = forms.IntegerField(
        label="Refresh every (months)", min_value=1, max_value=120, required=False
    )

    def __init__(self, *args, mous, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "mou", forms.ModelChoiceField).queryset = mous
        # Django reads label_from_instance off the field instance, so a per-form label is an
        # instance attribute; mypy only knows it as a method.
        form_field(self, "mou", forms.ModelChoiceField).label_from_instance = lambda mou: (  # type: ignore[method-assign,assignment]
            f"{mou.district.code}–{mou.agency.code} from {mou.effective_date}"
        )
