"""Staff pages of parents' notices: the coordinator writes the notice; the principal
reads which children of their school(s) are opted out, to hold back their slips."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.dates import today
from core.errors import ApplicationError
from surveys import selectors
from surveys.models import AREA_PLAIN_WORDS, ParentNotice, ProtectedArea
from surveys.selectors.notices import campaign_protected_areas, opt_outs_for_principal
from surveys.services.notices import notice_save

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


class ParentNoticeForm(forms.Form):
    opt_out_deadline = forms.DateField(
        label="Opt-out deadline",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day families can opt out online; on or before the survey's last day.",
    )
    contact_name = forms.CharField(label="Contact for families", max_length=200)
    contact_email = forms.EmailField(label="Contact email", required=False)
    contact_phone = forms.CharField(label="Contact phone", max_length=40, required=False)
    note_en = forms.CharField(
        label="Note in English (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note_es = forms.CharField(
        label="The same note in Spanish",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _initial(notice: ParentNotice | None, campaign) -> dict:
    if notice is not None:
        return {
            "opt_out_deadline": notice.opt_out_deadline,
            "contact_name": notice.contact_name,
            "contact_email": notice.contact_email,
            "contact_phone": notice.contact_phone,
            "note_en": notice.note_en,
            "note_es": notice.note_es,
        }
    district = campaign.district
    # Two weeks for families to answer, but never past the day before the survey opens.
    deadline = max(
        today(),
        min(campaign.opens_on - datetime.timedelta(days=1), today() + datetime.timedelta(days=14)),
    )
    return {
        "opt_out_deadline": deadline,
        "contact_name": district.public_contact_name,
        "contact_email": district.public_contact_email,
        "contact_phone": district.public_contact_phone,
    }


@login_required
def notice_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Create or change a campaign's parents' notice (its district coordinator)."""
    campaign = get_object_or_404(selectors.campaigns_managed(user=request.user), pk=pk)
    notice = ParentNotice.objects.filter(campaign=campaign).first()
    form = ParentNoticeForm(request.POST or None, initial=_initial(notice, campaign))
    if request.method == "POST" and form.is_valid():
        try:
            notice_save(campaign=campaign, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "The parents' notice is saved.")
            return redirect("surveys:campaign", pk=campaign.pk)
    areas = [
        AREA_PLAIN_WORDS[ProtectedArea(a)] for a in campaign_protected_areas(campaign=campaign)
    ]
    return render(
        request,
        "surveys/notices/notice_form.html",
        {"campaign": campaign, "notice": notice, "form": form, "areas": areas},
        status=400 if form.errors else 200,
    )


@login_required
def opt_out_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The children opted out at the principal's own schools, to print and skip."""
    campaign = get_object_or_404(
        selectors.campaigns_visible(user=request.user).select_related("parent_notice"), pk=pk
    )
    schools = opt_outs_for_principal(user=request.user, campaign=campaign)
    if not schools:
        raise Http404("Only the principal of a school in this campaign reads its opt-outs.")
    return render(
        request,
        "surveys/notices/opt_outs.html",
        {
            "campaign": campaign,
            "notice": getattr(campaign, "parent_notice", None),
            "schools": schools,
        },
    )
