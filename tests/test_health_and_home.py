from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.CELERY_BROKER_URL else "in-process")


def test_healthz_is_503_when_the_broker_is_down(client, settings) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_home_needs_login(client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_the_home_page_lists_each_roles_work(world, client_for) -> None:
    coordinator_page = client_for(world.users["coordinator"]).get("/").content.decode()
    principal_page = client_for(world.users["principal"]).get("/").content.decode()

    assert "Your district&#x27;s roster" in coordinator_page
    assert "Officers you are responsible for" in principal_page
    assert "1 officers" in principal_page


def test_api_docs_and_schema_are_served(client) -> None:
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_demo_loads_twice_without_duplicates(capsys) -> None:
    from django.core.management import call_command

    from roster.models import Membership, Officer, School

    call_command("demo", "--no-serve")
    counts = (School.objects.count(), Officer.objects.count(), Membership.objects.count())
    call_command("demo", "--no-serve")

    assert counts == (8, 20, 4)
    assert (School.objects.count(), Officer.objects.count(), Membership.objects.count()) == counts
    assert "principal" in capsys.readouterr().out


def test_a_database_outage_answers_503_not_500(world, client_for, monkeypatch) -> None:
    from django.db import OperationalError

    from roster import selectors

    def down(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(selectors, "officers_visible", down)
    client = client_for(world.users["principal"])
    client.raise_request_exception = False

    page = client.get("/officers/")
    api = client.get("/api/v1/officers/")

    assert page.status_code == 503
    assert page["Retry-After"] == "5"
    assert api.status_code == 503
    assert "briefly unavailable" in api.json()["detail"]


def test_the_stylesheet_is_served_without_collectstatic(client) -> None:
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)
