"""A complaint on a phone: in Spanish with a photo, its tracking code, and its
tracking page with the step dates; English by keyboard only. Axe (moderate and up)
and 44 px touch targets on every step."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import MODERATE, assert_accessible, assert_touch_targets

pytestmark = pytest.mark.django_db(transaction=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Screenshots for a person to look at: set SCREENSHOTS=/some/dir.
SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _check(page, name: str) -> None:
    assert_accessible(page, MODERATE)
    assert_touch_targets(page)
    _shot(page, name)


def _world():
    from tests.scoping import ScopeWorld

    world = ScopeWorld.build()
    world.district.public_contact_name = "Oficina de Quejas"
    world.district.public_contact_email = "quejas@example.org"
    world.district.public_contact_phone = "555-0100"
    world.district.save()
    return world


def test_a_family_files_a_complaint_with_a_photo_in_spanish_and_tracks_it(
    live_server, phone_page_es, mailoutbox, tmp_path
) -> None:
    from activity.models import Complaint
    from activity.services.complaints import complaint_update

    world = _world()
    photo = tmp_path / "brazo.png"
    photo.write_bytes(PNG)
    page = phone_page_es

    page.goto(f"{live_server.url}/public/complaints/HOME/")
    page.get_by_role(
        "heading", name="Presentar una queja sobre un oficial de recursos escolares"
    ).wait_for()
    assert page.locator("html").get_attribute("lang") == "es"
    _check(page, "es-1-form")
    page.get_by_label("De forma anónima").check()
    assert not page.get_by_label("Su nombre (opcional)").is_visible()  # hidden by CSS
    _shot(page, "es-1b-anonymous")
    page.get_by_label("Madre, padre u otro familiar").check()
    assert page.get_by_label("Su nombre (opcional)").is_visible()
    page.get_by_label("Su nombre (opcional)").fill("Rosa Pérez")
    page.get_by_label("Su correo electrónico (opcional)").fill("rosa@example.org")
    page.get_by_label("Uso de la fuerza").check()
    page.get_by_label("Escuela", exact=True).select_option(str(world.school.pk))
    page.get_by_label("¿Qué pasó?").fill("El oficial le jaló el brazo a mi hijo en el pasillo.")
    page.get_by_label("Archivos (opcional)").set_input_files(str(photo))
    _shot(page, "es-2-filled")
    page.get_by_role("button", name="Enviar la queja").click()

    page.get_by_role("heading", name="Recibimos su queja").wait_for()
    code = page.locator("#tracking-code").inner_text()
    assert "/received/" in page.url
    assert code not in page.url
    _check(page, "es-3-received")
    complaint = Complaint.objects.get()
    assert [a.original_name for a in complaint.attachments.all()] == ["brazo.png"]
    assert len(mailoutbox) == 1
    assert code in mailoutbox[0].body
    assert "Su código de seguimiento es:" in mailoutbox[0].body

    page.reload()
    page.get_by_role("heading", name="Recibimos su queja").wait_for()
    assert code not in page.content()  # shown once

    page.get_by_role("link", name="Ver en qué etapa está una queja").click()
    page.get_by_role("heading", name="Ver en qué etapa está una queja").wait_for()
    _check(page, "es-4-track")
    page.get_by_label("Código de seguimiento").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Ver la etapa").click()
    page.get_by_text("No hay ninguna queja con ese código").wait_for()
    assert page.get_by_label("Código de seguimiento").input_value() == "ZZZZ-ZZZZ-ZZZZ"
    _check(page, "es-5-not-found")

    complaint_update(
        complaint=complaint,
        actor=world.users["coordinator"],
        status="investigating",
        on=complaint.received_date,
    )
    page.get_by_label("Código de seguimiento").fill(code.lower())
    page.get_by_role("button", name="Ver la etapa").click()
    page.get_by_role("heading", name="Etapa: En investigación").wait_for()
    assert code not in page.url
    steps = page.locator(".steps li").all_inner_texts()
    assert steps[0].startswith("Recibida")
    assert " de " in steps[0]
    assert steps[1].startswith("Inicio de la investigación")
    assert " de " in steps[1]
    assert "Todavía no" in steps[2]
    assert "brazo.png" not in page.content()
    assert "Rosa" not in page.content()
    _check(page, "es-6-tracked")

    page.go_back()  # the lookup was a POST then a redirect: Back never re-posts
    assert page.get_by_role("heading", level=1).inner_text() != ""


def test_a_complaint_by_keyboard_only_in_english(live_server, phone_page) -> None:
    from activity.models import Complaint

    _world()
    page = phone_page

    page.goto(f"{live_server.url}/public/complaints/HOME/")
    page.get_by_role("heading", name="Make a complaint about a School Resource Officer").wait_for()
    _check(page, "en-1-form")

    def tab_to(selector: str, limit: int = 60) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(
                "s => document.activeElement && document.activeElement.matches(s)", selector
            ):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("input[name=source]")
    for _ in range(4):  # arrows move through the radio group to Anonymous
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "anonymous"
    page.keyboard.press("Space")
    tab_to("input[name=allegations][value=discourtesy]")
    page.keyboard.press("Space")
    tab_to("textarea[name=account]")
    page.keyboard.type("The officer mocked my friend in the cafeteria.")
    tab_to("button[type=submit]")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Your complaint was received").wait_for()
    code = page.locator("#tracking-code").inner_text()
    _check(page, "en-2-received")
    complaint = Complaint.objects.get()
    assert complaint.source == "anonymous"
    assert complaint.allegations == ["discourtesy"]

    tab_to("a[href='/public/complaints/track/']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Check the status of a complaint").wait_for()
    tab_to("input[name=code]")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Status: Received").wait_for()
    _check(page, "en-3-tracked")
