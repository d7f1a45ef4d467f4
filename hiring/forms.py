"""Forms for the hiring pages. They only shape input; the rules (who may sit on a
panel, sealing, decisions) live in ``hiring.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from hiring.models import (
    SCORE_MAX,
    SCORE_MIN,
    PanelistKind,
    PanelScore,
    SelectionCriterion,
    SelectionDecision,
)
from hiring.services.guidelines import CriterionSpec
from roster.models import Officer, School

SCORE_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
REPRESENTATIVE_CHOICES = [
    ("", "—"),
    (PanelistKind.STUDENT, PanelistKind.STUDENT.label),
    (PanelistKind.FAMILY, PanelistKind.FAMILY.label),
]


class GuidelineHeaderForm(forms.Form):
    title = forms.CharField(max_length=200)
    introduction = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CriterionForm(forms.Form):
    code = forms.SlugField(max_length=40)
    name = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    weight = forms.IntegerField(min_value=1, max_value=10, initial=1)

    def has_changed(self) -> bool:
        # An empty extra row comes with its weight filled in: only typed text makes it one.
        return bool(set(self.changed_data) - {"weight"})


CriterionFormSet = forms.formset_factory(CriterionForm, extra=1, can_delete=True)


def criterion_specs_from(formset: Any) -> list[CriterionSpec]:
    return [
        CriterionSpec(
            code=form.cleaned_data["code"],
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            weight=form.cleaned_data["weight"],
        )
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class SelectionCreateForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.none())
    candidate = forms.ModelChoiceField(queryset=Officer.objects.none(), label="Candidate officer")
    panel = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The school's principals, the agency's supervisors, the district's coordinators.",
    )
    representative_1_name = forms.CharField(max_length=200, required=False)
    representative_1_kind = forms.ChoiceField(choices=REPRESENTATIVE_CHOICES, required=False)
    representative_2_name = forms.CharField(max_length=200, required=False)
    representative_2_kind = forms.ChoiceField(choices=REPRESENTATIVE_CHOICES, required=False)

    def __init__(self, *args: Any, schools: Any, officers: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["candidate"].queryset = officers  # type: ignore[attr-defined]
        self.fields["panel"].queryset = users  # type: ignore[attr-defined]
        self.fields["panel"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in (1, 2):
            name, kind = data.get(f"representative_{n}_name"), data.get(f"representative_{n}_kind")
            if bool(name) != bool(kind):
                self.add_error(
                    f"representative_{n}_kind" if name else f"representative_{n}_name",
                    "Give a representative both a name and whether they are a student or family.",
                )
        return data

    def representatives(self) -> list[tuple[str, str]]:
        found = []
        for n in (1, 2):
            name = self.cleaned_data.get(f"representative_{n}_name")
            kind = self.cleaned_data.get(f"representative_{n}_kind")
            if name and kind:
                found.append((name, kind))
        return found


def score_form_class(criteria: list[SelectionCriterion]) -> type[forms.Form]:
    """A form with a score (1-4) and a note for every quality of the guidelines."""
    fields: dict[str, forms.Field] = {}
    for c in criteria:
        fields[f"score_{c.pk}"] = forms.TypedChoiceField(
            label=c.name, choices=SCORE_CHOICES, coerce=int, required=False, help_text=c.description
        )
        fields[f"note_{c.pk}"] = forms.CharField(
            label=f"Notes on {c.name.lower()}",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return type("ScoreForm", (forms.Form,), fields)


def score_initial(scores: dict[int, PanelScore]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for criterion_id, score in scores.items():
        initial[f"score_{criterion_id}"] = str(score.score)
        initial[f"note_{criterion_id}"] = score.note
    return initial


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=SelectionDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    incomplete_panel_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why decide before every panelist has submitted",
        help_text="Only when a panelist can't submit; leave empty otherwise.",
    )
    start_date = forms.DateField(
        required=False,
        label="Assignment starts on",
        help_text="If selected and the officer has no open assignment at the school: the"
        " new assignment's first day (today if empty).",
    )
