"""A district with nothing is set up by its coordinator alone, through the pages.

The coordinator of a new district (no school, no agency) logs in, follows the
checklist, adds a school and an agency, imports the agency's roster file, makes
the MOU and its training requirement, imports a training log whose "Completion
Status" skips a no-show, invites a principal; the principal opens the mailed link
on a phone, sets a password, logs in and sees their school. Every new page passes
axe; screenshots go to /tmp/shots/onboarding-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots")
PASSWORD = "correct horse battery"
PRINCIPAL_EMAIL = "r.alvarez@newtown.example"
PRINCIPAL_PASSWORD = "Lantern-orchard-42"
OFFICERS_FILE = (
    "Agency Code,Badge Number,Officer Name,School Code\n"
    "NPD,7001,Dana Whitfield,NHS\n"
    "NPD,7002,Marcus Ortega,NHS\n"
)
TRAINING_FILE = (
    "Badge,Course Code,Date,Hours,Completion Status\n"
    "7001,DE-8,2026-09-01,8,Completed\n"
    "7002,DE-8,2026-09-02,8,No Show\n"
)


def _new_district():
    """The state course catalog exists; the district has a coordinator and nothing else."""
    from tests.factories.roster import DistrictFactory, coordinator_of
    from tests.factories.training_records import CourseFactory
    from training_records.models import Category

    CourseFactory(
        code="DE-8",
        title="De-escalation in School Settings",
        category=Category.DE_ESCALATION,
        refresher_months=12,
    )
    district = DistrictFactory(code="NEWTOWN", name="Newtown Unified")
    coordinator_of(district, username="the-coordinator")
    return district


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"onboarding-{name}.png"), full_page=True)


def _submit(page) -> None:
    """Press the page's own form button (not the header's log-out form)."""
    with page.expect_navigation():
        page.locator("main form:has(input[name=csrfmiddlewaretoken]) [type=submit]").last.click()


def _checklist(page) -> dict[str, str]:
    """Step title -> "Done" or "Missing", as the checklist shows them."""
    rows = page.eval_on_selector_all(
        "main tbody tr",
        "rows => rows.map(r => [r.querySelector('th').firstChild.textContent.trim(),"
        " r.querySelector('.setup-status').textContent.trim()])",
    )
    return dict(rows)


def _open_checklist(page, live_server) -> dict[str, str]:
    page.goto(f"{live_server.url}/setup/")
    page.get_by_role("heading", name="Set up Newtown Unified").wait_for()
    return _checklist(page)


def test_a_coordinator_sets_up_a_new_district_and_a_principal_joins(
    live_server, page, phone_page, tmp_path, mailoutbox
) -> None:
    _new_district()

    # The home page points to the checklist, where everything is missing.
    log_in(page, live_server, "the-coordinator")
    page.get_by_role("link", name="Finish setting up Newtown Unified").click()
    page.get_by_role("heading", name="Set up Newtown Unified").wait_for()
    steps = _checklist(page)
    assert set(steps.values()) == {"Missing"}, steps
    assert_accessible(page)
    _shot(page, "01-setup")

    # A school, through the schools pages.
    page.get_by_role("link", name="Add a school").click()
    page.get_by_label("Code", exact=True).fill("NHS")
    page.get_by_label("Name", exact=True).fill("Newtown High School")
    page.get_by_label("Level").select_option(label="High")
    page.get_by_label("Enrollment").fill("1240")
    assert_accessible(page)
    _shot(page, "02-school-form")
    _submit(page)
    page.goto(f"{live_server.url}/setup/schools/")
    page.get_by_role("cell", name="Newtown High School").wait_for()
    assert_accessible(page)
    _shot(page, "03-schools")

    # An agency the district works with.
    page.goto(f"{live_server.url}/setup/agencies/new/")
    page.get_by_label("Code", exact=True).fill("NPD")
    page.get_by_label("Name", exact=True).fill("Newtown Police Department")
    page.get_by_label("Contact name").fill("Sgt. Lena Brooks")
    page.get_by_label("Contact email").fill("l.brooks@newtownpd.example")
    page.get_by_label("Contact phone").fill("555-0142")
    assert_accessible(page)
    _shot(page, "04-agency-form")
    _submit(page)
    page.goto(f"{live_server.url}/setup/agencies/")
    page.get_by_role("cell", name="Newtown Police Department").wait_for()
    assert_accessible(page)
    _shot(page, "05-agencies")

    steps = _open_checklist(page, live_server)
    assert steps["Schools"] == "Done"
    assert steps["Police agencies"] == "Done"

    # The agency's roster file: upload, preview (nothing stored yet), confirm.
    roster = tmp_path / "npd-roster.csv"
    roster.write_text(OFFICERS_FILE)
    page.get_by_role("link", name="Import the agency's roster file").click()
    page.locator("main input[type=file]").set_input_files(str(roster))
    assert_accessible(page)
    _shot(page, "06-roster-upload")
    _submit(page)
    page.get_by_text("Whitfield").first.wait_for()
    assert_accessible(page)
    _shot(page, "07-roster-preview")
    from roster.models import Officer

    assert Officer.objects.count() == 0, "the preview stored officers"
    with page.expect_navigation():
        page.locator("main form[action$='/confirm/'] [type=submit]").click()
    assert Officer.objects.filter(agency__code="NPD").count() == 2
    page.goto(f"{live_server.url}/officers/")
    page.get_by_text("Dana").first.wait_for()
    assert "Newtown High School" in page.locator("main").inner_text()

    # The MOU, then the training it requires on the catalog page it links to.
    page.goto(f"{live_server.url}/setup/mous/new/")
    page.get_by_label("Agency").select_option(label="Newtown Police Department")
    page.get_by_label("Effective date").fill("2026-07-01")
    page.get_by_label("End date").fill("2029-06-30")
    page.get_by_label("Next review date").fill("2027-05-01")
    assert_accessible(page)
    _shot(page, "08-mou-form")
    _submit(page)
    page.goto(f"{live_server.url}/setup/mous/")
    page.get_by_text("Newtown Police Department").first.wait_for()
    assert_accessible(page)
    _shot(page, "09-mous")
    with page.expect_navigation():
        page.locator("main a[href='/training/catalog/']").first.click()
    page.get_by_role("heading", name="Course catalog").wait_for()
    page.get_by_label("Course").select_option(label="DE-8 De-escalation in School Settings")
    page.get_by_label("Refresh every (months)").fill("12")
    page.get_by_role("button", name="Add the requirement").click()
    page.get_by_text("The requirement is added.").wait_for()

    # A training log: the no-show is skipped, with its reason, and not stored.
    log = tmp_path / "npd-training.csv"
    log.write_text(TRAINING_FILE)
    page.goto(f"{live_server.url}/training/imports/")
    page.get_by_label("Agency").select_option(label="Newtown Police Department")
    page.get_by_label("Training log (XLSX or CSV)").set_input_files(str(log))
    page.get_by_role("button", name="Upload and preview").click()
    page.get_by_text("No Show").first.wait_for()
    preview = page.locator("main").inner_text()
    assert re.search(r"1 rows? skipped", preview), preview
    assert_accessible(page)
    _shot(page, "10-training-preview")
    page.get_by_role("button", name="Import 1 new records").click()
    page.get_by_text("Imported 1 records").wait_for()
    from training_records.models import TrainingRecord

    assert list(TrainingRecord.objects.values_list("officer__badge_number", flat=True)) == ["7001"]

    # A principal for the school, invited by email.
    page.goto(f"{live_server.url}/accounts/")
    assert_accessible(page)
    _shot(page, "11-people")
    page.goto(f"{live_server.url}/accounts/invite/")
    page.get_by_label("Email").fill(PRINCIPAL_EMAIL)
    page.get_by_label("Role").select_option(label="Principal")
    page.get_by_label("School").select_option(label="Newtown High School")
    assert_accessible(page)
    _shot(page, "12-invite")
    _submit(page)
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    invitation = mailoutbox[0]
    assert invitation.to == [PRINCIPAL_EMAIL]
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", invitation.body)
    assert link, invitation.body

    steps = _open_checklist(page, live_server)
    _shot(page, "13-setup-after")
    for title in [
        "Schools",
        "Police agencies",
        "Officers",
        "Assignments of officers to schools",
        "MOUs with the agencies",
        "Training the MOUs require",
    ]:
        assert steps[title] == "Done", (title, steps)

    # The principal, on their phone, in a browser of their own.
    accept = phone_page
    accept.goto(f"{live_server.url}{urlsplit(link.group(0)).path}")
    accept.get_by_label("New password", exact=True).fill(PRINCIPAL_PASSWORD)
    accept.get_by_label("New password confirmation").fill(PRINCIPAL_PASSWORD)
    assert_accessible(accept)
    _shot(accept, "14-accept-phone")
    _submit(accept)
    accept.get_by_role("button", name="Log out").click()
    log_in(accept, live_server, PRINCIPAL_EMAIL, password=PRINCIPAL_PASSWORD)
    accept.get_by_role("link", name="Officers you are responsible for").click()
    accept.get_by_text("Whitfield").first.wait_for()
    assert "Newtown High School" in accept.locator("main").inner_text()
    assert_accessible(accept)
    _shot(accept, "15-principal-officers-phone")
