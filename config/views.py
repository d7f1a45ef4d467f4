from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.home import coordinated_districts, home_figures, home_sections, setup_checklist
from core.api_errors import page_not_found

if TYPE_CHECKING:
    from core.http import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {"sections": home_sections(user=request.user), "figures": home_figures(user=request.user)},
    )


@login_required
@require_GET
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's first-run checklist: what the district lacks to run its year.

    The district comes from those the user coordinates (``?district=`` picks one of
    several), so anyone else, and any other district, is a 404.
    """
    districts = list(coordinated_districts(user=request.user))
    chosen = request.GET.get("district", "")
    district = next(
        (d for d in districts if str(d.pk) == chosen) if chosen else iter(districts), None
    )
    if district is None:
        raise Http404("No district of yours to set up.")
    steps = setup_checklist(user=request.user, district=district)
    return render(
        request,
        "setup.html",
        {
            "district": district,
            "districts": districts if len(districts) > 1 else [],
            "steps": steps,
            "missing": sum(1 for step in steps if not step.done),
        },
    )


def _database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure to reach the database means "down"
        return "down"
    return "ok"


def _broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "in-process"
    from config.celery import app

    try:
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure to reach the broker (kombu raises many types) means "down"
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and broker status for load balancers and monitors."""
    status = {"database": _database_status(), "broker": _broker_status()}
    healthy = all(value in ("ok", "in-process") for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503
    )


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A public address that leads nowhere: a page in the reader's language with a way
    on, never repeating the address (it may hold a typed code). Staff paths keep
    Django's own page, and the API its JSON error body (core.api_errors.page_not_found)."""
    if request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
        return render(request, "public_404.html", status=404)
    return page_not_found(request, exception)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for by themselves, to the static icon. The
    address is looked up per request: at import time production's manifest storage
    may not have the collected files yet (``check --deploy`` runs before collectstatic)."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
