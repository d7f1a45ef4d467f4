"""The evaluation pages: the principal's list, the form, the lock, conflicts, sign-offs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.models import EvaluationStatus
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_review, evaluation_submit
from tests.factories.evaluations import all_levels, default_rubric
from tests.factories.roster import SchoolFactory, principal_of

pytestmark = pytest.mark.django_db


def _form_data(evaluation, level=3, **overrides) -> dict:
    data = {"version": evaluation.version, "commendations": ""}
    for code, value in all_levels(evaluation, level, **overrides).items():
        data[f"level_{code}"] = value["level"]
        data[f"evidence_{code}"] = value["evidence"]
    return data


def _submitted(draft, principal):
    evaluation_update(
        evaluation=draft, actor=principal, expected_version=1, ratings=all_levels(draft, 3)
    )
    return evaluation_submit(evaluation=draft, actor=principal)


def test_the_principal_sees_officers_to_evaluate_with_status_and_due_date(
    client_for, world, principal
) -> None:
    default_rubric(world.district)

    page = client_for(principal).get(reverse("evaluation-list")).content.decode()

    assert world.officer.full_name in page
    assert "Not started" in page
    assert "2027-06-16" in page
    assert f"Evaluate {world.officer.full_name}" in page


def test_starting_opens_the_form_with_every_level_descriptor(client_for, world, principal) -> None:
    default_rubric(world.district)
    client = client_for(principal)

    response = client.post(
        reverse("evaluation-start"),
        {"officer": world.officer.pk, "school": world.school.pk, "period": world.period.pk},
        follow=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "De-escalation" in page
    assert "(critical)" in page
    assert "Escalates situations through commands" in page  # Unsatisfactory descriptor
    assert "Consistently resolves volatile situations" in page  # Exemplary descriptor
    assert 'name="version" value="1"' in page


def test_saving_a_draft_from_the_page(client_for, draft, principal) -> None:
    response = client_for(principal).post(
        reverse("evaluation-edit", args=[draft.pk]),
        _form_data(draft, 3, de_escalation=4),
        follow=True,
    )

    assert "Draft saved." in response.content.decode()
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.ratings.get(competency__code="de_escalation").level == 4


def test_missing_evidence_for_an_extreme_level_is_explained_and_nothing_saved(
    client_for, draft, principal
) -> None:
    data = _form_data(draft, 3, de_escalation=1)
    data["evidence_de_escalation"] = ""

    response = client_for(principal).post(reverse("evaluation-edit", args=[draft.pk]), data)

    assert response.status_code == 400
    assert (
        "De-escalation: a rating of Unsatisfactory needs written evidence. Nothing was saved."
        in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_stale_page_save_is_refused_with_a_conflict_and_overwrites_nothing(
    client_for, draft, principal, coordinator
) -> None:
    stale = _form_data(draft, 2)
    client_for(coordinator).post(reverse("evaluation-edit", args=[draft.pk]), _form_data(draft, 4))

    response = client_for(principal).post(reverse("evaluation-edit", args=[draft.pk]), stale)

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this evaluation after you opened it" in page
    assert "Your changes that were not saved" in page
    assert 'name="version" value="2"' in page
    draft.refresh_from_db()
    assert draft.version == 2
    assert set(draft.ratings.values_list("level", flat=True)) == {4}


def test_a_locked_evaluation_cannot_be_changed_through_a_page(client_for, draft, principal) -> None:
    submitted = _submitted(draft, principal)
    client = client_for(principal)

    form = client.get(reverse("evaluation-edit", args=[draft.pk]), follow=True)
    posted = client.post(
        reverse("evaluation-edit", args=[draft.pk]), _form_data(submitted, 4), follow=True
    )
    note = client.post(
        reverse("evaluation-note-add", args=[draft.pk]),
        {"observed_on": "2026-09-01", "text": "Late."},
        follow=True,
    )

    assert form.redirect_chain[-1][0] == reverse("evaluation-detail", args=[draft.pk])
    assert "is locked (submitted): it can&#x27;t be changed" in posted.content.decode()
    assert note.content.decode().count("is locked (submitted)") == 1, (
        "said once, not once per redirect"
    )
    assert note.redirect_chain == [(reverse("evaluation-detail", args=[draft.pk]), 302)]
    submitted.refresh_from_db()
    assert set(submitted.ratings.values_list("level", flat=True)) == {3}
    assert submitted.notes.count() == 0


@pytest.mark.parametrize(
    "name", ["evaluation-detail", "evaluation-edit", "evaluation-submit", "evaluation-history"]
)
def test_a_principal_of_another_school_gets_404_on_every_page(
    client_for, world, draft, name
) -> None:
    elsewhere = principal_of(SchoolFactory(district=world.district))

    assert client_for(elsewhere).get(reverse(name, args=[draft.pk])).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "evaluation-note-add",
        "evaluation-attachment-add",
        "evaluation-review",
        "evaluation-return",
        "evaluation-acknowledge",
    ],
)
def test_a_principal_of_another_school_gets_404_on_every_action(
    client_for, world, draft, name
) -> None:
    elsewhere = principal_of(SchoolFactory(district=world.district))

    assert client_for(elsewhere).post(reverse(name, args=[draft.pk]), {}).status_code == 404


def test_the_submit_page_summarises_and_needs_the_signature_box(
    client_for, draft, principal
) -> None:
    evaluation_update(
        evaluation=draft, actor=principal, expected_version=1, ratings=all_levels(draft, 3)
    )
    client = client_for(principal)

    summary = client.get(reverse("evaluation-submit", args=[draft.pk])).content.decode()
    unsigned = client.post(reverse("evaluation-submit", args=[draft.pk]), {})
    stale = client.post(
        reverse("evaluation-submit", args=[draft.pk]), {"confirm": "on", "version": 1}
    )
    signed = client.post(
        reverse("evaluation-submit", args=[draft.pk]), {"confirm": "on", "version": 2}, follow=True
    )
    twice = client.post(
        reverse("evaluation-submit", args=[draft.pk]), {"confirm": "on", "version": 2}, follow=True
    )

    assert "Proficient (weighted mean 3.00)" in summary
    assert unsigned.status_code == 400
    assert stale.status_code == 409
    assert "Someone else saved this evaluation" in stale.content.decode()
    assert 'name="version" value="2"' in stale.content.decode()
    assert "Evaluation submitted and signed" in signed.content.decode()
    assert twice.status_code == 200
    draft.refresh_from_db()
    assert draft.status == EvaluationStatus.SUBMITTED


def test_the_supervisor_returns_it_and_the_principal_can_edit_again(
    client_for, draft, principal, supervisor
) -> None:
    _submitted(draft, principal)

    client_for(supervisor).post(
        reverse("evaluation-return", args=[draft.pk]), {"reason": "Add dates."}
    )
    draft.refresh_from_db()
    form = client_for(principal).get(reverse("evaluation-edit", args=[draft.pk])).content.decode()
    saved = client_for(principal).post(
        reverse("evaluation-edit", args=[draft.pk]), _form_data(draft, 2), follow=True
    )

    assert draft.status == EvaluationStatus.RETURNED
    assert "Returned for changes:" in form
    assert "Add dates." in form
    assert "Draft saved." in saved.content.decode()


def test_the_supervisor_signs_the_review_from_the_page(
    client_for, draft, principal, supervisor
) -> None:
    _submitted(draft, principal)

    page = (
        client_for(supervisor).get(reverse("evaluation-detail", args=[draft.pk])).content.decode()
    )
    client_for(supervisor).post(
        reverse("evaluation-review", args=[draft.pk]), {"comment": "Agreed."}
    )

    assert "Sign as reviewed" in page
    draft.refresh_from_db()
    assert (draft.status, draft.review_comment) == (EvaluationStatus.REVIEWED, "Agreed.")


def test_the_officer_disagrees_with_a_written_response(
    client_for, draft, principal, supervisor, officer_user
) -> None:
    _submitted(draft, principal)
    evaluation_review(evaluation=draft, actor=supervisor)
    client = client_for(officer_user)

    refused = client.post(
        reverse("evaluation-acknowledge", args=[draft.pk]), {"agrees": "no"}, follow=True
    )
    accepted = client.post(
        reverse("evaluation-acknowledge", args=[draft.pk]),
        {"agrees": "no", "response": "I disagree about the hallway."},
        follow=True,
    )

    assert "If you disagree, write your response" in refused.content.decode()
    assert "I disagree about the hallway." in accepted.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.officer_agrees) == (EvaluationStatus.ACKNOWLEDGED, False)


def test_the_history_page_lists_every_change(client_for, draft, principal, supervisor) -> None:
    evaluation_update(
        evaluation=draft,
        actor=principal,
        expected_version=1,
        ratings={"de_escalation": {"level": 2, "evidence": "Raised voice."}},
    )
    evaluation_update(
        evaluation=draft, actor=principal, expected_version=2, ratings=all_levels(draft, 3)
    )
    evaluation_submit(evaluation=draft, actor=principal)

    page = (
        client_for(supervisor).get(reverse("evaluation-history", args=[draft.pk])).content.decode()
    )

    for text in (
        "Started",
        "Draft saved",
        "Submitted and signed by the evaluator",
        "De-escalation: level</strong>: (empty) → Developing",
        "De-escalation: level</strong>: Developing → Proficient",
        "Status</strong>: draft → submitted",
        "Signed by the evaluator</strong>: (empty) → the-principal",
    ):
        assert text in page


def test_the_home_page_lists_evaluations_to_do(client_for, world, draft, principal) -> None:
    page = client_for(principal).get(reverse("home")).content.decode()

    assert "Officers to evaluate" in page
    assert "1 of 1 evaluations for 2026-27 not yet submitted; due 2027-06-16" in page


def test_the_rubric_pages_show_every_descriptor(client_for, world, principal) -> None:
    rubric = default_rubric(world.district)

    listing = client_for(principal).get(reverse("rubric-list")).content.decode()
    detail = client_for(principal).get(reverse("rubric-detail", args=[rubric.pk])).content.decode()

    assert rubric.name in listing
    assert "Helps the school leadership write and teach the boundary" in detail


def test_a_file_is_attached_from_the_form_and_a_disguised_one_refused(
    client_for, draft, principal
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(principal)
    good = client.post(
        reverse("evaluation-attachment-add", args=[draft.pk]),
        {"file": SimpleUploadedFile("notes.txt", b"Observed at dismissal.")},
        follow=True,
    )
    bad = client.post(
        reverse("evaluation-attachment-add", args=[draft.pk]),
        {"file": SimpleUploadedFile("notes.pdf", b"\x7fELF\x02\x01\x01\x00\x00")},
        follow=True,
    )

    assert "File attached." in good.content.decode()
    assert "notes.pdf is not a PDF, PNG, JPEG or plain-text file" in bad.content.decode()
    assert [a.original_name for a in draft.attachments.all()] == ["notes.txt"]


def test_a_wrong_file_is_removed_from_the_edit_page(client_for, draft, principal) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(principal)
    client.post(
        reverse("evaluation-attachment-add", args=[draft.pk]),
        {"file": SimpleUploadedFile("wrong.txt", b"Another officer's notes.")},
    )
    attachment = draft.attachments.get()
    edit = client.get(reverse("evaluation-edit", args=[draft.pk])).content.decode()
    assert reverse("evaluation-attachment-remove", args=[attachment.pk]) in edit

    assert (
        client.get(reverse("evaluation-attachment-remove", args=[attachment.pk])).status_code == 405
    )
    removed = client.post(
        reverse("evaluation-attachment-remove", args=[attachment.pk]), follow=True
    )

    assert "wrong.txt removed." in removed.content.decode()
    assert "No attachments." in removed.content.decode()
    assert not draft.attachments.exists()


def test_the_list_page_runs_a_bounded_number_of_queries(
    client_for, world, principal, draft, django_assert_max_num_queries
) -> None:
    from tests.factories.roster import AssignmentFactory, OfficerFactory

    for _ in range(10):
        AssignmentFactory(officer=OfficerFactory(agency=world.agency), school=world.school)
    client = client_for(principal)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("evaluation-list"))

    assert response.status_code == 200


def test_a_coordinator_loads_the_default_rubric_from_the_page(
    client_for, world, coordinator
) -> None:
    response = client_for(coordinator).post(
        reverse("rubric-load-default"), {"district": world.district.pk}, follow=True
    )

    assert "SECURe-aligned SRO competency rubric" in response.content.decode()
    assert world.district.rubrics.count() == 1
