"""Issue 20, red team: a complaint's files, its tracking code and the public report, tried
as an attacker would, against the real pages and API."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from activity.models import Complaint, ComplaintAttachment
from tests.activity.complaint_pages import form_key
from tests.activity.report_world import ReportWorld
from tests.factories.roster import (
    AgencyFactory,
    coordinator_of,
    principal_of,
    supervisor_of,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _send(client: Client, world, files, **extra):
    data = {
        "form_key": form_key(client),
        "source": "family",
        "contact_name": "Rosa Pérez",
        "contact_email": "rosa@example.org",
        "allegations": ["force"],
        "school": world.school.pk,
        "officer": world.officer.pk,
        "account": "The officer grabbed my son's arm; photo attached.",
        "attachments": files,
        **extra,
    }
    return client.post("/public/complaints/HOME/", data)


def _one_file(world, name: str, content: bytes = PNG) -> ComplaintAttachment:
    response = _send(Client(), world, [SimpleUploadedFile(name, content)])
    assert response.status_code == 303
    return ComplaintAttachment.objects.get()


# --- A complaint's files ---------------------------------------------------------


def test_no_role_outside_the_complaint_lists_its_files_through_the_api(world, api_for) -> None:
    _one_file(world, "arm.png")
    complaint = Complaint.objects.get()
    outsiders = [
        world.users["officer"],  # the officer complained about
        coordinator_of(world.other_district),
        principal_of(world.other_school),
        supervisor_of(world.other_agency, world.other_district),
        # A supervisor of another agency working in the same district.
        supervisor_of(AgencyFactory(code="ELSEPD"), world.district),
    ]
    for user in outsiders:
        api = api_for(user)
        assert api.get(f"/api/v1/activity/complaints/{complaint.pk}/").status_code == 404
        listed = api.get("/api/v1/activity/complaints/").json()
        rows = listed["results"] if isinstance(listed, dict) else listed
        assert complaint.pk not in [row["id"] for row in rows], user


def test_a_principal_of_another_school_of_the_district_reads_no_file(world, client_for) -> None:
    attachment = _one_file(world, "arm.png")
    principal = principal_of(world.next_door().next_school)

    client = client_for(principal)
    assert client.get(f"/activity/complaints/attachments/{attachment.pk}/").status_code == 404
    assert client.get(f"/activity/complaints/{attachment.complaint_id}/").status_code == 404


def test_the_stored_file_is_not_served_from_media(world) -> None:
    attachment = _one_file(world, "arm.png")

    assert Client().get(f"/media/{attachment.file.name}").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        'arm".png',
        "arm\r\nSet-Cookie: stolen=1.png",
        "../../../etc/passwd.png",
        "arm.png\";filename*=UTF-8''evil.html",
    ],
)
def test_a_hostile_file_name_is_neither_a_path_nor_a_header(world, client_for, name) -> None:
    attachment = _one_file(world, name)

    response = client_for(world.users["coordinator"]).get(
        f"/activity/complaints/attachments/{attachment.pk}/"
    )

    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert "Set-Cookie" not in {k.title() for k in response.headers}
    assert not response.cookies
    assert ".." not in attachment.file.name
    assert "/" not in attachment.original_name
    # One filename parameter the browser will use, ending as the file was checked.
    assert disposition.count("filename") == 1
    assert disposition.endswith('.png"'), disposition


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"<html><script>alert(1)</script></html>"),
        ("evidence.html", b"<html><script>alert(1)</script></html>"),
        ("map.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_html_and_svg_are_only_ever_downloaded_as_plain_text_files(
    world, client_for, name, content
) -> None:
    attachment = _one_file(world, name, content)

    response = client_for(world.users["coordinator"]).get(
        f"/activity/complaints/attachments/{attachment.pk}/"
    )

    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.txt"'


def test_a_png_html_polyglot_is_only_ever_a_png_download(world, client_for) -> None:
    attachment = _one_file(world, "x.html", PNG + b"<html><script>alert(1)</script>")

    response = client_for(world.users["coordinator"]).get(
        f"/activity/complaints/attachments/{attachment.pk}/"
    )

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- The tracking code --------------------------------------------------------------


def test_the_tracking_code_is_in_no_address_or_header_on_the_way(world, mailoutbox) -> None:
    client = Client()
    response = _send(client, world, [])
    hops = [response]
    while hops[-1].status_code in (301, 302, 303):
        hops.append(client.get(hops[-1]["Location"]))
    page = hops[-1].content.decode()
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", page)
    assert code, "the received page shows the code"
    for hop in hops:
        for header, value in hop.headers.items():
            assert code.group(0) not in value, header
    # Looking it up: the code is posted, and the page it lands on has none in its address.
    lookup = client.post("/public/complaints/track/", {"code": code.group(0)})
    assert lookup.status_code == 303
    assert code.group(0) not in lookup["Location"]
    assert code.group(0).replace("-", "") not in lookup["Location"]


def test_a_code_typed_into_the_address_is_not_echoed(world) -> None:
    client = Client()
    for url in ("/public/complaints/track/", "/s/", "/public/complaints/HOME/"):
        html = client.get(url + "?code=ZZZZ-QQQQ-XXXX&next=ZZQQ").content.decode()
        assert "ZZZZ-QQQQ-XXXX" not in html, url
        assert "ZZQQ" not in html, url


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "http:/\\/evil.example",
        "javascript:alert(1)",
    ],
)
def test_the_language_switch_never_leaves_the_site(target) -> None:
    response = Client().post("/i18n/setlang/", {"language": "es", "next": target})

    assert response.status_code in (302, 204)
    location = response.headers.get("Location", "/")
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "evil.example" not in location
    assert "javascript" not in location


# --- The public report --------------------------------------------------------------


def _csv_values(response) -> list[tuple[str, str, str, str]]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [(r[0], r[2], r[4]) for r in rows[1:] if r[0] not in ("about",)]


def test_the_spanish_csv_shows_no_figure_the_english_one_hides() -> None:
    world = ReportWorld()
    english = _csv_values(Client().get(world.url(fmt="csv") + "?lang=en"))
    spanish = _csv_values(Client().get(world.url(fmt="csv") + "?lang=es"))

    assert len(english) == len(spanish)
    for en, es in zip(english, spanish, strict=True):
        # A figure is the same figure; a hidden one is hidden in both.
        if en[2].replace(".", "").isdigit():
            assert es[2].replace(",", ".") == en[2], (en, es)
        else:
            assert not es[2].replace(",", "").replace(".", "").isdigit(), (en, es)
