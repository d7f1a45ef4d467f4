"""Filing a complaint through the public pages, as a browser would: the form first
(which sets its tracking code aside in the session), then the post, then the redirect."""

from __future__ import annotations

import re

from django.test import Client

CODE = re.compile(r'id="tracking-code">([0-9A-Z-]{14})<')
FORM_KEY = re.compile(r'name="form_key" value="([^"]+)"')
FORM_URL = "/public/complaints/HOME/"
RECEIVED_URL = "/public/complaints/HOME/received/"
TRACK_URL = "/public/complaints/track/"


def complaint_data(world, **extra) -> dict:
    return {
        "source": "anonymous",
        "allegations": ["force", "discourtesy"],
        "school": world.school.pk,
        "officer": world.officer.pk,
        "account": "He pushed a student into the lockers.",
        **extra,
    }


def form_key(client: Client, **headers) -> str:
    page = client.get(FORM_URL, **headers)
    assert page.status_code == 200
    return FORM_KEY.search(page.content.decode()).group(1)


def post_complaint(
    client: Client, world, key: str | None = None, headers=None, follow=False, **extra
):
    """Open the form (unless ``key`` is given), then send it; the answer to the post
    (with ``follow``, the page it redirects to: a refused form comes back by a GET)."""
    headers = headers or {}
    key = form_key(client, **headers) if key is None else key
    data = {"form_key": key, **complaint_data(world, **extra)}
    return client.post(FORM_URL, data, follow=follow, **headers)


def file_complaint(client: Client, world, headers=None, **extra) -> str:
    """Send a complaint and follow the redirect; the tracking code shown once."""
    headers = headers or {}
    response = post_complaint(client, world, headers=headers, **extra)
    assert response.status_code == 303, response.content.decode()[:2000]
    assert response["Location"] == RECEIVED_URL
    page = client.get(RECEIVED_URL, **headers).content.decode()
    return CODE.search(page).group(1)


def look_up(client: Client, code: str, **headers):
    """Post a code to the tracking page and follow the redirect; the status page."""
    posted = client.post(TRACK_URL, {"code": code}, **headers)
    assert posted.status_code == 303, posted.content.decode()[:2000]
    assert posted["Location"] == TRACK_URL
    return client.get(TRACK_URL, **headers)
