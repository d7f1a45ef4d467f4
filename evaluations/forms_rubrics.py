"""Forms for revising a rubric on its page. They only shape input; the rules
(unique codes, versions, in-use rubrics) live in ``services.rubrics``."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from django import forms

from evaluations.models import Competency, Rubric
from evaluations.services.rubrics import COMPETENCY_FIELDS


class RubricHeaderForm(forms.Form):
    fingerprint = forms.CharField(
        widget=forms.HiddenInput
    )  # the rubric as shown, to notice a change meanwhile
    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = COMPETENCY_FIELDS
        widgets = MappingProxyType(
            {
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "description",
                    "evidence_examples",
                    "unsatisfactory",
                    "developing",
                    "proficient",
                    "exemplary",
                )
            }
        )
        help_texts = MappingProxyType(
            {
                "code": "Letters, digits and underscores; evaluations refer to it, so keep it once in use."
            }
        )

    def has_changed(self) -> bool:
        """An empty new competency comes with its weight and "critical" filled in (or, shown
        again after "Add another competency", without them): only typed text makes it one."""
        return bool(set(self.changed_data) - {"weight", "critical"})


CompetencyFormSet = forms.formset_factory(CompetencyForm, extra=1, can_delete=True)


def competency_initial(rubric: Rubric) -> list[dict[str, Any]]:
    return [
        {name: getattr(c, name) for name in COMPETENCY_FIELDS} for c in rubric.competencies.all()
    ]


def competency_specs(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The competencies the coordinator kept or added, in page order."""
    return [
        {name: form.cleaned_data[name] for name in COMPETENCY_FIELDS}
        for form in formset.forms
        if form.has_changed() or form.initial
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
