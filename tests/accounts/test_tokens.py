"""API tokens (knox): new on every login, expiring, revocable one by one or all at once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from roster.models import Role
from tests.factories.accounts import api_token_for
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    """The login throttle counts in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()


PASSWORD = "s3cret-enough-pass"


def _login(world) -> str:
    user = world.users[Role.SUPERVISOR]
    user.set_password(PASSWORD)
    user.save()
    response = Client().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _me(token: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/").status_code


def test_each_login_makes_a_new_token_that_expires_and_only_its_digest_is_stored(world) -> None:
    first, second = _login(world), _login(world)

    assert first != second
    assert _me(first) == 200
    assert _me(second) == 200
    stored = ApiToken.objects.filter(user=world.users[Role.SUPERVISOR])
    assert stored.count() == 2
    for token in stored:
        assert first not in (token.digest, token.token_key)
        assert token.expiry > timezone.now() + datetime.timedelta(hours=9)


def test_a_wrong_password_gets_no_token(world) -> None:
    response = Client().post(
        "/api/v1/auth/token/", {"username": "the-supervisor", "password": "wrong"}
    )

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_with_401(world) -> None:
    token = _login(world)
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))

    assert _me(token) == 401


def test_the_token_lifetime_comes_from_the_settings(world, settings) -> None:
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(seconds=-1)}
    token = _login(world)

    assert _me(token) == 401


def test_logout_revokes_only_the_token_used(world) -> None:
    used, other = _login(world), _login(world)

    response = Client(HTTP_AUTHORIZATION=f"Token {used}").post("/api/v1/auth/logout/")

    assert response.status_code == 204
    assert _me(used) == 401
    assert _me(other) == 200


def test_logoutall_revokes_every_token_of_the_user(world) -> None:
    first, second = _login(world), _login(world)
    _, someone_elses = api_token_for(world.users[Role.PRINCIPAL])

    response = Client(HTTP_AUTHORIZATION=f"Token {first}").post("/api/v1/auth/logoutall/")

    assert response.status_code == 204
    assert _me(first) == 401
    assert _me(second) == 401
    assert _me(someone_elses) == 200


def test_the_token_list_shows_a_prefix_and_never_the_secret(world) -> None:
    token = _login(world)

    body = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/auth/tokens/")

    assert body.status_code == 200
    rows = body.json()["results"]
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "prefix", "created", "expiry"}
    assert token.startswith(rows[0]["prefix"])
    assert len(rows[0]["prefix"]) == 8
    assert token not in body.content.decode()
    assert ApiToken.objects.get().digest not in body.content.decode()


def test_the_owner_revokes_one_token_through_the_api(world) -> None:
    token, spare = _login(world), _login(world)
    spare_row = ApiToken.objects.get(token_key=spare[:15])

    response = Client(HTTP_AUTHORIZATION=f"Token {token}").delete(
        f"/api/v1/auth/tokens/{spare_row.pk}/"
    )

    assert response.status_code == 204
    assert _me(spare) == 401
    assert _me(token) == 200


def test_someone_elses_token_is_404_and_stays(world) -> None:
    token = _login(world)
    other, other_secret = api_token_for(coordinator_of(world.other_district))

    response = Client(HTTP_AUTHORIZATION=f"Token {token}").delete(
        f"/api/v1/auth/tokens/{other.pk}/"
    )

    assert response.status_code == 404
    assert _me(other_secret) == 200


def test_the_tokens_page_lists_and_revokes_the_users_own_tokens(world, client_for) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    row, secret = api_token_for(supervisor)
    _, foreign_secret = api_token_for(world.users[Role.PRINCIPAL])
    page = client_for(supervisor)

    listing = page.get("/accounts/tokens/").content.decode()
    assert row.prefix in listing
    assert secret not in listing
    assert foreign_secret[:8] not in listing

    response = page.post("/accounts/tokens/", {"token": row.pk})

    assert response.status_code == 302
    assert _me(secret) == 401


def test_the_tokens_page_cannot_revoke_someone_elses_token(world, client_for) -> None:
    other, other_secret = api_token_for(world.users[Role.PRINCIPAL])

    response = client_for(world.users[Role.SUPERVISOR]).post(
        "/accounts/tokens/", {"token": other.pk}
    )

    assert response.status_code == 404
    assert _me(other_secret) == 200


def test_web_logout_leaves_api_tokens_alone(world, client_for) -> None:
    supervisor = world.users[Role.SUPERVISOR]
    _, secret = api_token_for(supervisor)

    client_for(supervisor).post("/logout/")

    assert _me(secret) == 200


def test_the_token_login_is_throttled(world) -> None:
    client = Client()
    answers = [
        client.post("/api/v1/auth/token/", {"username": "nobody", "password": "x"}).status_code
        for _ in range(11)
    ]

    assert answers[:10] == [400] * 10
    assert answers[10] == 429


def test_the_token_list_costs_the_same_queries_for_many(
    world, django_assert_max_num_queries
) -> None:
    token = _login(world)
    for _ in range(15):
        api_token_for(world.users[Role.SUPERVISOR])

    with django_assert_max_num_queries(6):
        response = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/auth/tokens/")

    assert response.json()["count"] == 16
