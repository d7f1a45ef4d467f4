from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from core.forms import form_field
from roster.models import District, EvaluationPeriod, Officer, School
from surveys.models import Campaign, RespondentGroup
from surveys.services.campaigns import MAX_CODES_PER_BATCH

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class CampaignForm(forms.Form):
    name = forms.CharField(max_length=200)
    period = forms.ModelChoiceField(
        queryset=EvaluationPeriod.objects.none(), label="Evaluation period"
    )
    opens_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    officers = forms.ModelMultipleChoiceField(
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Each officer must be assigned to one of the chosen schools while the survey is open.",
    )
    groups = forms.MultipleChoiceField(
        choices=RespondentGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Respondent groups",
        initial=RespondentGroup.values,
    )

    def __init__(self, *args, district: District, user: User | AnonymousUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "period", forms.ModelChoiceField
        ).queryset = EvaluationPeriod.objects.filter(district=district)
        form_field(
            self, "schools", forms.ModelMultipleChoiceField
        ).queryset = School.objects.filter(district=district)
        form_field(
            self, "officers", forms.ModelMultipleChoiceField
        ).queryset = Officer.objects.visible_to(user).select_related("agency")


class CodeIssueForm(forms.Form):
    group = forms.ChoiceField(choices=())
    school = forms.ModelChoiceField(queryset=School.objects.none())
    count = forms.IntegerField(
        min_value=1, max_value=MAX_CODES_PER_BATCH, initial=30, label="How many codes"
    )
    format = forms.ChoiceField(
        choices=[
            ("pdf", "PDF of cut-out slips (classrooms)"),
            ("csv", "CSV for a mail merge (families, staff, peer officers)"),
        ],
        initial="pdf",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, campaign: Campaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "group", forms.ChoiceField).choices = [
            (g.group, g.get_group_display()) for g in campaign.groups.all()
        ]
        form_field(self, "school", forms.ModelChoiceField).queryset = campaign.schools.all()
