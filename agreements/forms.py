"""Forms of the MOU record's staff pages. They check shapes; the services check rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from agreements.models import Clause, MOUVersion, ParticipantKind, ReviewDecision
from agreements.services.reviews import Participant
from agreements.services.versions import VersionTerms

_DATE = forms.DateInput(attrs={"type": "date"})


class VersionForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The MOU's full text, unless you upload it as a document.",
    )
    document = forms.FileField(
        required=False, help_text="The signed MOU (PDF or plain text, at most 5 MB)."
    )
    removal_response_days = forms.IntegerField(
        min_value=1, max_value=365, initial=30, label="Days to answer a removal request"
    )
    review_cycle_months = forms.IntegerField(
        min_value=1, max_value=120, initial=12, label="Review cycle (months)"
    )
    bars_ordinary_discipline = forms.BooleanField(
        required=False,
        initial=True,
        label="Officers do not administer ordinary school discipline",
    )
    changes_en = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What changed (English, shown to the public)",
    )
    changes_es = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What changed (Spanish, shown to the public)",
    )

    def __init__(self, *args: Any, version: MOUVersion | None = None, **kwargs: Any) -> None:
        if version is not None and "initial" not in kwargs:
            initial: dict[str, object] = {
                name: getattr(version, name)
                for name in (
                    "text",
                    "removal_response_days",
                    "review_cycle_months",
                    "bars_ordinary_discipline",
                    "changes_en",
                    "changes_es",
                )
            }
            for worded in version.clauses.all():
                initial[f"{worded.clause}_en"] = worded.text_en
                initial[f"{worded.clause}_es"] = worded.text_es
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for clause, label in Clause.choices:
            self.fields[f"{clause}_en"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 3}), label=f"{label} (English)"
            )
            self.fields[f"{clause}_es"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 3}), label=f"{label} (Spanish)"
            )

    def clause_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(label, self[f"{c}_en"], self[f"{c}_es"]) for c, label in Clause.choices]

    def terms(self) -> VersionTerms:
        data = self.cleaned_data
        return VersionTerms(
            text=data["text"],
            removal_response_days=data["removal_response_days"],
            review_cycle_months=data["review_cycle_months"],
            bars_ordinary_discipline=data["bars_ordinary_discipline"],
            changes_en=data["changes_en"],
            changes_es=data["changes_es"],
            clauses={c: (data[f"{c}_en"], data[f"{c}_es"]) for c in Clause.values},
        )


class ReviewScheduleForm(forms.Form):
    due_date = forms.DateField(widget=_DATE)


_KINDS = {value: value for value in ParticipantKind.values} | {
    label.lower(): value for value, label in ParticipantKind.choices
}


class ReviewOpenForm(forms.Form):
    participants = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "One participant a line: kind | name | organisation | username (optional)."
            f" Kinds: {', '.join(ParticipantKind.values)}."
        ),
    )
    comments_open_on = forms.DateField(
        required=False, widget=_DATE, label="Public comments open on"
    )
    comments_close_on = forms.DateField(
        required=False, widget=_DATE, label="Public comments close on (included)"
    )

    def __init__(self, *args: Any, district_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district_id = district_id

    def clean_participants(self) -> list[Participant]:
        users = get_user_model().objects.filter(
            memberships__district_id=self.district_id, memberships__is_active=True
        )
        people = []
        for number, line in enumerate(self.cleaned_data["participants"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or len(parts) > 4:
                raise forms.ValidationError(
                    f"Line {number}: write kind | name | organisation | username"
                    " (organisation and username may be left out)."
                )
            kind = _KINDS.get(parts[0].lower())
            if kind is None:
                raise forms.ValidationError(
                    f"Line {number}: {parts[0]!r} is not a kind; use one of"
                    f" {', '.join(ParticipantKind.values)}."
                )
            username = parts[3] if len(parts) > 3 else ""
            user_id = None
            if username:
                user = users.filter(username=username).first()
                if user is None:
                    raise forms.ValidationError(
                        f"Line {number}: {username!r} is not an account of the district."
                    )
                user_id = user.pk
            organisation = parts[2] if len(parts) > 2 else ""
            people.append(Participant(parts[1], kind, organisation, user_id))
        if not people:
            raise forms.ValidationError("Name at least one participant.")
        return people


class ReviewCloseForm(forms.Form):
    decision = forms.ChoiceField(choices=ReviewDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    comment_summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Summary of the community's comments",
    )
