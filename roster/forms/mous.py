"""The MOU pages' forms."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from django import forms

from core.forms import form_field
from roster.models import MOU

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from roster.models import Agency, District

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TERMS = (
    "effective_date",
    "end_date",
    "next_review_date",
    "removal_response_days",
    "evaluation_acknowledgement_days",
)
LABELS = MappingProxyType(
    {
        "removal_response_days": "Removal-response window (days)",
        "evaluation_acknowledgement_days": "Officer's window to acknowledge an evaluation (days)",
    }
)


class AcknowledgementWindowMixin(forms.ModelForm):
    """The officer's acknowledgement window came after the other terms: a form posted
    without it keeps the MOU's current window (the default on a new MOU)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluation_acknowledgement_days"].required = False

    def clean_evaluation_acknowledgement_days(self) -> int:
        days = self.cleaned_data.get("evaluation_acknowledgement_days")
        if days is None:
            return self.instance.evaluation_acknowledgement_days
        return int(days)


class MOUForm(AcknowledgementWindowMixin, forms.ModelForm):
    class Meta:
        model = MOU
        fields = ("district", "agency", *TERMS)
        widgets = MappingProxyType(
            {"effective_date": DATE, "end_date": DATE, "next_review_date": DATE}
        )
        labels = LABELS

    def __init__(
        self,
        *args: Any,
        districts: QuerySet[District],
        agencies: QuerySet[Agency],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        district = form_field(self, "district", forms.ModelChoiceField)
        district.queryset = districts
        district.empty_label = None
        agency = form_field(self, "agency", forms.ModelChoiceField)
        agency.queryset = agencies
        agency.help_text = "Agencies your district works with (linked, or under an MOU)."


class MOUTermsForm(AcknowledgementWindowMixin, forms.ModelForm):
    class Meta:
        model = MOU
        fields = TERMS
        widgets = MappingProxyType(
            {"effective_date": DATE, "end_date": DATE, "next_review_date": DATE}
        )
        labels = LABELS
