from __future__ import annotations

from django import forms

from activity.models import (
    ActionType,
    Allegation,
    ComplaintSource,
    ComplaintStatus,
    Disability,
    EnglishLearner,
    ForceLevel,
    Grade,
    OffenseCategory,
    RaceEthnicity,
    Sex,
)
from core.forms import form_field
from roster.models import Officer, School


class ComplaintForm(forms.Form):
    source = forms.ChoiceField(
        label="Who is making this complaint?",
        choices=ComplaintSource.choices,
        widget=forms.RadioSelect,
        help_text="Choose Anonymous to leave no name or contact details.",
    )
    allegations = forms.MultipleChoiceField(
        label="What is the complaint about?",
        choices=Allegation.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    school = forms.ModelChoiceField(
        label="School",
        queryset=School.objects.none(),
        required=False,
        empty_label="I don't know / not at a school",
    )
    officer = forms.ModelChoiceField(
        label="Officer",
        queryset=Officer.objects.none(),
        required=False,
        empty_label="I don't know the officer's name",
    )
    incident_date = forms.DateField(
        label="When did it happen?", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    account = forms.CharField(
        label="What happened?", max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    contact_name = forms.CharField(label="Your name (optional)", max_length=200, required=False)
    contact_email = forms.EmailField(label="Your email (optional)", required=False)
    contact_phone = forms.CharField(label="Your phone (optional)", max_length=40, required=False)

    def __init__(self, *args, schools, officers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        form_field(self, "school", forms.ModelChoiceField).queryset = schools
        form_field(self, "officer", forms.ModelChoiceField).queryset = officers
        # Django reads label_from_instance off the field instance, so a per-form label is an
        # instance attribute; mypy only knows it as a method.
        form_field(self, "officer", forms.ModelChoiceField).label_from_instance = lambda o: (  # type: ignore[method-assign,assignment]
            f"{o.first_name} {o.last_name} ({o.agency.name})"
        )


class TrackingForm(forms.Form):
    code = forms.CharField(
        label="Tracking code", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


class IncidentForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none())
    school = forms.ModelChoiceField(queryset=School.objects.none())
    incident_number = forms.CharField(label="Agency incident number", max_length=40)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    offense_category = forms.ChoiceField(label="Offense category", choices=OffenseCategory.choices)
    ordinary_discipline = forms.BooleanField(
        label="This was a matter of ordinary school discipline", required=False
    )
    actions = forms.MultipleChoiceField(
        label="What the officer did",
        choices=ActionType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    force_level = forms.TypedChoiceField(
        label="Use-of-force level",
        choices=[("", "No force used"), *ForceLevel.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    race_ethnicity = forms.ChoiceField(
        label="Student's race/ethnicity", choices=RaceEthnicity.choices
    )
    sex = forms.ChoiceField(label="Student's sex", choices=Sex.choices)
    disability = forms.ChoiceField(label="Student's disability status", choices=Disability.choices)
    english_learner = forms.ChoiceField(label="English learner", choices=EnglishLearner.choices)
    grade = forms.ChoiceField(label="Grade", choices=Grade.choices)

    def __init__(self, *args, officers, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "officer", forms.ModelChoiceField).queryset = officers
        form_field(self, "school", forms.ModelChoiceField).queryset = schools


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Activity file (CSV or XLSX)")


class ComplaintUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="New status",
        choices=[("", "Keep the status"), *ComplaintStatus.choices],
        required=False,
    )
    officer = forms.ModelChoiceField(
        label="Officer", queryset=Officer.objects.none(), required=False
    )
    findings = forms.CharField(
        label="Findings", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    on = forms.DateField(
        label="Date of the change", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label="Note for the record", max_length=500, required=False)

    def __init__(self, *args, officers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "officer", forms.ModelChoiceField).queryset = officers
