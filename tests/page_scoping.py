"""The route-by-role scope check for pages: every HTML view and download.

Page routes come from the URL resolver, so a new page is walked without anyone
adding it here. A route with no ids is fetched as everyone and must not show the
names of officers out of the caller's scope. A route with ids is filled with
objects out of the caller's scope (``ScopeWorld.outsiders``), fetched and posted,
and must answer 403/404 (a login redirect for anonymous), never the object.
``PAGE_KWARGS`` says which model fills each id; a route with an id it can't fill,
and that ``UNWALKED`` doesn't list with a reason, is a problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Invitation
from activity.models import (
    ActivityImport,
    Complaint,
    ComplaintAttachment,
    Incident,
    PublishedReport,
)
from core.models import Job
from evaluations.models import Evaluation, EvaluationAttachment, Rubric
from flags.models import Flag, FlagRule, RemovalRequest
from packets.models import Packet, PacketBuildItem, PacketVersion
from roster.models import (
    MOU,
    Agency,
    Assignment,
    District,
    EvaluationPeriod,
    Membership,
    Officer,
    RosterImport,
    School,
)
from surveys.models import Campaign
from tests.agreements import routes as agreements_routes
from tests.hiring import routes as hiring_routes
from tests.page_scoping_types import Fill
from tests.scoping import NEXT_OFFICER_NAME, OTHER_OFFICER_NAME, ScopeWorld
from tests.selfassessment import routes as selfassessment_routes
from training_records.models import TrainingImport, TrainingRecord, TrainingRequirement

Fixed = str

# Ids any route may carry, by name.
KWARG_FILLS: dict[str, Fill] = {
    "officer_id": (Officer, "pk"),
    "district_code": (District, "code"),
    "period_name": (EvaluationPeriod, "name"),
}
# Values that pick a variant of a route, not an object: any valid one will do.
KWARG_FIXED: dict[str, Fixed] = {"fmt": "csv", "action": "resolve", "token": "no-such-invitation"}
# The model each route's ``pk`` names.
PAGE_KWARGS: dict[str, Fill] = {
    "roster:officer": (Officer, "pk"),
    "roster:job": (Job, "pk"),
    "roster:district-export": (District, "pk"),
    "roster:setup-district": (District, "pk"),
    "roster:school-edit": (School, "pk"),
    "roster:agency-edit": (Agency, "pk"),
    "roster:officer-edit": (Officer, "pk"),
    "roster:assignment-edit": (Assignment, "pk"),
    "roster:mou-edit": (MOU, "pk"),
    "training_records:requirement_delete": (TrainingRequirement, "pk"),
    "training_records:officer": (Officer, "pk"),
    "training_records:transcript_download": (Officer, "pk"),
    "training_records:report_download": (Agency, "pk"),
    "training_records:column_mapping": (Agency, "pk"),
    "training_records:record_verify": (TrainingRecord, "pk"),
    "training_records:import": (TrainingImport, "pk"),
    "training_records:import_confirm": (TrainingImport, "pk"),
    "surveys:campaign": (Campaign, "pk"),
    "surveys:codes": (Campaign, "pk"),
    "surveys:release": (Campaign, "pk"),
    "surveys:officer-results": (Officer, "pk"),
    "surveys:school-results": (School, "pk"),
    "activity:incident-edit": (Incident, "pk"),
    "activity:import-detail": (ActivityImport, "pk"),
    "activity:complaint": (Complaint, "pk"),
    "activity:report-unpublish": (PublishedReport, "pk"),
    "evaluation-detail": (Evaluation, "pk"),
    "evaluation-edit": (Evaluation, "pk"),
    "evaluation-note-add": (Evaluation, "pk"),
    "evaluation-attachment-add": (Evaluation, "pk"),
    "evaluation-attachment": (EvaluationAttachment, "pk"),
    "evaluation-attachment-remove": (EvaluationAttachment, "pk"),
    "evaluation-submit": (Evaluation, "pk"),
    "evaluation-review": (Evaluation, "pk"),
    "evaluation-return": (Evaluation, "pk"),
    "evaluation-acknowledge": (Evaluation, "pk"),
    "evaluation-history": (Evaluation, "pk"),
    "rubric-detail": (Rubric, "pk"),
    "rubric-revise": (Rubric, "pk"),
    "flags:flag": (Flag, "pk"),
    "flags:flag-transition": (Flag, "pk"),
    "flags:rule-edit": (FlagRule, "pk"),
    "flags:removal": (RemovalRequest, "pk"),
    "flags:removal-review": (RemovalRequest, "pk"),
    "flags:removal-decide": (RemovalRequest, "pk"),
    "flags:removal-withdraw": (RemovalRequest, "pk"),
    # A batch page shows a batch job: the one the other district's batch ran as.
    "packets:batch": (PacketBuildItem, "job_id"),
    "packets:packet": (Packet, "pk"),
    "packets:rebuild": (Packet, "pk"),
    "packets:version": (PacketVersion, "pk"),
    "packets:pdf": (PacketVersion, "pk"),
    "packets:xlsx": (PacketVersion, "pk"),
    "packets:sign-off": (PacketVersion, "pk"),
    "packets:send-back": (PacketVersion, "pk"),
    "packets:acknowledge": (PacketVersion, "pk"),
    "roster:import": (RosterImport, "pk"),
    "roster:import-confirm": (RosterImport, "pk"),
    "accounts:membership": (Membership, "pk"),
    "accounts:invitation-revoke": (Invitation, "pk"),
}
# Pages anyone may open without logging in (their content is still checked).
PUBLIC_PAGES: dict[str, str] = {
    "home": "the front page: a link to log in or to the caller's dashboard",
    "healthz": "the load balancer's probe",
    "login": "the login form",
    "schema": "the OpenAPI schema: routes and fields, no data",
    "api-docs": "Swagger UI over the schema, no data",
    "surveys-respondent:start": "a respondent enters an anonymous code here",
    "surveys-respondent:officers": "the respondent's session holds the code, not a login",
    "surveys-respondent:review": "the respondent's session holds the code, not a login",
    "surveys-respondent:submit": "the respondent's session holds the code, not a login",
    "surveys-respondent:thanks": "the respondent's session holds the code, not a login",
    "surveys-respondent:privacy": "the survey's privacy notice",
    "surveys-respondent:answers": "the respondent's state cookie holds the code, not a login",
    "surveys-respondent:used": "a fixed 'already used' message, no data",
    "surveys-respondent:language": "the survey's language switch: sets the language cookie",
    "activity:public-reports": "the index of published reports",
    "activity:public-report": "a published report; an unpublished period must be 404",
    "activity:public-report-download": "a published report; an unpublished period must be 404",
    "activity:complaint-track": "a complainant follows a complaint by its tracking code",
    "accounts:accept": "an invited person has no account yet; an unknown link must be 404",
    "password_reset": "asking for a reset link; the answer is the same for any address",
    "password_reset_done": "the 'check your mail' page, no data",
    "password_reset_complete": "the 'password changed' page, no data",
    "set_language": "the language switch on public pages: sets a cookie and goes back, no data",
    "favicon": "a redirect to the static icon",
}
# Routes the walk does not fill, each with the reason.
UNWALKED: dict[str, str] = {
    "logout": "logging out ends the session the walk's clients reuse; it shows no data",
    "activity:complaint-new": "every district's public complaint form is open to anyone",
    "surveys-respondent:retired-link": "answers 410 Gone for any token; no object behind it",
    "password_reset_confirm": "Django's: a bad link shows 'link used or expired' (200), no data;"
    " tested in tests/accounts/test_password_reset.py",
}
# Each program-record app keeps its own routes in tests/<app>/routes.py.
for _module in (agreements_routes, hiring_routes, selfassessment_routes):
    PAGE_KWARGS.update(_module.PAGE_KWARGS)
    PUBLIC_PAGES.update(_module.PUBLIC_PAGES)
    UNWALKED.update(_module.UNWALKED)
SKIPPED_PREFIXES = (
    # Walked by check_api_scoping.
    "api/v1/",
    # Django's admin: staff only (no role is staff), and tested by Django.
    "admin/",
)


@dataclass(frozen=True)
class PageRoute:
    pattern: str
    name: str
    kwargs: tuple[str, ...]


def page_routes(urlconf: str | None = None) -> list[PageRoute]:
    """Every named route outside ``SKIPPED_PREFIXES``, with its namespaced name."""
    routes: list[PageRoute] = []

    def walk(patterns: list, base: str, namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, base + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                full = base + str(entry.pattern)
                if not full.startswith(SKIPPED_PREFIXES):
                    name = f"{namespace}{entry.name or full}"
                    routes.append(PageRoute(full, name, tuple(entry.pattern.regex.groupindex)))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return routes


def check_page_scoping(
    world: ScopeWorld,
    routes: list[PageRoute],
    page_kwargs: dict[str, Fill] | None = None,
    public: dict[str, str] | None = None,
) -> list[str]:
    """Every problem found walking page ``routes`` as anonymous, every role and the inactive user."""
    page_kwargs = PAGE_KWARGS if page_kwargs is None else page_kwargs
    public = PUBLIC_PAGES if public is None else public
    world.furnish()
    problems: list[str] = []
    clients = world.clients()
    for route in routes:
        if route.name in UNWALKED:
            continue
        fills = route_fills(route, page_kwargs)
        if isinstance(fills, str):
            problems.append(f"{route.pattern} ({route.name}): {fills}")
            continue
        for who, client in clients.items():
            for url in _outsider_urls(world, who, route, fills):
                problems += _visit(client, who, url, route, route.name in public)
    return problems


def route_fills(route: PageRoute, page_kwargs: dict[str, Fill]) -> dict[str, Fill | Fixed] | str:
    """What fills each of the route's ids, or why the walk can't fill them."""
    fills: dict[str, Fill | Fixed] = {}
    for name in route.kwargs:
        if name in KWARG_FIXED:
            fills[name] = KWARG_FIXED[name]
        elif name in KWARG_FILLS:
            fills[name] = KWARG_FILLS[name]
        elif name == "pk" and route.name in page_kwargs:
            fills[name] = page_kwargs[route.name]
        else:
            return f"can't fill <{name}>; add the route to PAGE_KWARGS or UNWALKED with a reason"
    return fills


def _outsider_urls(
    world: ScopeWorld, who: str, route: PageRoute, fills: dict[str, Fill | Fixed]
) -> list[str]:
    """The route's URLs filled with objects ``who`` must not reach (none if it has no ids)."""
    objects = {name: fill for name, fill in fills.items() if isinstance(fill, tuple)}
    if not objects:
        return [route_url(route, fills, world)]
    places = [world]
    if all(len(world.outsiders(who, model)) > 1 for model, _ in objects.values()):
        places.append(world.next_door())
    return [route_url(route, fills, place) for place in places]


def route_url(route: PageRoute, fills: dict[str, Fill | Fixed], place: ScopeWorld) -> str:
    values: dict[str, object] = {}
    for name, fill in fills.items():
        if isinstance(fill, tuple):
            model, field = fill
            values[name] = getattr(place.outsider_object(model), field)
        else:
            values[name] = fill
    url = "/" + route.pattern
    for name, value in values.items():
        for converter in ("int", "str", "slug", "path", "uuid"):
            url = url.replace(f"<{converter}:{name}>", str(value))
        url = url.replace(f"<{name}>", str(value))
    return url


def _visit(client: Client, who: str, url: str, route: PageRoute, public: bool) -> list[str]:
    """Problems with ``who``'s answers to a GET (and, for an object's route, a POST) of ``url``."""
    problems: list[str] = []
    calls: list[tuple[str, Callable[[str], HttpResponse]]] = [("GET", client.get)]
    if route.kwargs:
        calls.append(("POST", client.post))
    for method, call in calls:
        response = call(url)
        problem = _answer_problem(who, method, url, route, public, response)
        if problem:
            problems.append(problem)
    return problems


def _answer_problem(
    who: str, method: str, url: str, route: PageRoute, public: bool, response: HttpResponse
) -> str | None:
    code = response.status_code
    said = f"{method} {url} as {who}: {code}"
    if code >= 500:
        return f"{said}, a server error"
    if method == "GET" and code == 200:
        leaked = _names_shown(response, who)
        if leaked:
            return f"{said} shows out-of-scope officers: {leaked}"
    if who == "anonymous" and not public:
        if code in (401, 403, 404, 405) or _to_login(response):
            return None
        return f"{said}, expected a login redirect, 401/403 or 404"
    has_objects = any(name not in ("fmt", "action") for name in route.kwargs)
    if has_objects and code not in (403, 404, 405):
        return f"{said} for an out-of-scope object, expected 404"
    return None


def _to_login(response: HttpResponse) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    )


def _names_shown(response: HttpResponse, who: str) -> str:
    """The names of out-of-scope officers that a page shows to ``who``."""
    if not response.get("Content-Type", "").startswith("text/"):
        return ""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    names = [OTHER_OFFICER_NAME]
    if who in ("principal", "supervisor", "officer"):
        names.append(NEXT_OFFICER_NAME)
    return ", ".join(f"{first} {last}" for first, last in names if last in body)


PAGE_KWARGS["evaluation-pdf"] = (Evaluation, "pk")
PAGE_KWARGS["activity:complaint-attachment"] = (ComplaintAttachment, "pk")
UNWALKED["activity:complaint-received"] = (
    "every district's received page is open to anyone; it shows a tracking code only to"
    " the session that sent the complaint (tests/activity/test_complaint_pages.py)"
)
# Parents' notices (surveys): the coordinator's notice form and the principal's opt-out list.
PAGE_KWARGS["notices:edit"] = (Campaign, "pk")
PAGE_KWARGS["notices:opt-outs"] = (Campaign, "pk")
PUBLIC_PAGES["parent-notice:page"] = "a parents' notice by its random address; unknown is 404"
PUBLIC_PAGES["parent-notice:opt-out"] = "a parents' notice by its random address; unknown is 404"
PUBLIC_PAGES["parent-notice:opted-out"] = "a parents' notice by its random address; unknown is 404"
PUBLIC_PAGES["parent-notice:letter"] = "a parents' notice by its random address; unknown is 404"
