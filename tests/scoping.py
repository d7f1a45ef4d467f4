"""A two-district world and the route-by-role scope check.

``ScopeWorld`` puts one person of every role in the home district and builds, on
request, objects of any model in the *other* district: nobody at home may see
them. Each app registers how to build its models there with
``@out_of_scope(Model)`` in its factories module, so the route check can fill any
URL's ids with an object the caller must not reach.

The home district also has a second school, agency and officer "next door". The
same builders, run against ``world.next_door()``, put objects there: the principal
of the first school, the supervisor of the first agency and the first officer must
not reach those that belong to the neighbour (``NEXT_DOOR_ROLES`` says which).
And a user whose only membership is inactive (coordinator of the other district)
is walked with everyone else: if ``is_active`` were ignored, it would reach it all.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from roster.models import Membership, Role
from tests.factories.roster import (
    AgencyFactory,
    AssignmentFactory,
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
    user_of_officer,
)

ROLES = [Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER]
INACTIVE = "inactive"
# Names no page holds by chance, so "not on the page" checks can't pass or fail by luck.
OTHER_OFFICER_NAME = ("Ximena", "Okonkwo-Thorne")
NEXT_OFFICER_NAME = ("Wendeline", "Abernathy-Quist")

_SCHOOL_LEVEL = frozenset({Role.PRINCIPAL, Role.OFFICER})
_AGENCY_LEVEL = frozenset({Role.SUPERVISOR, Role.OFFICER})
_OFFICER_LEVEL = frozenset({Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER})
_DISTRICT_LEVEL: frozenset[str] = frozenset()
# For each model, the home roles that must not reach the instance built next door
# (it belongs to the second school, agency or officer of their own district).
# District-wide models are in everyone's scope at home, so only the other district
# checks them. A model a route needs that is not listed here fails the walk.
# Built in both places before a walk: without them some pages have nothing to show,
# and their 404 would say nothing about scope (survey results exist only for the
# officers and schools of a campaign).
ALWAYS_BUILT = ("surveys.campaign",)
NEXT_DOOR_ROLES: dict[str, frozenset[str]] = {
    "roster.district": _DISTRICT_LEVEL,
    "roster.evaluationperiod": _DISTRICT_LEVEL,
    # The builder reads the district's one MOU; at home there are two (one per agency).
    "roster.mou": _DISTRICT_LEVEL,
    "roster.membership": _DISTRICT_LEVEL,
    "core.job": _DISTRICT_LEVEL,
    "roster.school": _SCHOOL_LEVEL,
    "roster.agency": _AGENCY_LEVEL,
    "roster.officer": _OFFICER_LEVEL,
    "roster.assignment": _OFFICER_LEVEL,
    "evaluations.rubric": _DISTRICT_LEVEL,
    "evaluations.competency": _DISTRICT_LEVEL,
    "evaluations.evaluation": _OFFICER_LEVEL,
    "evaluations.rating": _OFFICER_LEVEL,
    "evaluations.observationnote": _OFFICER_LEVEL,
    "evaluations.evaluationattachment": _OFFICER_LEVEL,
    "surveys.surveytemplate": _DISTRICT_LEVEL,
    # A campaign spans the district's schools; its results are scoped, not the campaign.
    "surveys.campaign": _DISTRICT_LEVEL,
    "activity.incident": _OFFICER_LEVEL,
    "activity.enforcementaction": _OFFICER_LEVEL,
    "activity.complaint": _OFFICER_LEVEL,
    "activity.enrollment": _DISTRICT_LEVEL,
    "activity.activityimport": _DISTRICT_LEVEL,
    "activity.publishedreport": _DISTRICT_LEVEL,
    # The program record: an MOU's versions and reviews are the MOU's (its district
    # and agency); a selection record is the district's and its agency's.
    "agreements.mouversion": _DISTRICT_LEVEL,
    "agreements.moureview": _DISTRICT_LEVEL,
    "hiring.hiringguideline": _DISTRICT_LEVEL,
    "hiring.selectionrecord": _AGENCY_LEVEL,
    "selfassessment.selfassessment": _DISTRICT_LEVEL,
    "flags.flagrule": _DISTRICT_LEVEL,
    "flags.flag": _OFFICER_LEVEL,
    "flags.removalrequest": _OFFICER_LEVEL,
    "packets.packet": _OFFICER_LEVEL,
    "packets.packetversion": _OFFICER_LEVEL,
    # A batch item is built by a district-wide batch, not for one officer.
    "packets.packetbuilditem": _DISTRICT_LEVEL,
    "training_records.trainingrecord": _OFFICER_LEVEL,
    # The builder reads the district's one MOU; at home there are two (one per agency).
    "training_records.trainingrequirement": _DISTRICT_LEVEL,
    "training_records.trainingimport": _AGENCY_LEVEL,
    "training_records.stafftrainingsession": _SCHOOL_LEVEL,
    "roster.rosterimport": _DISTRICT_LEVEL,
    "accounts.invitation": _DISTRICT_LEVEL,
    # Someone else's token: nobody but its owner reaches it.
    "accounts.apitoken": _DISTRICT_LEVEL,
}
Builder = Callable[["ScopeWorld"], models.Model]
OUT_OF_SCOPE_BUILDERS: dict[str, Builder] = {}


def out_of_scope(model: type[models.Model]) -> Callable[[Builder], Builder]:
    """Register how to build a ``model`` instance in the other district."""

    def register(builder: Builder) -> Builder:
        OUT_OF_SCOPE_BUILDERS[model._meta.label_lower] = builder
        return builder

    return register


def load_builders() -> None:
    import tests.factories as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"tests.factories.{info.name}")


@dataclass
class ScopeWorld:
    """Home district with every role; the other district holds what they must not see."""

    district: object = None
    school: object = None
    agency: object = None
    officer: object = None
    period: object = None
    users: dict[str, object] = field(default_factory=dict)
    other_district: object = None
    other_school: object = None
    other_agency: object = None
    other_officer: object = None
    other_period: object = None
    next_school: object = None
    next_agency: object = None
    next_officer: object = None
    inactive_user: object = None
    _built: dict[str, models.Model] = field(default_factory=dict)
    _next_door: ScopeWorld | None = None

    @classmethod
    def build(cls) -> ScopeWorld:
        world = cls()
        world.district = DistrictFactory(code="HOME")
        world.school = SchoolFactory(district=world.district, code="HOME-HS")
        world.agency = AgencyFactory(code="HOMEPD")
        MOUFactory(district=world.district, agency=world.agency)
        world.officer = OfficerFactory(agency=world.agency)
        AssignmentFactory(officer=world.officer, school=world.school)
        world.period = EvaluationPeriodFactory(district=world.district)
        world.users = {
            Role.COORDINATOR: coordinator_of(world.district, username="the-coordinator"),
            Role.PRINCIPAL: principal_of(world.school, username="the-principal"),
            Role.SUPERVISOR: supervisor_of(world.agency, world.district, username="the-supervisor"),
            Role.OFFICER: user_of_officer(world.officer, world.district, username="the-officer"),
        }
        world.other_district = DistrictFactory(code="AWAY")
        world.other_school = SchoolFactory(district=world.other_district, code="AWAY-HS")
        world.other_agency = AgencyFactory(code="AWAYPD")
        MOUFactory(district=world.other_district, agency=world.other_agency)
        first, last = OTHER_OFFICER_NAME
        world.other_officer = OfficerFactory(
            agency=world.other_agency, first_name=first, last_name=last
        )
        AssignmentFactory(officer=world.other_officer, school=world.other_school)
        world.other_period = EvaluationPeriodFactory(district=world.other_district)
        return world

    def next_door(self) -> ScopeWorld:
        """The same world with the neighbour (second school, agency, officer) as "other".

        Built on first use, so the many tests that use the world without walking
        routes keep one school, agency and officer at home."""
        if self._next_door is None:
            self.next_school = SchoolFactory(district=self.district, code="HOME-MS")
            self.next_agency = AgencyFactory(code="HOMESO")
            MOUFactory(district=self.district, agency=self.next_agency)
            first, last = NEXT_OFFICER_NAME
            self.next_officer = OfficerFactory(
                agency=self.next_agency, first_name=first, last_name=last
            )
            AssignmentFactory(officer=self.next_officer, school=self.next_school)
            self._next_door = replace(
                self,
                other_district=self.district,
                other_school=self.next_school,
                other_agency=self.next_agency,
                other_officer=self.next_officer,
                other_period=self.period,
                _built={},
            )
        return self._next_door

    def furnish(self) -> None:
        """Build ``ALWAYS_BUILT`` in the other district and next door."""
        for label in ALWAYS_BUILT:
            self.outsider_object(apps.get_model(label))
            self.next_door().outsider_object(apps.get_model(label))

    def outsiders(self, who: str, model: type[models.Model]) -> list[models.Model]:
        """The instances of ``model`` that ``who`` must not reach."""
        found = [self.outsider_object(model)]
        label = model._meta.label_lower
        if label not in NEXT_DOOR_ROLES:
            raise LookupError(f"{label} is not in NEXT_DOOR_ROLES (tests/scoping.py)")
        if who in NEXT_DOOR_ROLES[label]:
            found.append(self.next_door().outsider_object(model))
        return found

    def clients(self) -> dict[str, Client]:
        """A client for anonymous, every role and the user whose membership is inactive."""
        if self.inactive_user is None:
            self.inactive_user = coordinator_of(self.other_district, username="the-inactive")
            Membership.objects.filter(user=self.inactive_user).update(is_active=False)
        clients = {"anonymous": Client()}
        for who, user in [*self.users.items(), (INACTIVE, self.inactive_user)]:
            client = Client()
            client.force_login(user)
            clients[str(who)] = client
        return clients

    def outsider_object(self, model: type[models.Model]) -> models.Model:
        label = model._meta.label_lower
        if label not in self._built:
            load_builders()
            if label not in OUT_OF_SCOPE_BUILDERS:
                raise LookupError(f"no @out_of_scope builder registered for {label}")
            self._built[label] = OUT_OF_SCOPE_BUILDERS[label](self)
        return self._built[label]


@dataclass(frozen=True)
class ApiRoute:
    pattern: str
    view: type
    kwargs: tuple[str, ...]


def api_routes(prefix: str = "api/v1/", urlconf=None) -> list[ApiRoute]:
    routes: list[ApiRoute] = []

    def walk(patterns, base: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, base + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                full = base + str(entry.pattern)
                view = getattr(entry.callback, "cls", None) or getattr(
                    entry.callback, "view_class", None
                )
                if full.startswith(prefix) and view is not None:
                    routes.append(ApiRoute(full, view, tuple(entry.pattern.regex.groupindex)))

    walk(get_resolver(urlconf).url_patterns, "")
    return routes


def _url_for(route: ApiRoute, values: dict[str, object]) -> str:
    url = "/" + route.pattern
    for name in route.kwargs:
        for converter in ("int", "uuid", "str", "slug", "path", ""):
            token = f"<{converter}:{name}>" if converter else f"<{name}>"
            url = url.replace(token, str(values[name]))
    return url


def _ids_in(response) -> set[str]:
    try:
        data = json.loads(response.content)
    except ValueError:
        return set()
    rows = data.get("results", data) if isinstance(data, dict) else data
    if not isinstance(rows, list):
        return set()
    return {str(row.get("id")) for row in rows if isinstance(row, dict)}


def check_api_scoping(world: ScopeWorld, routes: list[ApiRoute]) -> list[str]:
    """Every problem found walking ``routes`` as anonymous, every role and the inactive user."""
    problems: list[str] = []
    world.furnish()
    clients = world.clients()
    for route in routes:
        view = route.view
        public = getattr(view, "public", False)
        exempt = getattr(view, "scope_exempt", "")
        scoped_model = getattr(view, "scoped_model", None)
        if scoped_model is None and not exempt and not public:
            problems.append(f"{route.pattern}: has no scoped_model and no scope_exempt reason")
            continue
        kwarg_models = dict(getattr(view, "url_kwarg_models", {}) or {})
        if "pk" in route.kwargs and "pk" not in kwarg_models and scoped_model is not None:
            kwarg_models["pk"] = scoped_model
        missing = [name for name in route.kwargs if name not in kwarg_models]
        if missing:
            problems.append(
                f"{route.pattern}: can't tell which model <{missing[0]}> refers to;"
                " set url_kwarg_models"
            )
            continue
        methods = [m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)]
        for who, client in clients.items():
            try:
                urls = [
                    _url_for(route, values)
                    for values in outsider_values(world, who, route.kwargs, kwarg_models)
                ]
                foreign = _foreign_ids(world, who, scoped_model, route.kwargs)
            except LookupError as exc:
                problems.append(f"{route.pattern}: {exc}")
                break
            for url in urls:
                for method in methods:
                    response = (
                        getattr(client, method)(url, content_type="application/json")
                        if method != "get"
                        else client.get(url)
                    )
                    problem = _answer_problem(route, public, who, method, url, response, foreign)
                    if problem:
                        problems.append(problem)
    return problems


def outsider_values(
    world: ScopeWorld, who: str, kwargs: tuple[str, ...], kwarg_models: dict
) -> list[dict[str, object]]:
    """URL values naming objects ``who`` must not reach: the other district's, and the
    neighbour's when every model in the URL is out of ``who``'s scope next door."""
    worlds = [world]
    if kwargs and all(
        len(world.outsiders(who, kwarg_models[name])) > 1 for name in kwargs if name in kwarg_models
    ):
        worlds.append(world.next_door())
    return [
        {name: place.outsider_object(kwarg_models[name]).pk for name in kwargs} for place in worlds
    ]


def _foreign_ids(
    world: ScopeWorld, who: str, scoped_model, kwargs: tuple[str, ...]
) -> dict[str, str]:
    """For a list route: the ids of ``scoped_model`` that must not appear, by name."""
    if kwargs or scoped_model is None:
        return {}
    return {str(obj.pk): scoped_model.__name__ for obj in world.outsiders(who, scoped_model)}


def _answer_problem(
    route: ApiRoute,
    public: bool,
    who: str,
    method: str,
    url: str,
    response,
    foreign: dict[str, str],
) -> str | None:
    """What is wrong with one answer to ``who`` calling ``method`` on the outsider's ``url``."""
    code = response.status_code
    if code >= 500:
        return f"{method.upper()} {url} as {who}: server error {code}"
    if who == "anonymous" and not public:
        return (
            None
            if code in (401, 403)
            else f"{method.upper()} {url} as anonymous: {code}, expected 401/403"
        )
    if route.kwargs and not public:
        if code in (403, 404):
            return None
        return f"{method.upper()} {url} as {who}: {code} for an out-of-scope object, expected 404"
    if method == "get" and code == 200:
        listed = sorted(set(foreign) & _ids_in(response))
        if listed:
            shown = ", ".join(f"{foreign[pk]} {pk}" for pk in listed)
            return f"GET {url} as {who}: lists out-of-scope {shown}"
    return None


# A complainant's file is read by exactly those who read its complaint.
NEXT_DOOR_ROLES["activity.complaintattachment"] = _OFFICER_LEVEL
