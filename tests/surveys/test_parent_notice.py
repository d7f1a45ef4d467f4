"""Parents' notice (PPRA): a tagged student survey opens only with its notice, and the
notice and opt-out form reach families in English and Spanish (page and letter)."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from core.audit import audit_history
from core.dates import today
from core.errors import ApplicationError
from roster.models import Role
from surveys.models import AccessCode, CodeBatch, OptOut, ParentNotice, RespondentGroup, Response
from surveys.services import RespondentError, ballot_for_code, codes_issue, response_submit
from surveys.services.notices import notice_save, opt_out_record
from tests.factories.surveys import (
    agree_answers,
    issue_codes,
    make_campaign,
    make_notice,
    tag_student_questions,
)
from tests.translation_checks import assert_translated

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT
TAGS = {"contact": ["illegal_behavior"], "feel_safe": ["mental_health"]}


@pytest.fixture
def tagged(world):
    """A student campaign whose survey touches two PPRA areas, with no notice yet."""
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        name="Spring student survey",
        with_notice=False,
    )
    tag_student_questions(campaign, TAGS)
    return campaign


def _code_printed_before_tagging(world):
    """A student code printed while no question was tagged (the default bank is tagged
    since issue 20, so its tags are taken off first), then the questions tagged."""
    from surveys.models import CampaignGroup, Question

    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer], with_notice=False
    )
    template_id = CampaignGroup.objects.get(campaign=campaign, group=STUDENT).template_id
    Question.objects.filter(template_id=template_id).update(protected_areas=[])
    [code] = issue_codes(campaign, STUDENT, world.school)
    tag_student_questions(campaign, TAGS)
    return campaign, code


def _stored() -> tuple[int, int, int]:
    return AccessCode.objects.count(), CodeBatch.objects.count(), Response.objects.count()


def test_student_codes_are_refused_until_the_notice_exists_and_nothing_is_stored(
    world, tagged
) -> None:
    before = _stored()
    with pytest.raises(ApplicationError, match="parents' notice"):
        codes_issue(
            campaign=tagged,
            group=STUDENT,
            school=world.school,
            count=30,
            actor=world.users[Role.COORDINATOR],
        )
    assert _stored() == before
    # Other groups are not held back, and once the notice exists students get codes too.
    assert issue_codes(tagged, RespondentGroup.FAMILY, world.school)
    make_notice(tagged, actor=world.users[Role.COORDINATOR])
    assert len(issue_codes(tagged, STUDENT, world.school, 3)) == 3


def test_the_coordinator_page_names_what_is_missing_and_stores_no_code(
    world, tagged, client_for
) -> None:
    client = client_for(world.users[Role.COORDINATOR])
    page = client.get(f"/surveys/campaigns/{tagged.pk}/").content.decode()
    assert "Needed before student codes" in page
    assert "Create the parents&#x27; notice" in page or "Create the parents' notice" in page
    answer = client.post(
        f"/surveys/campaigns/{tagged.pk}/codes/",
        {"group": STUDENT, "school": world.school.pk, "count": 25, "format": "pdf"},
        follow=True,
    )
    assert "create this campaign&#x27;s parents&#x27; notice" in answer.content.decode()
    assert AccessCode.objects.count() == 0


def test_a_student_code_of_a_campaign_without_its_notice_does_not_open_the_survey(
    world,
) -> None:
    # Codes printed before the questions were tagged (or before this rule existed).
    campaign, code = _code_printed_before_tagging(world)
    with pytest.raises(RespondentError) as refused:
        ballot_for_code(code=code)
    assert refused.value.reason == "not_ready"
    assert refused.value.message == "This survey is not open yet."
    assert "notice" not in refused.value.message
    with pytest.raises(RespondentError):
        response_submit(code=code, language="en", answers=agree_answers(world.officer, 4))
    assert Response.objects.count() == 0
    assert not AccessCode.objects.get().spent

    make_notice(campaign)
    assert ballot_for_code(code=code).group == STUDENT
    response_submit(code=code, language="en", answers=agree_answers(world.officer, 4))
    assert Response.objects.count() == 1


def test_the_survey_page_refuses_the_code_without_storing_anything(world, client) -> None:
    _, code = _code_printed_before_tagging(world)
    # Post/Redirect/Get since issue 20 (surveys/views/respondent.py): the refusal is a
    # redirect back to the code page, which shows why.
    answer = client.post("/s/", {"code": code}, follow=True)
    assert answer.redirect_chain == [("/s/", 303)]
    assert "This survey is not open yet." in answer.content.decode()
    assert "fair" not in answer.content.decode().lower()  # no question shown
    assert Response.objects.count() == 0
    assert not AccessCode.objects.get().spent


def test_the_notice_is_saved_with_an_audit_row_and_refuses_bad_input(world, tagged) -> None:
    coordinator = world.users[Role.COORDINATOR]
    with pytest.raises(ApplicationError, match="on or before the survey's last day"):
        make_notice(tagged, actor=coordinator, deadline=tagged.closes_on + datetime.timedelta(1))
    with pytest.raises(ApplicationError, match="can't be in the past"):
        make_notice(tagged, actor=coordinator, deadline=today() - datetime.timedelta(1))
    with pytest.raises(ApplicationError, match="both English and Spanish"):
        make_notice(tagged, actor=coordinator, note_en="Bring questions to the open house.")
    with pytest.raises(ApplicationError, match="a name, and an email address or a phone"):
        make_notice(tagged, actor=coordinator, contact_email="", contact_phone="")
    assert not ParentNotice.objects.exists()

    notice = make_notice(tagged, actor=coordinator)
    again = notice_save(
        campaign=tagged,
        actor=coordinator,
        opt_out_deadline=notice.opt_out_deadline,
        contact_name="Dana Whitfield",
        contact_email="families@example.org",
    )
    assert again.pk == notice.pk
    assert ParentNotice.objects.count() == 1
    history = list(audit_history(notice))
    assert [e.action for e in history] == [
        "surveys.parent_notice_created",
        "surveys.parent_notice_changed",
    ]
    assert history[1].actor == coordinator
    assert history[1].changes["contact_name"] == [
        "Dana Whitfield, family liaison",
        "Dana Whitfield",
    ]


def test_the_coordinator_creates_the_notice_on_its_page(world, tagged, client_for) -> None:
    client = client_for(world.users[Role.COORDINATOR])
    url = f"/surveys/campaigns/{tagged.pk}/notice/"
    form = client.get(url).content.decode()
    assert "Illegal" not in form
    assert "breaking the law" in form
    answer = client.post(
        url,
        {
            "opt_out_deadline": tagged.closes_on.isoformat(),
            "contact_name": "Dana Whitfield",
            "contact_phone": "555-0100",
        },
    )
    assert answer.status_code == 302
    notice = ParentNotice.objects.get(campaign=tagged)
    page = client.get(f"/surveys/campaigns/{tagged.pk}/").content.decode()
    assert f"/public/surveys/notices/{notice.token}/" in page
    assert "fewer than 5" in page


# The public notice page ---------------------------------------------------------------


@pytest.fixture
def notice(world, tagged) -> ParentNotice:
    return make_notice(
        tagged,
        actor=world.users[Role.COORDINATOR],
        note_en="Ask us at the open house.",
        note_es="Pregúntenos en la reunión de puertas abiertas.",
    )


def test_the_notice_page_shows_dates_every_question_and_the_areas_in_spanish(
    client, notice
) -> None:
    url = f"/public/surveys/notices/{notice.token}/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    assert '<html lang="es">' in html
    questions = notice.campaign.groups.get(group=STUDENT).template.questions.all()
    for q in questions:
        assert q.text["es"] in html.replace("&#x27;", "'")
    assert "romper la ley" in html
    assert "Pregúntenos" in html
    assert "Aviso para padres" in html


def test_the_notice_page_has_no_english_left_in_spanish(client, notice, world) -> None:
    url = f"/public/surveys/notices/{notice.token}/"
    allowed = {
        world.school.name,
        notice.campaign.district.name,
        "Dana Whitfield, family liaison",
        "families@example.org",
        "555-0100",
        "(PPRA)",
    }
    assert_translated(client, url, allowed=allowed)
    assert_translated(client, f"{url}received/", allowed=allowed)
    # The refused form too (a missing name), in both languages.
    english = client.post(
        f"{url}opt-out/", {"school": world.school.pk, "grade": "7"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    spanish = client.post(
        f"{url}opt-out/",
        {"school": world.school.pk, "grade": "7"},
        HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9",
    )
    assert english.status_code == spanish.status_code == 400
    from tests.translation_checks import untranslated

    assert not untranslated(english.content.decode(), spanish.content.decode(), allowed)
    assert "Este campo es" in spanish.content.decode()
    assert not OptOut.objects.exists()


def test_an_unknown_address_is_not_found(client) -> None:
    assert client.get("/public/surveys/notices/nosuchnotice/").status_code == 404
    assert client.post("/public/surveys/notices/nosuchnotice/opt-out/").status_code == 404
    assert client.get("/public/surveys/notices/nosuchnotice/letter.pdf").status_code == 404


def test_the_language_switch_returns_to_the_notice_page(client, notice) -> None:
    url = f"/public/surveys/notices/{notice.token}/"
    answer = client.post("/i18n/setlang/", {"language": "es", "next": url})
    assert answer["Location"] == url
    assert client.get(url)["Content-Language"] == "es"


def test_a_parent_opts_a_child_out_and_back_does_not_post_again(client, notice, world) -> None:
    url = f"/public/surveys/notices/{notice.token}/opt-out/"
    data = {"child_name": "  Mateo   Ruiz ", "school": world.school.pk, "grade": "7th grade"}
    answer = client.post(url, data)
    assert answer.status_code == 302
    assert answer["Location"] == f"/public/surveys/notices/{notice.token}/received/"
    assert "Mateo" not in answer["Location"]
    client.post(url, {**data, "child_name": "mateo ruiz"})  # a second press of Send
    row = OptOut.objects.get()
    assert (row.child_name, row.grade, row.school) == ("Mateo Ruiz", "7th grade", world.school)
    confirmation = client.get(answer["Location"]).content.decode()
    assert "Mateo" not in confirmation


def test_opt_outs_are_refused_after_the_deadline_and_for_another_school(notice, world) -> None:
    world.next_door()
    with pytest.raises(ApplicationError, match="not part of this survey"):
        opt_out_record(notice=notice, school=world.next_school, child_name="Ana", grade="5")
    notice.opt_out_deadline = today() - datetime.timedelta(days=1)
    notice.save()
    with pytest.raises(ApplicationError, match="deadline"):
        opt_out_record(notice=notice, school=world.school, child_name="Ana", grade="5")
    assert not OptOut.objects.exists()


def test_after_the_deadline_the_page_shows_no_form(client, notice) -> None:
    notice.opt_out_deadline = today() - datetime.timedelta(days=1)
    notice.save()
    html = client.get(f"/public/surveys/notices/{notice.token}/").content.decode()
    assert '<form method="post" action="/public/surveys/notices/' not in html
    assert "The deadline to opt out online was" in html


# The letter -------------------------------------------------------------------------


def test_the_letter_has_an_english_and_a_spanish_part_with_the_address(client, notice) -> None:
    answer = client.get(f"/public/surveys/notices/{notice.token}/letter.pdf")
    assert answer["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    text = [" ".join(p.extract_text().split()) for p in reader.pages]
    english = next(i for i, t in enumerate(text) if "Notice to parents" in t)
    spanish = next(i for i, t in enumerate(text) if "Aviso para padres" in t)
    assert english < spanish
    spanish_text = " ".join(text[spanish:])
    address = f"http://testserver/public/surveys/notices/{notice.token}/"
    assert address in " ".join(text[:spanish]).replace(" ", "") or address in text[english]
    assert address in spanish_text.replace(" ", "")
    assert "Cómo sacar a su hijo o hija de la encuesta" in spanish_text
    assert "romper la ley" in spanish_text
    assert "Página" in spanish_text
    for q in notice.campaign.groups.get(group=STUDENT).template.questions.all():
        assert " ".join(q.text["es"].split())[:40] in spanish_text
