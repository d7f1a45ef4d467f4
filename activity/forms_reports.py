"""The coordinator's forms for publishing a school year's public report: choose the year
(which shows the preview), then confirm what the preview showed."""

from __future__ import annotations

from django import forms

from core.forms import form_field
from roster.models import EvaluationPeriod


class PublishForm(forms.Form):
    period = forms.ModelChoiceField(label="School year", queryset=EvaluationPeriod.objects.none())

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "period", forms.ModelChoiceField).queryset = periods


class ConfirmPublishForm(PublishForm):
    """The preview's confirm step. ``after_release`` and ``previewed`` carry what the
    preview showed (the latest release then, a digest of the figures), so a double click
    stores one release and figures that moved since the preview are not published unseen."""

    after_release = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    previewed = forms.CharField(max_length=64, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have checked the preview: publish exactly this report",
        error_messages={"required": "Tick the box to confirm you checked the preview."},
    )

    def __init__(self, *args, periods, **kwargs) -> None:
        super().__init__(*args, periods=periods, **kwargs)
        self.fields["period"].widget = forms.HiddenInput()
