"""The public complaint pages: Post/Redirect/Get with the code never in a URL, a code
shown once, a double click filing one complaint, Anonymous refusing contact details,
tracking steps with their dates, and everything in Spanish too."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from activity.models import Complaint
from activity.services.complaints import complaint_update
from activity.tracking_codes import hash_tracking_code
from core.dates import today
from tests.activity.complaint_pages import (
    CODE,
    FORM_URL,
    RECEIVED_URL,
    TRACK_URL,
    file_complaint,
    form_key,
    look_up,
    post_complaint,
)
from tests.translation_checks import assert_translated, untranslated

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_sent_complaint_redirects_to_a_page_that_shows_its_code_once(world) -> None:
    client = Client()

    sent = post_complaint(client, world)

    assert sent.status_code == 303
    assert sent["Location"] == RECEIVED_URL
    first = client.get(RECEIVED_URL).content.decode()
    code = CODE.search(first).group(1)
    assert code not in sent["Location"]
    again = client.get(RECEIVED_URL).content.decode()
    assert code not in again
    assert "The tracking code was shown once" in again
    assert Complaint.objects.get().tracking_code_shown


def test_the_code_is_never_in_the_form_page_and_the_form_is_never_cached(world) -> None:
    client = Client()
    page = client.get(FORM_URL)

    pending = next(iter(client.session["complaints.pending_codes"].values()))
    assert pending not in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert 'enctype="multipart/form-data"' in page.content.decode()


def test_a_double_clicked_submit_files_one_complaint_and_shows_its_code(world) -> None:
    client = Client()
    key = form_key(client)

    first = post_complaint(client, world, key=key)
    second = post_complaint(client, world, key=key)

    assert (first.status_code, second.status_code) == (303, 303)
    assert Complaint.objects.count() == 1
    code = CODE.search(client.get(RECEIVED_URL).content.decode()).group(1)
    assert Complaint.objects.get().tracking_code_hash == hash_tracking_code(code)


def test_the_received_page_forgets_the_code_set_aside_for_the_form(world) -> None:
    # The plain code lives in the session only until it is shown: afterwards only
    # its hash exists anywhere, as for every other complaint.
    client = Client()
    code = file_complaint(client, world)

    assert code not in str(dict(client.session.items()))


def test_a_second_complaint_from_a_fresh_form_is_its_own(world) -> None:
    client = Client()

    first = file_complaint(client, world)
    second = file_complaint(client, world, account="Another day, another push.")

    assert first != second
    assert Complaint.objects.count() == 2


def test_a_form_sent_without_its_key_still_files_one_complaint(world) -> None:
    # An expired session: no code was set aside, so one is made on the spot.
    client = Client()

    sent = post_complaint(client, world, key="")

    assert sent.status_code == 303
    assert CODE.search(client.get(RECEIVED_URL).content.decode())
    assert Complaint.objects.count() == 1


def test_another_browser_never_sees_the_code(world) -> None:
    post_complaint(Client(), world)

    page = Client().get(RECEIVED_URL).content.decode()

    assert CODE.search(page) is None


@pytest.mark.parametrize(
    "contact",
    [
        {"contact_name": "Rosa Pérez"},
        {"contact_email": "rosa@example.org"},
        {"contact_phone": "555 0100"},
    ],
)
def test_anonymous_with_contact_details_is_refused_and_the_details_stay_visible(
    world, contact
) -> None:
    client = Client()
    sent = post_complaint(client, world, source="anonymous", **contact)
    assert sent.status_code == 303  # refused, and sent back by a redirect
    assert sent["Location"] == FORM_URL
    response = client.get(FORM_URL)

    assert response.status_code == 400
    html = response.content.decode()
    assert "You chose Anonymous but also gave contact details" in html
    assert "complaint-form contact-conflict" in html  # the CSS shows the fields again
    assert next(iter(contact.values())) in html  # kept, for the person to remove
    assert Complaint.objects.count() == 0


def test_the_form_hides_contact_fields_under_anonymous_with_css_only(world) -> None:
    html = Client().get(FORM_URL).content.decode()

    assert 'class="complaint-form"' in html
    assert '<fieldset class="contact-fields">' in html
    assert "<script" not in html
    css = Path("activity/static/activity/complaints.css").read_text()
    assert (
        ".complaint-form:not(.contact-conflict):has(input[name=source][value=anonymous]:checked)"
        " .contact-fields { display: none; }"
    ) in css


def test_a_named_complaint_keeps_its_contact(world) -> None:
    file_complaint(Client(), world, source="family", contact_name="Rosa Pérez")

    assert Complaint.objects.get().contact_name == "Rosa Pérez"


def test_the_tracking_lookup_redirects_and_shows_the_steps_with_dates(world) -> None:
    client = Client()
    code = file_complaint(client, world)
    complaint = Complaint.objects.get()
    complaint_update(
        complaint=complaint,
        actor=world.users["coordinator"],
        status="investigating",
        on=complaint.received_date,
    )

    posted = client.post(TRACK_URL, {"code": code})

    assert posted.status_code == 303
    assert posted["Location"] == TRACK_URL
    html = client.get(TRACK_URL).content.decode()
    assert "Status: Under investigation" in html
    assert html.count(complaint.received_date.strftime("%b")) >= 2  # received and started
    assert "Investigators are finding out what happened" in html
    assert "Not yet" in html  # closed
    assert code not in html


def test_a_closed_complaint_shows_its_outcome_in_plain_words(world) -> None:
    client = Client()
    code = file_complaint(client, world)
    complaint = Complaint.objects.get()
    coordinator = world.users["coordinator"]
    complaint_update(complaint=complaint, actor=coordinator, status="investigating")
    complaint_update(
        complaint=complaint,
        actor=coordinator,
        status="not_sustained",
        findings="Nobody else saw it; the camera was off.",
        on=today(),
    )

    html = look_up(client, code).content.decode()

    assert "Outcome: Not sustained" in html
    assert "could not find enough evidence" in html
    assert "The complaint is closed" in html
    assert "camera was off" not in html


def test_a_lookup_is_forgotten_after_a_while(world, monkeypatch) -> None:
    client = Client()
    code = file_complaint(client, world)
    look_up(client, code)

    import activity.views.public_complaints as views

    later = views.time.time() + views.TRACKED_SECONDS + 1
    monkeypatch.setattr(views.time, "time", lambda: later)

    assert "Status:" not in client.get(TRACK_URL).content.decode()


def test_a_mistyped_code_stays_in_the_field(world) -> None:
    response = Client().post(TRACK_URL, {"code": "7K2M-QX4P-9D3Z"}, follow=True)

    assert response.status_code == 400
    assert 'value="7K2M-QX4P-9D3Z"' in response.content.decode()


def test_the_form_and_its_pages_are_in_spanish(world) -> None:
    client = Client()
    allowed = {world.district.name, world.school.name, "HOME"}
    allowed |= {f"{world.officer.first_name} {world.officer.last_name} ({world.agency.name})"}

    assert_translated(client, FORM_URL, allowed=allowed)
    assert_translated(client, TRACK_URL)
    assert_translated(client, RECEIVED_URL)  # without a code: a reload


def test_the_received_page_with_its_code_is_in_spanish(world) -> None:
    pages = {}
    for name, headers in (("en", EN), ("es", ES)):
        client = Client()
        post_complaint(
            client, world, headers=headers, source="family", contact_email="r@example.org"
        )
        pages[name] = client.get(RECEIVED_URL, **headers).content.decode()
    codes = {CODE.search(page).group(1) for page in pages.values()}

    assert "Recibimos su queja" in pages["es"]
    assert "También le enviamos el código" in pages["es"]
    assert not untranslated(pages["en"], pages["es"], codes)


def test_tracking_found_and_not_found_are_in_spanish(world) -> None:
    client = Client()
    code = file_complaint(client, world)
    look_up(client, code)
    allowed = {world.district.name}

    assert_translated(client, TRACK_URL, allowed=allowed)
    found = client.get(TRACK_URL, **ES).content.decode()
    assert "Etapa: Recibida" in found
    assert "Lo que sigue" in found

    missing = {
        name: Client()
        .post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"}, follow=True, **headers)
        .content.decode()
        for name, headers in (("en", EN), ("es", ES))
    }
    assert "No hay ninguna queja con ese código" in missing["es"]
    assert not untranslated(missing["en"], missing["es"])


def test_refusals_and_throttling_are_in_spanish(world) -> None:
    allowed = {world.district.name, world.school.name, "HOME", "Rosa"}
    allowed.add("He pushed a student into the lockers.")  # what the person typed
    allowed |= {f"{world.officer.first_name} {world.officer.last_name} ({world.agency.name})"}
    refused = {
        name: post_complaint(
            Client(), world, headers=headers, follow=True, contact_name="Rosa"
        ).content.decode()
        for name, headers in (("en", EN), ("es", ES))
    }
    assert "Usted eligió «De forma anónima»" in refused["es"]
    assert not untranslated(refused["en"], refused["es"], allowed)

    throttled = {}
    for name, headers in (("en", EN), ("es", ES)):
        client = Client(REMOTE_ADDR=f"10.0.0.{len(throttled) + 1}")
        for _ in range(20):
            client.post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"})
        page = client.post(TRACK_URL, {"code": "AAAA-BBBB-CCCC"}, **headers)
        assert page.status_code == 429
        throttled[name] = page.content.decode()
    assert not untranslated(throttled["en"], throttled["es"])


def test_a_refused_form_comes_back_once_through_a_get(world) -> None:
    client = Client()
    post_complaint(client, world, allegations=[], account="Kept while I fix it.")

    first = client.get(FORM_URL).content.decode()
    again = client.get(FORM_URL).content.decode()

    assert "Kept while I fix it." in first
    assert "The complaint was not sent" in first
    assert "Kept while I fix it." not in again  # a fresh form afterwards
    assert "The complaint was not sent" not in again


def test_a_service_refusal_comes_back_with_its_reason(world) -> None:
    from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory

    stranger = OfficerFactory(agency=world.agency)
    AssignmentFactory(officer=stranger, school=SchoolFactory(district=world.district))

    response = post_complaint(Client(), world, officer=stranger.pk, follow=True)

    assert response.status_code == 400
    assert "That officer has not served at that school." in response.content.decode()
    assert Complaint.objects.count() == 0
