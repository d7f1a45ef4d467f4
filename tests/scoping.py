"""A two-district world and the route-by-role scope check.

``ScopeWorld`` puts one person of every role in the home district and builds, on
request, objects of any model in the *other* district: nobody at home may see
them. Each app registers how to build its models there with
``@out_of_scope(Model)`` in its factories module, so the route check can fill any
URL's ids with an object the caller must not reach.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from roster.models import Role
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
    _built: dict[str, models.Model] = field(default_factory=dict)

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
        # A name nothing else on a page contains, so "not in page" checks can't pass or fail by chance.
        world.other_officer = OfficerFactory(
            agency=world.other_agency, first_name="Ximena", last_name="Okonkwo-Thorne"
        )
        AssignmentFactory(officer=world.other_officer, school=world.other_school)
        world.other_period = EvaluationPeriodFactory(district=world.other_district)
        return world

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
    """Every problem found walking ``routes`` as anonymous and as every role."""
    problems: list[str] = []
    clients = {"anonymous": Client()}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        clients[str(role)] = client

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
        try:
            values = {name: _outsider_pk(world, kwarg_models, name) for name in route.kwargs}
        except LookupError as exc:
            problems.append(f"{route.pattern}: {exc}")
            continue
        url = _url_for(route, values)
        methods = [m for m in ("get", "post", "put", "patch", "delete") if hasattr(view, m)]
        for who, client in clients.items():
            for method in methods:
                response = (
                    getattr(client, method)(url, content_type="application/json")
                    if method != "get"
                    else client.get(url)
                )
                problem = _answer_problem(
                    world, route, scoped_model, public, who, method, url, response
                )
                if problem:
                    problems.append(problem)
    return problems


def _outsider_pk(world: ScopeWorld, kwarg_models: dict, name: str) -> object:
    if name not in kwarg_models:
        raise LookupError(f"can't tell which model <{name}> refers to; set url_kwarg_models")
    return world.outsider_object(kwarg_models[name]).pk


def _answer_problem(
    world: ScopeWorld,
    route: ApiRoute,
    scoped_model,
    public: bool,
    who: str,
    method: str,
    url: str,
    response,
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
    if method == "get" and code == 200 and scoped_model is not None:
        foreign = str(world.outsider_object(scoped_model).pk)
        if foreign in _ids_in(response):
            return f"GET {url} as {who}: lists out-of-scope {scoped_model.__name__} {foreign}"
    return None
