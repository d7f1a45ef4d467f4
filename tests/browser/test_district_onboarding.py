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


def _field(page, label: str):
    """The input labelled ``label`` exactly (Django's label tags add a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _press(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def _checklist(page) -> dict[str, str]:
    """Step title -> "Done" or "Missing", as the checklist shows them."""
    rows = page.eval_on_selector_all(
        "main li.task",
        "steps => steps.map(s => [s.querySelector('strong').textContent.trim(),"
        " s.querySelector('.setup-status').textContent.trim()])",
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
    # The settings have working defaults; everything else is missing.
    assert steps.pop("District settings") == "Done"
    assert set(steps.values()) == {"Missing"}, steps
    assert_accessible(page)
    _shot(page, "01-setup")
    page.get_by_role("link", name="Review the settings").click()
    page.get_by_role("heading", name=re.compile("Newtown Unified")).wait_for()
    assert_accessible(page)
    _shot(page, "01b-district-settings")
    page.go_back()

    # A school, through the schools pages.
    page.get_by_role("link", name="Add a school").click()
    _field(page, "Code").fill("NHS")
    _field(page, "Name").fill("Newtown High School")
    _field(page, "Level").select_option(label="High")
    _field(page, "Enrollment").fill("1240")
    assert_accessible(page)
    _shot(page, "02-school-form")
    _press(page, "Add the school")
    page.get_by_text("The school Newtown High School (NHS) was added.").wait_for()
    assert_accessible(page)
    _shot(page, "03-schools")

    # An agency the district works with.
    page.goto(f"{live_server.url}/setup/")
    page.get_by_role("link", name="Add an agency").click()
    _field(page, "Code").fill("NPD")
    _field(page, "Name").fill("Newtown Police Department")
    _field(page, "Contact name").fill("Sgt. Lena Brooks")
    _field(page, "Contact email").fill("l.brooks@newtownpd.example")
    _field(page, "Contact phone").fill("555-0142")
    assert_accessible(page)
    _shot(page, "04-agency-form")
    _press(page, "Add the agency")
    page.get_by_text("The agency Newtown Police Department (NPD) was added.").wait_for()
    assert_accessible(page)
    _shot(page, "05-agencies")

    steps = _open_checklist(page, live_server)
    assert steps["Schools"] == "Done"
    assert steps["Police agencies"] == "Done"

    # The agency's roster file: upload, preview (nothing stored yet), confirm.
    roster = tmp_path / "npd-roster.csv"
    roster.write_text(OFFICERS_FILE)
    page.get_by_role("link", name="Import the agency's roster file").click()
    page.get_by_role("heading", name="Import schools or officers").wait_for()
    _field(page, "Roster file (XLSX or CSV)").set_input_files(str(roster))
    assert_accessible(page)
    _shot(page, "06-roster-upload")
    _press(page, "Upload and preview")
    page.get_by_role("heading", name="npd-roster.csv").wait_for()
    assert "Whitfield" in page.get_by_role("table").inner_text()
    assert_accessible(page)
    _shot(page, "07-roster-preview")
    from roster.models import Officer

    assert Officer.objects.count() == 0, "the preview stored officers"
    _press(page, "Import 2 rows")
    page.get_by_text("Imported npd-roster.csv: 2 new").wait_for()
    assert Officer.objects.filter(agency__code="NPD").count() == 2
    page.goto(f"{live_server.url}/officers/")
    page.get_by_text("Whitfield").first.wait_for()
    assert "Newtown High School" in page.locator("main").inner_text()

    # The MOU, then the training it requires on the catalog page it links to.
    page.goto(f"{live_server.url}/setup/")
    page.get_by_role("link", name="Add an MOU").click()
    _field(page, "Agency").select_option(label="Newtown Police Department")
    _field(page, "Effective date").fill("2026-07-01")
    _field(page, "End date").fill("2029-06-30")
    _field(page, "Next review date").fill("2027-05-01")
    assert_accessible(page)
    _shot(page, "08-mou-form")
    _press(page, "Record the MOU")
    page.get_by_text("The MOU with Newtown Police Department was recorded.").wait_for()
    assert_accessible(page)
    _shot(page, "09-mou")
    page.goto(f"{live_server.url}/setup/mous/")
    page.get_by_role("link", name="Newtown Police Department").wait_for()
    assert_accessible(page)
    _shot(page, "09b-mous")
    page.get_by_role("link", name="Newtown Police Department").click()
    page.get_by_role("link", name="course catalog").click()
    page.get_by_role("heading", name="Course catalog").wait_for()
    _field(page, "Course").select_option(label="DE-8 De-escalation in School Settings")
    _field(page, "Refresh every (months)").fill("12")
    _press(page, "Add the requirement")
    page.get_by_text("The requirement is added.").wait_for()

    # The school year the evaluations and surveys will belong to.
    page.goto(f"{live_server.url}/setup/")
    page.get_by_role("link", name="School years").click()
    _field(page, "School year").fill("2026-27")
    _field(page, "First day").fill("2026-08-01")
    _field(page, "Last day").fill("2027-07-31")
    assert_accessible(page)
    _shot(page, "09c-school-years")
    _press(page, "Add the school year")
    page.get_by_text("The school year 2026-27 was added.").wait_for()

    # A training log: the no-show is skipped, with its reason, and not stored.
    log = tmp_path / "npd-training.csv"
    log.write_text(TRAINING_FILE)
    page.goto(f"{live_server.url}/training/imports/")
    _field(page, "Agency").select_option(label="Newtown Police Department")
    _field(page, "Training log (XLSX or CSV)").set_input_files(str(log))
    _press(page, "Upload and preview")
    page.get_by_text("No Show").first.wait_for()
    preview = page.locator("main").inner_text()
    assert re.search(r"\b1 rows? skipped", preview), preview
    assert_accessible(page)
    _shot(page, "10-training-preview")
    _press(page, "Import 1 new records")
    page.get_by_text("Imported 1 records").wait_for()
    from training_records.models import TrainingRecord

    assert list(TrainingRecord.objects.values_list("officer__badge_number", flat=True)) == ["7001"]

    # A principal for the school, invited by email.
    page.goto(f"{live_server.url}/setup/")
    page.get_by_role("link", name="Invite someone").click()
    _field(page, "Email").fill(PRINCIPAL_EMAIL)
    _field(page, "Role").select_option(label="Principal")
    _field(page, "School").select_option(label="Newtown High School")
    assert_accessible(page)
    _shot(page, "11-invite")
    _press(page, "Send the invitation")
    page.get_by_role("heading", name="People", exact=True).wait_for()
    assert PRINCIPAL_EMAIL in page.locator("main").inner_text()
    assert_accessible(page)
    _shot(page, "12-people")
    # The live server runs in a thread of this process, so the locmem backend's
    # outbox (pytest-django's mailoutbox) holds the mail it sent after commit.
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    invitation = mailoutbox[0]
    assert invitation.to == [PRINCIPAL_EMAIL]
    link = re.search(r"/accounts/invitations/[^/\s]+/", invitation.body)
    assert link, invitation.body

    steps = _open_checklist(page, live_server)
    _shot(page, "13-setup-after")
    assert steps["People"] == "Missing", "an invitation is not yet access"
    for title in [
        "Schools",
        "Police agencies",
        "Officers",
        "Assignments of officers to schools",
        "MOUs with the agencies",
        "Training the MOUs require",
        "A school year (evaluation period)",
    ]:
        assert steps[title] == "Done", (title, steps)

    # The principal, on their phone, in a browser of their own.
    accept = phone_page
    accept.goto(f"{live_server.url}{link.group(0)}")
    accept.get_by_role("heading", name="Join Newtown Unified").wait_for()
    assert _field(accept, "Username").input_value() == PRINCIPAL_EMAIL
    _field(accept, "Password").fill(PRINCIPAL_PASSWORD)
    _field(accept, "Password again").fill(PRINCIPAL_PASSWORD)
    assert_accessible(accept)
    _shot(accept, "14-accept-phone")
    _press(accept, "Create my account")
    _press(accept, "Log out")
    log_in(accept, live_server, PRINCIPAL_EMAIL, password=PRINCIPAL_PASSWORD)
    accept.get_by_role("link", name="Officers you are responsible for").click()
    accept.get_by_text("Whitfield").first.wait_for()
    assert "Newtown High School" in accept.locator("main").inner_text()
    assert_accessible(accept)
    _shot(accept, "15-principal-officers-phone")

    # The coordinator's checklist now counts the principal, whose access is a
    # membership the coordinator can open; the token page is everyone's.
    assert _open_checklist(page, live_server)["People"] == "Done"
    page.goto(f"{live_server.url}/accounts/")
    page.get_by_role("link", name=re.compile(re.escape(PRINCIPAL_EMAIL))).first.click()
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    _shot(page, "16-membership")
    page.goto(f"{live_server.url}/accounts/tokens/")
    page.get_by_role("heading", name="Your API tokens").wait_for()
    assert_accessible(page)
