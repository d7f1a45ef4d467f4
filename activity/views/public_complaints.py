"""The complaint form, its "received" page and the tracking lookup, open to anyone
without logging in. No JavaScript.

Post/Redirect/Get throughout, and the tracking code never in a URL: a sent form
redirects (303) to the received page, which shows the code once from the session;
a lookup redirects to the tracking page, which shows the steps for a few minutes
from the session (long enough to switch language), by the complaint's id, not its code.

A double-clicked submit: the tracking code is set aside in the session when the
form is shown, keyed by a hidden ``form_key``, so both requests carry the same code;
its hash is unique, so the second finds the first and shows the same received page.
"""

from __future__ import annotations

import secrets
import time

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from activity.forms import ComplaintForm, TrackingForm
from activity.models import ComplaintSource
from activity.selectors.complaints import complaint_id_for_code, complaint_tracking
from activity.services.complaints import (
    ComplaintAlreadyReceived,
    complaint_code_shown,
    complaint_submit,
    new_tracking_code,
)
from core.dates import today
from core.errors import ApplicationError
from core.throttles import allow_public_post
from roster.models import Assignment, District, Officer, School

PENDING = "complaints.pending_codes"
REFUSED = "complaints.refused_form"
# Errors a second validation can't find again: the files are gone, and a service's
# refusal is not a field's.
KEPT_ERRORS = ("attachments", NON_FIELD_ERRORS)
RECEIVED = "complaints.received"
TRACKED = "complaints.tracked"
TRACK_REFUSED = "complaints.tracking_refused"
# Forms open at once in one browser (tabs) that keep their own code.
PENDING_KEPT = 5
# How long a lookup stays on the tracking page: a language switch or a reload
# keeps it, a shared computer doesn't show it to the next person for long.
TRACKED_SECONDS = 10 * 60


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303  # the browser follows with a GET: Back never re-posts
    return response


def _complaint_form(
    district: District, data: QueryDict | None = None, files: MultiValueDict | None = None
) -> ComplaintForm:
    schools = School.objects.filter(district=district).order_by("name")
    serving = (
        Assignment.objects.active_on(today()).filter(school__district=district).values("officer_id")
    )
    officers = (
        Officer.objects.filter(pk__in=serving)
        .select_related("agency")
        .order_by("last_name", "first_name")
    )
    return ComplaintForm(data, files, schools=schools, officers=officers)


def _set_aside(request: HttpRequest) -> str:
    """A new form key with its tracking code kept in the session (never in the page)."""
    key = secrets.token_urlsafe(12)
    pending = dict(request.session.get(PENDING, {}))
    pending[key] = new_tracking_code()
    request.session[PENDING] = dict(list(pending.items())[-PENDING_KEPT:])
    return key


def _form_page(
    request: HttpRequest,
    district: District,
    form: ComplaintForm,
    status: int = 200,
    files_dropped: bool = False,
) -> HttpResponse:
    return render(
        request,
        "activity/public/complaint_form.html",
        {"district": district, "form": form, "files_dropped": files_dropped},
        status=status,
    )


def _refuse(request: HttpRequest, district: District, form: ComplaintForm) -> HttpResponse:
    """Send a refused form back through a redirect, so that Back from a later page
    never lands on a POST. What was typed is kept for that one display; files can't
    be (a browser never refills a file field), and their errors come along as text."""
    request.session[REFUSED] = {
        "district": district.code,
        "data": {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"},
        "errors": {
            field: [str(m) for m in messages]
            for field, messages in form.errors.items()
            if field in KEPT_ERRORS
        },
        "files": bool(request.FILES),
    }
    return _see_other(reverse("activity:complaint-new", args=[district.code]))


def _refused_form(request: HttpRequest, district: District) -> tuple[ComplaintForm, bool] | None:
    refused = request.session.get(REFUSED)
    if not refused or refused.get("district") != district.code:
        return None
    del request.session[REFUSED]
    data = QueryDict(mutable=True)
    for name, values in refused["data"].items():
        data.setlist(name, values)
    form = _complaint_form(district, data)
    form.is_valid()
    for field, messages in refused["errors"].items():
        for message in messages:
            if message not in form.errors.get(field, []):
                form.add_error(None if field == NON_FIELD_ERRORS else field, message)
    return form, refused["files"]


@never_cache
@sensitive_post_parameters("contact_name", "contact_email", "contact_phone", "account")
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, district_code: str) -> HttpResponse:
    district = get_object_or_404(District, code__iexact=district_code)
    if request.method == "GET":
        refused = _refused_form(request, district)
        if refused is not None:
            form, files_dropped = refused
            return _form_page(request, district, form, status=400, files_dropped=files_dropped)
        form = _complaint_form(district)
        form.initial["form_key"] = _set_aside(request)
        return _form_page(request, district, form)
    form = _complaint_form(district, request.POST, request.FILES)
    if not allow_public_post(request):
        # The form comes back as it was typed: a long account must not be lost.
        form.is_valid()
        form.add_error(
            None,
            translation.gettext(
                "Too many complaints were sent from here in the last minute. Nothing was "
                "stored: please wait a minute and send it again."
            ),
        )
        return _form_page(request, district, form, status=429, files_dropped=bool(request.FILES))
    if not form.is_valid():
        return _refuse(request, district, form)
    data = form.cleaned_data
    code = request.session.get(PENDING, {}).get(data["form_key"]) or new_tracking_code()
    emailed = bool(data["contact_email"]) and data["source"] != ComplaintSource.ANONYMOUS
    try:
        complaint, _ = complaint_submit(
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
            attachments=data["attachments"],
            language=translation.get_language() or "en",
            tracking_code=code,
        )
        complaint_id: int | None = complaint.pk
    except ComplaintAlreadyReceived as twin:
        complaint_id = complaint_id_for_code(code=code)
        if complaint_id is None:
            form.add_error(None, twin.message)
    except ApplicationError as error:
        form.add_error(None, error.message)
        complaint_id = None
    if complaint_id is None:
        return _refuse(request, district, form)
    request.session[RECEIVED] = {
        "id": complaint_id,
        "district": district.code,
        "code": code,
        "emailed": emailed,
    }
    return _see_other(reverse("activity:complaint-received", args=[district.code]))


@never_cache
@require_GET
def complaint_received(request: HttpRequest, district_code: str) -> HttpResponse:
    district = get_object_or_404(District, code__iexact=district_code)
    received = request.session.get(RECEIVED)
    code, emailed = None, False
    if received and received.get("district") == district.code:
        del request.session[RECEIVED]
        pending = request.session.get(PENDING, {})
        request.session[PENDING] = {k: v for k, v in pending.items() if v != received["code"]}
        # Shown once, by the database's word: a late session write from a double
        # click's twin can't bring the code back on a reload.
        if complaint_code_shown(complaint_id=received["id"]):
            code, emailed = received["code"], received["emailed"]
    return render(
        request,
        "activity/public/complaint_received.html",
        {"district": district, "code": code, "emailed": emailed},
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        refused = _refused_lookup(request)
        if refused is not None:
            return render(
                request,
                "activity/public/complaint_track.html",
                {"form": refused, "tracking": None},
                status=400,
            )
        tracked = request.session.get(TRACKED)
        tracking = None
        if tracked and tracked["until"] > time.time():
            tracking = complaint_tracking(complaint_id=tracked["id"])
        elif tracked:
            del request.session[TRACKED]
        return render(
            request,
            "activity/public/complaint_track.html",
            {"form": TrackingForm(), "tracking": tracking},
        )
    if not allow_public_post(request):
        return render(request, "activity/public/throttled.html", status=429)
    form = TrackingForm(request.POST)
    if form.is_valid():
        complaint_id = complaint_id_for_code(code=form.cleaned_data["code"])
        if complaint_id is not None:
            request.session[TRACKED] = {"id": complaint_id, "until": time.time() + TRACKED_SECONDS}
            request.session.pop(TRACK_REFUSED, None)
            return _see_other(reverse("activity:complaint-track"))
    # Back through a redirect too; the typed code stays in the field, so a typo can
    # be seen and fixed (it matches no complaint, so it is nobody's code).
    request.session[TRACK_REFUSED] = request.POST.get("code", "")[:40]
    return _see_other(reverse("activity:complaint-track"))


def _refused_lookup(request: HttpRequest) -> TrackingForm | None:
    if TRACK_REFUSED not in request.session:
        return None
    form = TrackingForm({"code": request.session.pop(TRACK_REFUSED)})
    if form.is_valid():
        form.add_error(
            "code",
            translation.gettext("No complaint has that tracking code. Check it and try again."),
        )
    return form
