"""Red team of the public comments (ARCHITECTURE.md, Anonymity 1): every role, the
coordinator included, attacks with exactly its own access, at any time, through the
real pages and API, trying to learn when a comment came or to read texts it may not."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from agreements.models import PublicComment, ReviewDecision, ReviewStatus
from agreements.services.comments import comment_submit
from core.dates import today
from core.models import AuditEvent
from roster.models import Role
from roster.portability import district_export_zip
from tests.agreements.test_comments_service import review_with_window
from tests.factories.agreements import PublicCommentFactory, ReviewParticipantFactory
from tests.factories.roster import coordinator_of

pytestmark = pytest.mark.django_db
STAFF = (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR)
# A form's CSRF token is masked afresh on every response, and the comment form carries a
# new random double-click token each time; nothing else may differ.
TOKEN = re.compile(r'name="(?:csrfmiddlewaretoken|once)" value="[^"]*"')


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return TOKEN.sub("", response.content.decode())


def _comments(review, texts: list[str]) -> None:
    for text in texts:
        PublicCommentFactory(review=review, text=text)


def test_no_staff_reader_watches_the_count_rise_while_the_window_is_open(
    world, client_for, api_for
) -> None:
    review = review_with_window(world)
    ReviewParticipantFactory(review=review, name="Ms. Rivera", user=world.users[Role.PRINCIPAL])
    page = reverse("agreements:review", args=[review.pk])
    before = {role: _page(client_for(world.users[role]), page) for role in STAFF}
    api_before = {
        role: api_for(world.users[role]).get(f"/api/v1/mou-reviews/{review.pk}/").json()
        for role in STAFF
    }

    comment_submit(review=review, text="Officers should not search lockers.", language="en")

    for role in STAFF:
        assert _page(client_for(world.users[role]), page) == before[role], role
        answer = api_for(world.users[role]).get(f"/api/v1/mou-reviews/{review.pk}/").json()
        assert answer == api_before[role], role
        assert answer["comment_count"] is None


def test_the_close_form_shows_no_count_while_people_can_still_comment(world, client_for) -> None:
    review = review_with_window(world)
    the_coordinator = client_for(world.users[Role.COORDINATOR])
    url = reverse("agreements:review-close", args=[review.pk])
    before = _page(the_coordinator, url)

    comment_submit(review=review, text="More data, please.", language="en")

    assert _page(the_coordinator, url) == before


def test_the_count_appears_once_the_window_is_over(world, client_for) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    _comments(review, ["One.", "Two."])

    page = _page(
        client_for(world.users[Role.COORDINATOR]), reverse("agreements:review", args=[review.pk])
    )

    assert "2 comments received" in page


def test_the_public_review_page_does_not_change_when_a_comment_arrives(world) -> None:
    review = review_with_window(world)
    url = reverse("agreements:public-review", args=[review.pk])
    before = _page(Client(), url)

    comment_submit(review=review, text="Please publish arrests by school.", language="en")

    assert _page(Client(), url) == before


def test_a_participant_of_one_review_does_not_read_another_reviews_comments(
    world, client_for
) -> None:
    minimum = world.district.comment_min_responses
    mine = review_with_window(
        world, opens=-30, closes=-20, status=ReviewStatus.CLOSED, decision=ReviewDecision.RENEWED
    )
    theirs = review_with_window(world, opens=-10, closes=-1)
    the_principal = world.users[Role.PRINCIPAL]
    ReviewParticipantFactory(review=mine, name="Principal Bell", user=the_principal)
    _comments(mine, [f"Mine {i}." for i in range(minimum)])
    _comments(theirs, [f"Theirs {i}." for i in range(minimum)])
    client = client_for(the_principal)

    my_page = _page(client, reverse("agreements:review", args=[mine.pk]))
    their_page = _page(client, reverse("agreements:review", args=[theirs.pk]))

    assert "Mine 0." in my_page
    assert "Theirs" not in their_page
    assert f"{minimum} comments received" in their_page


def test_no_api_answer_holds_a_comment_text(world, api_for) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    texts = [f"Secret wording {i}." for i in range(world.district.comment_min_responses)]
    _comments(review, texts)
    ReviewParticipantFactory(review=review, name="Ms. Rivera", user=world.users[Role.PRINCIPAL])

    for role in STAFF:
        client = api_for(world.users[role])
        for url in (
            "/api/v1/mou-reviews/",
            f"/api/v1/mou-reviews/{review.pk}/",
            "/api/v1/mou-versions/",
        ):
            body = json.dumps(client.get(url).json())
            assert "Secret wording" not in body, (role, url)


def test_the_district_export_holds_no_comment_text_in_any_order(world) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    _comments(review, [f"Exported? {i}." for i in range(world.district.comment_min_responses)])

    archive = zipfile.ZipFile(io.BytesIO(district_export_zip(district=world.district)))

    assert not [name for name in archive.namelist() if "comment" in name.lower()]
    for name in archive.namelist():
        if name.endswith((".csv", ".txt")):
            assert "Exported?" not in archive.read(name).decode("utf-8-sig"), name


def test_commenting_writes_no_session_no_audit_row_and_sets_no_cookie_but_csrf(world) -> None:
    review = review_with_window(world)
    client = Client()
    client.get(reverse("agreements:public-review", args=[review.pk]))
    audits = AuditEvent.objects.count()

    posted = client.post(reverse("agreements:public-comment", args=[review.pk]), {"text": "Hi."})
    thanks = client.get(posted.url)

    assert posted.status_code == 303
    assert thanks.status_code == 200
    assert set(posted.cookies) | set(thanks.cookies) <= {"csrftoken"}
    assert "sessionid" not in client.cookies
    assert Session.objects.count() == 0
    assert AuditEvent.objects.count() == audits
    assert PublicComment.objects.filter(review=review).count() == 1
    # The thanks page names the review, never the comment or a count.
    assert "Hi." not in thanks.content.decode()


def test_a_refused_comment_page_shows_no_count(world) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    _comments(review, ["Came in time."] * 3)

    response = Client().post(reverse("agreements:public-comment", args=[review.pk]), {"text": "x"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Came in time." not in page
    assert "3 comments" not in page
    assert PublicComment.objects.filter(review=review).count() == 3


# The staff side: who may change the record.


def _state(review) -> tuple:
    review.refresh_from_db()
    return (review.status, review.decision, review.comment_summary, AuditEvent.objects.count())


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.SUPERVISOR, Role.OFFICER])
def test_no_one_but_the_coordinator_changes_a_review_or_a_version(
    world, client_for, api_for, role
) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    draft = review.proposed_version
    before, text_before = _state(review), draft.text
    page, api = client_for(world.users[role]), api_for(world.users[role])
    close = {"decision": ReviewDecision.RENEWED, "reason": "Fine.", "comment_summary": "None."}

    answers = [
        page.post(reverse("agreements:review-close", args=[review.pk]), close).status_code,
        page.post(reverse("agreements:review-propose", args=[review.pk]), {}).status_code,
        page.post(reverse("agreements:version-edit", args=[draft.pk]), {"text": "X"}).status_code,
        page.post(reverse("agreements:version-new", args=[review.mou_id]), {}).status_code,
        page.post(reverse("agreements:review-new", args=[review.mou_id]), {}).status_code,
        api.post(f"/api/v1/mou-reviews/{review.pk}/close/", close, format="json").status_code,
        api.post(f"/api/v1/mous/{review.mou_id}/versions/", {}, format="json").status_code,
    ]

    assert all(code in (403, 404) for code in answers), answers
    assert _state(review) == before
    draft.refresh_from_db()
    assert draft.text == text_before


def test_an_adopted_version_does_not_change_through_the_api_or_the_edit_page(
    world, client_for, api_for
) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    adopted = review.base_version
    the_coordinator = world.users[Role.COORDINATOR]
    api = api_for(the_coordinator)
    url = f"/api/v1/mou-versions/{adopted.pk}/"

    answers = [
        api.patch(url, {"text": "Rewritten."}, format="json").status_code,
        api.put(url, {"text": "Rewritten."}, format="json").status_code,
        api.delete(url).status_code,
    ]
    page = client_for(the_coordinator).post(
        reverse("agreements:version-edit", args=[adopted.pk]), {"text": "Rewritten."}
    )

    assert answers == [405, 405, 405]
    assert page.status_code == 302
    adopted.refresh_from_db()
    assert adopted.text != "Rewritten."


def test_another_districts_coordinator_finds_nothing(world, client_for, api_for) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    _comments(review, ["Home only."] * world.district.comment_min_responses)
    olga = coordinator_of(world.other_district, username="olga")
    page, api = client_for(olga), api_for(olga)
    before = _state(review)

    for name, pk in (
        ("agreements:review", review.pk),
        ("agreements:review-close", review.pk),
        ("agreements:review-open", review.pk),
        ("agreements:review-propose", review.pk),
        ("agreements:version", review.base_version_id),
        ("agreements:version-edit", review.proposed_version_id),
        ("agreements:mou", review.mou_id),
    ):
        assert page.get(reverse(name, args=[pk])).status_code == 404, name
    assert api.get(f"/api/v1/mou-reviews/{review.pk}/").status_code == 404
    close = {"decision": ReviewDecision.RENEWED, "reason": "Mine now.", "comment_summary": "x"}
    assert api.post(f"/api/v1/mou-reviews/{review.pk}/close/", close).status_code == 404
    assert page.post(reverse("agreements:review-close", args=[review.pk]), close).status_code == 404
    assert _state(review) == before


def test_a_staff_post_without_its_csrf_token_is_refused(world) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[Role.COORDINATOR])
    before = _state(review)

    response = client.post(
        reverse("agreements:review-close", args=[review.pk]),
        {"decision": ReviewDecision.RENEWED, "reason": "Forged.", "comment_summary": "Forged."},
    )

    assert response.status_code == 403
    assert _state(review) == before


def test_a_close_form_posted_from_a_stale_tab_changes_nothing(world, client_for) -> None:
    review = review_with_window(world, opens=-10, closes=-1)
    client = client_for(world.users[Role.COORDINATOR])
    url = reverse("agreements:review-close", args=[review.pk])
    assert client.get(url).status_code == 200  # the form, open in a first tab
    first = {"decision": ReviewDecision.RENEWED, "reason": "Renewed.", "comment_summary": "Few."}
    assert client.post(url, first).status_code == 302  # closed in a second tab
    closed = _state(review)

    response = client.post(
        url, {"decision": ReviewDecision.REVISED, "reason": "Stale.", "comment_summary": "Old."}
    )

    assert response.status_code == 302
    assert _state(review) == closed
    assert review.decision == ReviewDecision.RENEWED
    assert review.closed_on == today()


def test_a_logged_in_participant_who_comments_leaves_no_trace_in_their_session_or_the_review(
    world, client_for
) -> None:
    review = review_with_window(world)
    the_principal = world.users[Role.PRINCIPAL]
    ReviewParticipantFactory(review=review, name="Principal Bell", user=the_principal)
    client = client_for(the_principal)
    client.get(reverse("agreements:review", args=[review.pk]))
    sessions = list(Session.objects.values_list("session_key", "session_data", "expire_date"))
    updated_at = review.updated_at

    posted = client.post(
        reverse("agreements:public-comment", args=[review.pk]), {"text": "Signed: nobody."}
    )
    client.get(posted.url)

    assert posted.status_code == 303
    assert list(Session.objects.values_list("session_key", "session_data", "expire_date")) == (
        sessions
    )
    review.refresh_from_db()
    assert review.updated_at == updated_at
