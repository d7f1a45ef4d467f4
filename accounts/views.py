"""The coordinator's people pages, the public invitation page and the user's own tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.forms import (
    AcceptForm,
    InvitationForm,
    MembershipEndForm,
    MembershipForm,
    PeopleFilter,
)
from accounts.services import invitations as invitation_services
from accounts.services import memberships as membership_services
from accounts.services import tokens as token_services
from core.errors import ApplicationError

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


def _coordinator_only(request: AuthenticatedHttpRequest) -> None:
    if not selectors.coordinated_districts(user=request.user).exists():
        raise Http404("No district to manage.")


@login_required
def people(request: AuthenticatedHttpRequest) -> HttpResponse:
    _coordinator_only(request)
    filterset = PeopleFilter(
        request.GET or None, queryset=selectors.memberships_manageable(user=request.user)
    )
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    invitations = selectors.invitations_manageable(user=request.user).pending()
    role = request.GET.get("role")
    if role:
        invitations = invitations.filter(role=role)
    return render(
        request,
        "accounts/people.html",
        {"filter": filterset, "page": page, "invitations": invitations},
    )


@login_required
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    _coordinator_only(request)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitation_services.invitation_create(
                district=data["district"],
                email=data["email"],
                role=data["role"],
                school=data["school"],
                agency=data["agency"],
                officer=data["officer"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("accounts:people")
    return render(request, "accounts/invite.html", {"form": form})


@login_required
def membership(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(selectors.memberships_manageable(user=request.user), pk=pk)
    form = MembershipForm(instance=found)
    # Both forms have a reason: the end form's ids differ so each label finds its field.
    end_form = MembershipEndForm(auto_id="end_%s")
    if request.method == "POST":
        ending = request.POST.get("action") == "end"
        chosen: MembershipForm | MembershipEndForm
        if ending:
            chosen = end_form = MembershipEndForm(request.POST, auto_id="end_%s")
        else:
            chosen = form = MembershipForm(request.POST, instance=found)
        if chosen.is_valid():
            try:
                if ending:
                    membership_services.membership_end(
                        membership=found, actor=request.user, reason=end_form.cleaned_data["reason"]
                    )
                    messages.success(request, f"{found.user}'s access has ended.")
                else:
                    data = form.cleaned_data
                    membership_services.membership_update(
                        membership=found,
                        role=data["role"],
                        school=data["school"],
                        agency=data["agency"],
                        officer=data["officer"],
                        actor=request.user,
                        reason=data["reason"],
                    )
                    messages.success(request, f"{found.user}'s role is changed.")
            except ApplicationError as error:
                chosen.add_error(None, error.message)
            else:
                return redirect("accounts:people")
    return render(
        request,
        "accounts/membership.html",
        {"membership": found, "form": form, "end_form": end_form},
    )


@login_required
@require_POST
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(selectors.invitations_manageable(user=request.user), pk=pk)
    try:
        invitation_services.invitation_revoke(invitation=invitation, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("accounts:people")


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the invited person sets a username and password (or uses their account)."""
    try:
        invitation = invitation_services.invitation_usable(token=token)
    except ApplicationError as error:
        return render(
            request, "accounts/accept_refused.html", {"message": error.message}, status=error.status
        )
    user = request.user if request.user.is_authenticated else None
    existing = invitation_services.existing_account(invitation=invitation)
    form = AcceptForm(request.POST or None, email=invitation.email)
    context = {"invitation": invitation, "form": form, "signed_in": user, "existing": existing}
    if request.method != "POST":
        return render(request, "accounts/accept.html", context)
    if user is None and (existing is not None or not form.is_valid()):
        return render(request, "accounts/accept.html", context, status=400)
    try:
        account = invitation_services.invitation_accept(
            token=token,
            user=user,
            username=form.cleaned_data.get("username", "") if user is None else "",
            password=form.cleaned_data.get("password1", "") if user is None else "",
        )
    except ApplicationError as error:
        if error.status in (404, 410):
            return render(
                request,
                "accounts/accept_refused.html",
                {"message": error.message},
                status=error.status,
            )
        context["error"] = error.message
        return render(request, "accounts/accept.html", context, status=error.status)
    if user is None:
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, f"Welcome to SRO360, {invitation.district.name}.")
    return redirect("home")


@login_required
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own API tokens; revoking one stops it at once."""
    own = selectors.api_tokens_of(user=request.user)
    if request.method == "POST":
        pk = request.POST.get("token", "")
        if not pk.isdigit():
            raise Http404("No such token.")
        token = get_object_or_404(own, pk=int(pk))
        token_services.api_token_revoke(token=token, actor=request.user)
        messages.success(request, f"The token starting {token.prefix} is revoked.")
        return redirect("accounts:tokens")
    return render(request, "accounts/tokens.html", {"tokens": own})
