from __future__ import annotations

import datetime

import pytest

from core.dates import today
from core.errors import ApplicationError
from core.models import AuditEvent
from surveys.models import AccessCode, Answer, RespondentGroup, Response
from surveys.question_bank import BANK
from surveys.services import (
    RespondentError,
    ballot_for_code,
    response_submit,
    template_revise,
)
from tests.factories.roster import AssignmentFactory, OfficerFactory, SchoolFactory
from tests.factories.surveys import agree_answers, issue_codes, make_campaign

pytestmark = pytest.mark.django_db
STUDENT = RespondentGroup.STUDENT


def test_it_stores_a_response_and_spends_the_code_in_one_go(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    response = response_submit(
        code=code, language="es", answers=agree_answers(survey.officer, 5, comment="Bien")
    )
    assert (response.campaign_id, response.group, response.school_id, response.language) == (
        survey.campaign.pk,
        STUDENT,
        survey.school.pk,
        "es",
    )
    assert Answer.objects.filter(response=response).count() == 3
    assert AccessCode.objects.get().spent
    assert not AuditEvent.objects.filter(target_type="surveys.response").exists(), (
        "an audit row would time it"
    )


def test_it_refuses_a_spent_code(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    response_submit(code=code, language="en", answers=agree_answers(survey.officer, 4))
    with pytest.raises(RespondentError) as caught:
        response_submit(code=code, language="en", answers=agree_answers(survey.officer, 1))
    assert caught.value.reason == "used"
    assert caught.value.status == 409
    assert Response.objects.count() == 1


def test_each_code_stores_for_its_own_school_and_group_whatever_was_submitted_before(world) -> None:
    """The submit path first tries the survey the last submission used; a code
    that opens another school's or group's survey must still land there."""
    other_school = SchoolFactory(district=world.period.district)
    AssignmentFactory(officer=world.officer, school=other_school)
    campaign = make_campaign(
        period=world.period, schools=[world.school, other_school], officers=[world.officer]
    )
    expected = [
        (RespondentGroup.STUDENT, world.school),
        (RespondentGroup.STUDENT, world.school),
        (RespondentGroup.FAMILY, world.school),
        (RespondentGroup.STUDENT, other_school),
        (RespondentGroup.STUDENT, world.school),
    ]
    for group, school in expected:
        [code] = issue_codes(campaign, group, school)
        response = response_submit(
            code=code, language="en", answers=agree_answers(world.officer, 4)
        )
        assert (response.group, response.school_id) == (group, school.pk)
    stored = list(Response.objects.values_list("group", "school_id"))
    assert sorted(stored) == sorted((g, s.pk) for g, s in expected)
    assert Answer.objects.count() == 2 * len(expected)
    assert not AccessCode.objects.filter(spent=False).exists()


def test_a_guess_is_never_older_than_the_campaign_cache(survey, monkeypatch) -> None:
    """A campaign closed by another process (no signal here) refuses codes once this
    process's 30-second campaign cache has run out, even if a code was looked at since."""
    from surveys.models import Campaign
    from surveys.services import responses

    clock = [1000.0]
    monkeypatch.setattr(
        responses, "time", type("Clock", (), {"monotonic": staticmethod(lambda: clock[0])})
    )
    first, looked_at, late = issue_codes(survey.campaign, STUDENT, survey.school, 3)
    response_submit(code=first, language="en", answers=agree_answers(survey.officer, 4))
    Campaign.objects.filter(pk=survey.campaign.pk).update(
        opens_on=today() - datetime.timedelta(days=2),
        closes_on=today() - datetime.timedelta(days=1),
    )
    clock[0] += 29
    ballot_for_code(code=looked_at)  # a respondent opens the survey: still cached as open
    clock[0] += 29

    with pytest.raises(RespondentError) as caught:
        response_submit(code=late, language="en", answers=agree_answers(survey.officer, 4))

    assert caught.value.reason == "closed"
    assert Response.objects.count() == 1


def test_a_free_text_answer_must_be_text_and_loses_nul_characters(survey) -> None:
    first, second = issue_codes(survey.campaign, STUDENT, survey.school, 2)
    with pytest.raises(ApplicationError, match="comment: answer in words"):
        response_submit(
            code=first,
            language="en",
            answers=[
                *agree_answers(survey.officer, 4),
                {"officer": survey.officer.pk, "question": "comment", "value": 5},
            ],
        )

    response_submit(
        code=second,
        language="en",
        answers=agree_answers(survey.officer, 4, comment="Kind\x00 to everyone"),
    )

    assert Answer.objects.filter(text="Kind to everyone").count() == 1
    assert AccessCode.objects.filter(spent=False).count() == 1, "the refused code is still usable"


def test_a_mistyped_code_and_an_unknown_code_get_different_reasons(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    mistyped = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(RespondentError) as caught:
        ballot_for_code(code=mistyped)
    assert caught.value.reason == "mistyped"
    from surveys import codes as code_format

    with pytest.raises(RespondentError) as caught:
        ballot_for_code(code=code_format.generate())
    assert caught.value.reason == "unknown"


def test_a_closed_or_not_yet_open_campaign_refuses_codes(world) -> None:
    day = today()
    closed = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        opens_on=day - datetime.timedelta(days=30),
        closes_on=day - datetime.timedelta(days=1),
    )
    later = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        opens_on=day + datetime.timedelta(days=3),
        closes_on=day + datetime.timedelta(days=30),
    )
    AccessCode.objects.all().delete()
    from surveys.services import codes_issue

    with pytest.raises(ApplicationError, match="closed"):
        codes_issue(campaign=closed, group=STUDENT, school=world.school, count=1, actor=None)
    [code] = issue_codes(later, STUDENT, world.school)
    with pytest.raises(RespondentError) as caught:
        response_submit(code=code, language="en", answers=agree_answers(world.officer, 4))
    assert caught.value.reason == "not_open"
    assert not AccessCode.objects.get().spent


def test_a_bad_answer_stores_nothing_and_leaves_the_code_usable(survey) -> None:
    [code] = issue_codes(survey.campaign, STUDENT, survey.school)
    elsewhere = OfficerFactory(agency=survey.officer.agency)
    AssignmentFactory(officer=elsewhere, school=SchoolFactory(district=survey.period.district))
    for answers in (
        agree_answers(elsewhere, 4),
        [{"officer": survey.officer.pk, "question": "fair_treatment", "value": 9}],
        [{"officer": survey.officer.pk, "question": "no_such_question", "value": 3}],
        [],
    ):
        with pytest.raises(ApplicationError):
            response_submit(code=code, language="en", answers=answers)
    assert Response.objects.count() == 0
    assert not AccessCode.objects.get().spent
    response_submit(code=code, language="en", answers=agree_answers(survey.officer, 4))
    assert Response.objects.count() == 1


def test_a_template_in_use_gets_a_new_version_instead_of_changing(survey) -> None:
    template = survey.campaign.groups.get(group=STUDENT).template
    before = list(template.questions.values_list("code", "text"))
    shorter = BANK[STUDENT][:3]
    revised = template_revise(template=template, questions=shorter, actor=None)
    assert revised.pk != template.pk
    assert revised.version == template.version + 1
    assert list(template.questions.values_list("code", "text")) == before
    assert revised.questions.count() == 3
    again = template_revise(template=revised, questions=BANK[STUDENT][:4], actor=None)
    assert again.pk == revised.pk, "a version no campaign uses yet is edited in place"


def test_a_campaign_refuses_an_officer_not_assigned_to_its_schools(world) -> None:
    stranger = OfficerFactory(agency=world.agency)
    with pytest.raises(ApplicationError, match="Not assigned"):
        make_campaign(period=world.period, schools=[world.school], officers=[stranger])


@pytest.mark.parametrize("group", [RespondentGroup.STAFF, RespondentGroup.PEER])
def test_staff_and_peer_officers_answer_once_each_with_a_personal_code(survey, group) -> None:
    """No shared link any more: a staff or peer code is a single-use credential like a student's."""
    [first, second] = issue_codes(survey.campaign, group, survey.school, 2)
    response_submit(code=first, language="en", answers=agree_answers(survey.second_officer, 3))
    with pytest.raises(RespondentError) as caught:
        response_submit(code=first, language="es", answers=agree_answers(survey.officer, 1))
    assert (caught.value.reason, caught.value.status) == ("used", 409)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 2
    response_submit(code=second, language="en", answers=agree_answers(survey.officer, 5))
    assert set(Response.objects.values_list("group", flat=True)) == {group}
    assert AccessCode.objects.filter(spent=True).count() == 2
