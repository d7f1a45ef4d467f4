"""The coordinator's setup pages: district settings, schools and agencies.

Every object comes from a queryset narrowed to the districts the user coordinates,
so another district's school or agency, or any of them for another role, is a 404.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.errors import ApplicationError
from roster import selectors
from roster.forms.organisations import (
    AgencyFilter,
    AgencyForm,
    AgencyLinkForm,
    DistrictChoiceForm,
    DistrictSettingsForm,
    SchoolFilter,
    SchoolForm,
)
from roster.models import District
from roster.services.organisations import (
    agency_create,
    agency_link,
    agency_update,
    district_settings_update,
    school_create,
    school_update,
)

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpResponse

    from core.http import AuthenticatedHttpRequest

PAGE_SIZE = 50


def coordinated_districts(request: AuthenticatedHttpRequest) -> QuerySet[District]:
    districts = selectors.districts_coordinated(user=request.user)
    if not districts.exists():
        raise PermissionDenied("Only a district coordinator sets up the district.")
    return districts


def _chosen_district(
    request: AuthenticatedHttpRequest, districts: QuerySet[District]
) -> tuple[District | None, DistrictChoiceForm]:
    """The district of ``?district=`` (or the POSTed one) among ``districts``; the only
    one when there is one, else None until a coordinator of several chooses."""
    data = request.POST if request.method == "POST" else request.GET
    choice = DistrictChoiceForm(data, districts=districts)
    chosen = choice.cleaned_data.get("district") if choice.is_valid() else None
    if chosen is None and len(districts) == 1:
        chosen = districts[0]
    return chosen, choice


def refused(form: forms.BaseForm, error: ValidationError | ApplicationError) -> None:
    """Put a service's refusal next to its field (or at the top of the form)."""
    if isinstance(error, ApplicationError):
        form.add_error(None, error.message)
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _page(request: AuthenticatedHttpRequest, queryset: QuerySet) -> object:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# District settings ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def district_settings(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    district = get_object_or_404(selectors.districts_coordinated(user=request.user), pk=pk)
    # The model form validates on a copy: the page keeps the stored name in its title.
    form = DistrictSettingsForm(request.POST or None, instance=copy.copy(district))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            district = district_settings_update(district=district, actor=request.user, **fields)
        except (ValidationError, ApplicationError) as error:
            refused(form, error)
        else:
            messages.success(request, f"The settings of {district.name} were saved.")
            return redirect("roster:setup-district", pk=district.pk)
    return render(
        request,
        "roster/district_settings.html",
        {"form": form, "district": district},
        status=400 if form.errors else 200,
    )


# Schools ----------------------------------------------------------------------


@login_required
def school_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    districts = coordinated_districts(request)
    district, choice = _chosen_district(request, districts)
    schools = selectors.schools_coordinated(user=request.user)
    if district is not None:
        schools = schools.filter(district=district)
    filters = SchoolFilter(request.GET, queryset=schools)
    return render(
        request,
        "roster/school_list.html",
        {
            "page": _page(request, filters.qs),
            "filters": filters,
            "choice": choice,
            "district": district,
            "several_districts": len(districts) > 1,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    districts = coordinated_districts(request)
    district, _ = _chosen_district(request, districts)
    form = SchoolForm(
        request.POST or None,
        districts=districts,
        initial={"district": district.pk if district else None},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["district"] = data.get("district") or district
        try:
            school = school_create(actor=request.user, **data)
        except (ValidationError, ApplicationError) as error:
            refused(form, error)
        else:
            messages.success(request, f"The school {school.name} ({school.code}) was added.")
            return redirect("roster:schools")
    return render(
        request, "roster/school_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school = get_object_or_404(selectors.schools_coordinated(user=request.user), pk=pk)
    form = SchoolForm(request.POST or None, instance=school, districts=District.objects.none())
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            school = school_update(school=school, actor=request.user, **fields)
        except (ValidationError, ApplicationError) as error:
            refused(form, error)
        else:
            messages.success(request, f"The school {school.name} ({school.code}) was saved.")
            return redirect("roster:schools")
    return render(
        request,
        "roster/school_form.html",
        {"form": form, "school": school},
        status=400 if form.errors else 200,
    )


# Agencies ---------------------------------------------------------------------


@login_required
def agency_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    districts = coordinated_districts(request)
    district, choice = _chosen_district(request, districts)
    agencies = selectors.agencies_coordinated(user=request.user)
    if district is not None and len(districts) > 1:
        agencies = agencies.filter(Q(districts=district) | Q(mous__district=district)).distinct()
    filters = AgencyFilter(request.GET, queryset=agencies)
    return render(
        request,
        "roster/agency_list.html",
        {
            "page": _page(request, filters.qs),
            "filters": filters,
            "choice": choice,
            "district": district,
            "several_districts": len(districts) > 1,
        },
    )


def _agency_add_or_link(
    request: AuthenticatedHttpRequest,
    district: District,
    form: AgencyForm,
    link_form: AgencyLinkForm,
    *,
    linking: bool,
) -> HttpResponse | None:
    """The redirect after a new or linked agency; None (errors on the form) otherwise."""
    if linking:
        if not link_form.is_valid():
            return None
        try:
            agency = agency_link(
                district=district, actor=request.user, code=link_form.cleaned_data["code"]
            )
        except (ValidationError, ApplicationError) as error:
            refused(link_form, error)
            return None
        messages.success(request, f"{agency.code} — {agency.name} now works with {district.name}.")
        return redirect("roster:agencies")
    if not form.is_valid():
        return None
    try:
        agency = agency_create(district=district, actor=request.user, **form.cleaned_data)
    except (ValidationError, ApplicationError) as error:
        refused(form, error)
        return None
    messages.success(request, f"The agency {agency.name} ({agency.code}) was added.")
    return redirect("roster:agencies")


@login_required
@require_http_methods(["GET", "POST"])
def agency_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add an agency, or link one another district registered, by its code."""
    districts = coordinated_districts(request)
    district, choice = _chosen_district(request, districts)
    linking = request.method == "POST" and "link" in request.POST
    form = AgencyForm(request.POST if request.method == "POST" and not linking else None)
    link_form = AgencyLinkForm(request.POST if linking else None, prefix="link")
    if request.method == "POST":
        if district is None:
            choice.add_error("district", "Choose the district that works with the agency.")
        else:
            done = _agency_add_or_link(request, district, form, link_form, linking=linking)
            if done is not None:
                return done
    failed = bool(form.errors or link_form.errors or choice.errors)
    return render(
        request,
        "roster/agency_form.html",
        {
            "form": form,
            "link_form": link_form,
            "choice": choice,
            "district": district,
            "several_districts": len(districts) > 1,
        },
        status=400 if failed else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(selectors.agencies_coordinated(user=request.user), pk=pk)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        district = selectors.district_working_with(user=request.user, agency=agency)
        try:
            agency = agency_update(agency=agency, district=district, actor=request.user, **fields)
        except (ValidationError, ApplicationError) as error:
            refused(form, error)
        else:
            messages.success(request, f"The agency {agency.name} ({agency.code}) was saved.")
            return redirect("roster:agencies")
    return render(
        request,
        "roster/agency_form.html",
        {"form": form, "agency": agency},
        status=400 if form.errors else 200,
    )
