"""Releases and the insider attacks of issue 13, run against the real pages and API.

Each test is an attack an outside review made with nothing but what one role can
read (and, for the coordinator, issue); each shows the attack now fails. What a release
refuses is in ``test_release_refusals.py``.
"""

from __future__ import annotations

import datetime

import pytest

from core.dates import today
from roster.models import Role
from surveys.models import (
    Campaign,
    RespondentGroup,
    Response,
)
from surveys.selectors import survey_results_for_officers
from surveys.services import response_submit
from tests.factories.roster import AssignmentFactory, OfficerFactory
from tests.factories.surveys import (
    agree_answers,
    issue_codes,
    make_campaign,
    release_results,
    submit_many,
)

pytestmark = pytest.mark.django_db

STUDENT, FAMILY, STAFF, PEER = RespondentGroup.values


def officer_api(api_for, user, officer) -> dict:
    answer = api_for(user).get(f"/api/v1/surveys/results/officers/{officer.pk}/")
    assert answer.status_code == 200
    return answer.json()


# --- Before and after one response ----------------------------------------------------


def test_reading_before_and_after_one_response_shows_nothing_that_moved(
    survey, client_for, api_for
) -> None:
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 7, values=[4])
    [code] = issue_codes(survey.campaign, STAFF, survey.school)
    coordinator = survey.world.users[Role.COORDINATOR]
    readers = [survey.world.users[role] for role in Role.values]
    rates_url = f"/api/v1/surveys/campaigns/{survey.campaign.pk}/response-rates/"

    def read_everything() -> list:
        seen = []
        for user in readers:
            seen.append(officer_api(api_for, user, survey.officer))
            page = (
                client_for(user)
                .get(f"/surveys/results/officers/{survey.officer.pk}/")
                .content.decode()
            )
            seen.append(page[page.index("<main") : page.index("</main>")])
        seen.append(api_for(coordinator).get(rates_url).json())
        return seen

    before = read_everything()
    response_submit(
        code=code, language="en", answers=agree_answers(survey.officer, 1, comment="Unfair to me")
    )
    after = read_everything()

    assert before == after, "results are released, not streamed; the rate moves in steps of k only"
    rates = {r["group"]: r for r in after[-1]}
    assert (rates[STAFF]["responses_low"], rates[STAFF]["responses_high"]) == (5, 8), (
        "8 codes: at most 8"
    )


def test_response_rates_move_only_in_steps_of_k(survey, api_for) -> None:
    coordinator = api_for(survey.world.users[Role.COORDINATOR])
    url = f"/api/v1/surveys/campaigns/{survey.campaign.pk}/response-rates/"
    seen = []
    for _ in range(7):
        submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 1)
        family = next(r for r in coordinator.get(url).json() if r["group"] == FAMILY)
        seen.append((family["responses_low"], family["responses_high"]))
    # The upper end never passes the codes issued (known anyway): 1, 2, 3, 4, then 5-5, 5-6, 5-7.
    assert seen == [(0, 1), (0, 2), (0, 3), (0, 4), (5, 5), (5, 6), (5, 7)]
    steps = {low for low, _ in seen}
    assert all((b - a) % 5 == 0 for a in steps for b in steps)


# --- Padding by someone who issues codes ----------------------------------------------


def test_padding_a_small_group_with_late_codes_reveals_nothing(survey, client_for) -> None:
    """Two real families answered. The coordinator, seeing the family step at 0-4,
    issues three more codes after the first day, answers with known values and
    releases: the families stay hidden, and nothing subtracts to their answers."""
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 2, values=[1])
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 6, values=[4])
    Campaign.objects.filter(pk=survey.campaign.pk).update(
        opens_on=today() - datetime.timedelta(days=3)
    )
    survey.campaign.refresh_from_db()
    coordinator = survey.world.users[Role.COORDINATOR]
    padding = issue_codes(survey.campaign, FAMILY, survey.school, 3)
    for code in padding:
        response_submit(code=code, language="en", answers=agree_answers(survey.officer, 5))
    page = client_for(coordinator).get(f"/surveys/campaigns/{survey.campaign.pk}/").content.decode()
    assert "3 codes for Families" in page, "a late issue is shown with who and when"

    release_results(survey.campaign, actor=coordinator)
    result = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    families = result.groups[FAMILY]
    assert families.suppressed, "five answers, but only two from on-time codes"
    fair = next(q for q in result.all_groups.questions if q.code == "fair_treatment")
    staff = next(q for q in result.groups[STAFF].questions if q.code == "fair_treatment")
    assert fair.distribution == staff.distribution, (
        "the total holds no family answer to subtract from"
    )


# --- Crossing figures -------------------------------------------------------------------


def test_crossing_the_figures_of_pages_and_api_pins_no_hidden_count(survey, api_for) -> None:
    """The reviewer's attack: an officer's staff hidden, the officer's all-groups, the
    school and the district figures shown, each with a full answer distribution;
    subtracting per answer value pinned "all three staff gave this officer a 4"."""
    third = OfficerFactory(agency=survey.officer.agency, first_name="Wen", last_name="Okafor")
    AssignmentFactory(officer=third, school=survey.school)
    survey.campaign.officers.add(third)
    submit_many(survey.campaign, STAFF, survey.school, survey.officer, 3, values=[4])
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 12, values=[2, 5])
    submit_many(survey.campaign, STAFF, survey.school, survey.second_officer, 7, values=[3])
    submit_many(survey.campaign, STAFF, survey.school, third, 6, values=[5])
    release_results(survey.campaign)

    for role in (Role.COORDINATOR, Role.PRINCIPAL):
        user = survey.world.users[role]
        mine = officer_api(api_for, user, survey.officer)
        others = [officer_api(api_for, user, o) for o in (survey.second_officer, third)]
        school = api_for(user).get(f"/api/v1/surveys/results/schools/{survey.school.pk}/").json()

        def fair(group_results: dict) -> dict:
            return next(q for q in group_results["questions"] if q["code"] == "fair_treatment")

        groups = {g["group"]: g for g in mine["groups"]}
        assert groups[STAFF]["suppressed"]
        total = fair(mine["all_groups"])
        shown_groups = [fair(g) for g in mine["groups"] if fair(g)["distribution"]]
        by_officers = [fair(next(g for g in o["groups"] if g["group"] == STAFF)) for o in others]
        school_staff = fair(next(g for g in school["groups"] if g["group"] == STAFF))
        district_staff = fair(groups[STAFF])["district"]
        for value in ("1", "2", "3", "4", "5"):
            # All groups less the shown groups; school staff less the shown officers; district likewise.
            assert (
                total["distribution"][value] - sum(q["distribution"][value] for q in shown_groups)
                == 0
            )
            assert (
                school_staff["distribution"][value]
                - sum(q["distribution"][value] for q in by_officers)
                == 0
            )
            assert (
                district_staff["distribution"][value]
                - sum(q["distribution"][value] for q in by_officers)
                == 0
            )


def test_a_response_step_cannot_pin_a_hidden_cell_beside_a_shown_one(survey, api_for) -> None:
    """Found by the audit: 10 students in the 10-14 step, six about one officer
    (shown) and four about the other (hidden) would pin the four."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6, values=[4])
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, 4, values=[2])
    release_results(survey.campaign)
    coordinator = survey.world.users[Role.COORDINATOR]
    rates = (
        api_for(coordinator)
        .get(f"/api/v1/surveys/campaigns/{survey.campaign.pk}/response-rates/")
        .json()
    )
    students = next(r for r in rates if r["group"] == STUDENT)
    assert (students["responses_low"], students["responses_high"]) == (10, 10), (
        "ten codes, ten answers"
    )
    shown = officer_api(api_for, coordinator, survey.officer)
    assert next(g for g in shown["groups"] if g["group"] == STUDENT)["suppressed"], (
        "the shown six would give the hidden four away: the block is withheld"
    )


def test_comments_and_figures_come_from_the_release_not_from_later_rows(survey) -> None:
    submit_many(
        survey.campaign, FAMILY, survey.school, survey.officer, 8, values=[4], comment="Helpful"
    )
    release_results(survey.campaign)
    Response.objects.all().update(language="es")  # stored rows changing later change nothing shown
    result = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    assert result.groups[FAMILY].respondents == 8
    assert len(result.groups[FAMILY].comments) == 8


def test_a_second_campaign_in_the_period_adds_whole_groups_only(survey) -> None:
    """Two releases in one period: the period's figures move by released groups of at
    least k, never by the one person of a small group."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 7, values=[4])
    release_results(survey.campaign)
    before = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    spring = make_campaign(
        period=survey.period, schools=[survey.school], officers=[survey.officer], name="Spring"
    )
    submit_many(spring, STUDENT, survey.school, survey.officer, 1, values=[1])
    release_results(spring)
    after = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    fair_before = next(q for q in before.groups[STUDENT].questions if q.code == "fair_treatment")
    fair_after = next(q for q in after.groups[STUDENT].questions if q.code == "fair_treatment")
    assert (fair_after.n, fair_after.distribution) == (fair_before.n, fair_before.distribution)
    assert after.groups[STUDENT].respondents == before.groups[STUDENT].respondents == 7


# --- Found by the red team ------------------------------------------------------------


def test_comments_of_a_withheld_block_or_with_few_commenters_are_not_shown(survey) -> None:
    """Comments came from cells hidden with their block (11 students beside a hidden 4,
    in the 15-19 step), and 2 comments in a group of 8 gave away a hidden count (2)."""
    submit_many(
        survey.campaign, STUDENT, survey.school, survey.officer, 11, values=[4], comment="Kind"
    )
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, 4, values=[2])
    for i in range(8):
        [code] = issue_codes(survey.campaign, FAMILY, survey.school)
        answers = agree_answers(survey.officer, 4, comment="Helpful" if i < 2 else "")
        response_submit(code=code, language="en", answers=answers)
    release_results(survey.campaign)
    result = survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
        survey.officer.pk
    ]
    assert result.groups[STUDENT].suppressed, "withheld with its block"
    assert result.groups[STUDENT].comments == ()
    assert result.groups[FAMILY].respondents == 8
    assert result.groups[FAMILY].comments == (), "two comments would say the hidden comment count"


def test_one_code_issued_tells_nothing_about_whether_it_was_used(survey, api_for) -> None:
    """A coordinator who issued one family code learns nothing from the results about
    whether that family answered: a hidden group and an empty one read alike."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    submit_many(survey.campaign, FAMILY, survey.school, survey.officer, 1)
    release_results(survey.campaign)
    coordinator = survey.world.users[Role.COORDINATOR]
    answered = next(
        g
        for g in officer_api(api_for, coordinator, survey.officer)["groups"]
        if g["group"] == FAMILY
    )
    empty = next(
        g
        for g in officer_api(api_for, coordinator, survey.second_officer)["groups"]
        if g["group"] == FAMILY
    )
    assert answered == {**empty, "questions": answered["questions"]}
    assert [q["n"] for q in answered["questions"]] == [q["n"] for q in empty["questions"]]


def test_raising_k_never_shows_what_release_day_withheld(survey) -> None:
    """At k = 5 the 11 students are withheld beside a hidden 4 (15 in the 15-19 step);
    raising k to 7 must not show them (it would say the block had been withheld)."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 11, values=[4])
    submit_many(survey.campaign, STUDENT, survey.school, survey.second_officer, 4, values=[2])
    release_results(survey.campaign)

    def students() -> object:
        return survey_results_for_officers(officer_ids=[survey.officer.pk], period=survey.period)[
            survey.officer.pk
        ].groups[STUDENT]

    assert students().suppressed
    district = survey.period.district
    for k in (7, 6, 5, 3):
        district.survey_min_responses = k
        district.comment_min_responses = max(k, 8)
        district.save()
        assert students().suppressed, k
