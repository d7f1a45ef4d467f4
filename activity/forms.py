from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

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
from activity.services.complaints import MAX_ATTACHMENTS
from core.attachments import checked_attachment
from core.errors import ApplicationError
from core.forms import form_field
from roster.models import Officer, School


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>``, as a list (empty if none)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        cleaned, errors = [], []
        for upload in files:
            if not upload:
                continue
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as error:
                # Django's messages ("The submitted file is empty.") don't say which file.
                errors += [f"{getattr(upload, 'name', '')}: {m}" for m in error.messages]
        if errors:
            raise ValidationError(errors)
        return cleaned


CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


class ComplaintForm(forms.Form):
    # Picks the tracking code the view set aside when it showed this form, so a
    # double-clicked submit is recognised (see views.public_complaints).
    form_key = forms.CharField(
        max_length=32, required=False, widget=forms.HiddenInput(attrs={"autocomplete": "off"})
    )
    source = forms.ChoiceField(
        label=_("Who is making this complaint?"),
        choices=ComplaintSource.choices,
        widget=forms.RadioSelect,
        help_text=_("Choose Anonymous to give no name or contact details."),
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("We send your tracking code to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    allegations = forms.MultipleChoiceField(
        label=_("What is the complaint about?"),
        choices=Allegation.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("I don't know / not at a school"),
    )
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=Officer.objects.none(),
        required=False,
        empty_label=_("I don't know the officer's name"),
    )
    incident_date = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    account = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say what happened, where, and who was there."),
    )
    attachments = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        help_text=_(
            "Up to 3 photos, PDFs or text files, 5 MB each. To send more than one, "
            "choose them together."
        ),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.txt"}),
    )

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

    def clean_attachments(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS})
        errors = []
        for upload in files:
            try:
                checked_attachment(upload)
            except ApplicationError as error:
                errors.append(error.message)
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in CONTACT_FIELDS if data.get(name)]
        if data.get("source") == ComplaintSource.ANONYMOUS and given:
            # Never dropped silently: the person chooses what they meant.
            self.add_error(
                "source",
                _(
                    "You chose Anonymous but also gave contact details. Remove your name, "
                    "email and phone, or choose who you are instead of Anonymous."
                ),
            )
        return data

    @property
    def contact_conflict(self) -> bool:
        """Anonymous chosen with contact details: the page shows the contact fields
        again (CSS hides them under Anonymous) so they can be cleared."""
        return (
            self.is_bound
            and any((self.data.get(name) or "").strip() for name in CONTACT_FIELDS)
            and self.data.get("source") == ComplaintSource.ANONYMOUS
        )

    def contact_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in CONTACT_FIELDS]

    def detail_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in ("allegations", "school", "officer", "incident_date", "account")
        ]


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("12 letters and numbers, for example 7K2M-QX4P-9D3R."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
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
