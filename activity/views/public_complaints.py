"""The complaint form and the tracking lookup, open to anyone without logging in.
No JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from activity.forms import ComplaintForm, TrackingForm
from activity.services.complaints import complaint_status_for_code, complaint_submit
from activity.throttles import allow_public_post
from core.dates import today
from core.errors import ApplicationError
from roster.models import Assignment, District, Officer, School


def _complaint_form(district: District, data=None) -> ComplaintForm:
    schools = School.objects.filter(district=district).order_by("name")
    serving = (
        Assignment.objects.active_on(today()).filter(school__district=district).values("officer_id")
    )
    officers = (
        Officer.objects.filter(pk__in=serving)
        .select_related("agency")
        .order_by("last_name", "first_name")
    )
    return ComplaintForm(data, schools=schools, officers=officers)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, district_code: str) -> HttpResponse:
    district = get_object_or_404(District, code__iexact=district_code)
    if request.method == "GET":
        return render(
            request,
            "activity/public/complaint_form.html",
            {"district": district, "form": _complaint_form(district)},
        )
    if not allow_public_post(request):
        return render(request, "activity/public/throttled.html", status=429)
    form = _complaint_form(district, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _, code = complaint_submit(
                district=district,
                source=data["source"],
                allegations=data["allegations"],
                account=data["account"],
                school=data["school"],
                officer=data["officer"],
                incident_date=data["incident_date"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            # Rendered, not redirected: the code must never travel in a URL.
            return render(
                request,
                "activity/public/complaint_received.html",
                {"district": district, "code": code},
            )
    return render(
        request,
        "activity/public/complaint_form.html",
        {"district": district, "form": form},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "activity/public/complaint_track.html", {"form": TrackingForm()})
    if not allow_public_post(request):
        return render(request, "activity/public/throttled.html", status=429)
    form = TrackingForm(request.POST)
    status = None
    if form.is_valid():
        status = complaint_status_for_code(code=form.cleaned_data["code"])
        if status is None:
            form.add_error("code", "No complaint has that tracking code. Check it and try again.")
    return render(
        request,
        "activity/public/complaint_track.html",
        {"form": TrackingForm(), "status": status, "lookup_form": form},
        status=200 if status else 400,
    )
