"""Pages for district coordinators: campaigns, codes, response rates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from roster.models import District
from roster.scoping import scope_for
from surveys import exports, permissions, selectors
from surveys.code_slips import CodeSlipsRenderer
from surveys.forms import CampaignForm, CodeIssueForm
from surveys.models import AREA_PLAIN_WORDS, Campaign, ParentNotice, ProtectedArea, RespondentGroup
from surveys.selectors import notices as notice_selectors
from surveys.services import campaign_create, codes_issue, release_create

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from core.http import AuthenticatedHttpRequest


def _coordinated_district(user: User | AnonymousUser) -> District:
    district = (
        District.objects.visible_to(user)
        .filter(pk__in=scope_for(user).coordinator_district_ids)
        .first()
    )
    if district is None:
        raise Http404("Only a district coordinator manages surveys.")
    return district


@login_required
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/campaign_list.html",
        {
            "campaigns": selectors.campaigns_visible(user=request.user),
            "can_manage": permissions.can_manage_surveys(user=request.user),
        },
    )


@login_required
def campaign_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    district = _coordinated_district(request.user)
    form = CampaignForm(request.POST or None, district=district, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(district=district, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Campaign {campaign.name} created.")
            return redirect("surveys:campaign", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


@login_required
def campaign_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(selectors.campaigns_visible(user=request.user), pk=pk)
    managed = selectors.campaigns_managed(user=request.user).filter(pk=pk).exists()
    context = {"campaign": campaign, "managed": managed}
    if managed:
        context.update(
            {
                "rates": selectors.campaign_response_rates(campaign=campaign),
                "late_batches": selectors.late_code_batches(campaign=campaign),
                "code_form": CodeIssueForm(campaign=campaign),
                # Staff once shared one link per school, which let one person answer many
                # times; the page tells coordinators to give staff and peers a code each.
                "asks_staff_or_peers": any(
                    g.group in (RespondentGroup.STAFF, RespondentGroup.PEER)
                    for g in campaign.groups.all()
                ),
            }
        )
    context["release"] = getattr(campaign, "release", None)
    context.update(_parent_notice_context(request.user, campaign, managed=managed))
    return render(request, "surveys/campaign_detail.html", context)


def _parent_notice_context(user: User, campaign: Campaign, *, managed: bool) -> dict:
    """The "Parents' notice" section: status and counts for the coordinator, and the
    link to the opted-out students for a principal of one of the campaign's schools."""
    notice = ParentNotice.objects.filter(campaign=campaign).first()
    context: dict = {
        "notice": notice,
        "asks_students": any(g.group == RespondentGroup.STUDENT for g in campaign.groups.all()),
        "principal_of_a_school": notice is not None
        and permissions.can_read_opt_outs_of(user=user, campaign=campaign),
    }
    if managed:
        context["notice_areas"] = [
            AREA_PLAIN_WORDS[ProtectedArea(a)]
            for a in notice_selectors.campaign_protected_areas(campaign=campaign)
        ]
        if notice is not None:
            context["opt_out_counts"] = notice_selectors.opt_out_counts(campaign=campaign)
    return context


@login_required
@require_POST
def campaign_release(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Release a closed campaign's results (after the disclosure audit)."""
    campaign = get_object_or_404(selectors.campaigns_managed(user=request.user), pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            "Tick the box to confirm: results are released once, and then the campaign closes for good.",
        )
        return redirect("surveys:campaign", pk=pk)
    try:
        release_create(campaign=campaign, actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The results of {campaign.name} are released.")
    return redirect("surveys:campaign", pk=pk)


@login_required
@require_POST
def codes_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Issue codes and hand them over at once: they are never stored in clear text."""
    campaign = get_object_or_404(selectors.campaigns_managed(user=request.user), pk=pk)
    form = CodeIssueForm(request.POST, campaign=campaign)
    if not form.is_valid():
        messages.error(request, "Choose a group, a school and how many codes (1-5000).")
        return redirect("surveys:campaign", pk=pk)
    data = form.cleaned_data
    try:
        issued = codes_issue(
            campaign=campaign,
            group=data["group"],
            school=data["school"],
            count=data["count"],
            actor=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:campaign", pk=pk)
    url = request.build_absolute_uri(reverse("surveys-respondent:start"))
    name = f"codes-{campaign.pk}-{data['school'].code}-{data['group']}"
    if data["format"] == "csv":
        body = exports.codes_csv(
            codes=issued.codes,
            campaign_name=campaign.name,
            school_name=data["school"].name,
            group=data["group"],
            survey_url=url,
        )
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        renderer = CodeSlipsRenderer(
            campaign_name=campaign.name,
            school_name=data["school"].name,
            group=data["group"],
            survey_url=url,
            closes_on=campaign.closes_on,
        )
        response = HttpResponse(renderer.render(issued.codes), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def template_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/template_list.html",
        {"templates": selectors.templates_visible(user=request.user)},
    )
