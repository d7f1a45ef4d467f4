"""Forms for the evaluation pages. They only shape input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms

from evaluations.models import Competency, PerformanceLevel


class EvaluationEditForm(forms.Form):
    """A level and evidence per competency, commendations, and the version read."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    commendations = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Good performance worth recognising.",
    )

    def __init__(self, *args: Any, competencies: list[Competency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"level_{competency.code}"] = forms.TypedChoiceField(
                label=competency.name,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "Not rated yet"), *PerformanceLevel.choices],
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{competency.code}"] = forms.CharField(
                label=f"Evidence for {competency.name}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def ratings(self) -> dict[str, dict[str, Any]]:
        return {
            c.code: {
                "level": self.cleaned_data.get(f"level_{c.code}"),
                "evidence": self.cleaned_data.get(f"evidence_{c.code}", ""),
            }
            for c in self.competencies
        }


class ObservationNoteForm(forms.Form):
    observed_on = forms.DateField(
        label="Date observed", widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(label="What you observed", widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Attach a file", help_text="PDF, PNG, JPEG or plain text, at most 5 MB."
    )


class SubmitForm(forms.Form):
    # The version the summary showed: signing something else is refused as a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have completed this evaluation and sign it. I understand it will be locked.",
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Review comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Why are you returning it to the principal?", widget=forms.Textarea(attrs={"rows": 3})
    )


class AcknowledgeForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label="Do you agree with this evaluation?",
        choices=[("yes", "I agree"), ("no", "I disagree")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label="Your written response (required if you disagree)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="It travels with the evaluation.",
    )
