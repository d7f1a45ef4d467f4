"""The printed parents' notice never splits a question from its notes: a page that
starts with "This question touches: ..." or the answers to choose from, without the
question they belong to, reads as nonsense to a parent (issue 20 walk-through)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from roster.models import Role
from tests.factories.surveys import make_campaign, make_notice, tag_student_questions

pytestmark = pytest.mark.django_db

NOTES = ("This question touches", "Answers to choose from", "Esta pregunta toca", "Respuestas")
# Every question of the student template tagged, so every one carries notes.
AREAS = ["illegal_behavior", "mental_health"]


def test_no_page_starts_with_a_questions_notes(world, client) -> None:
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        with_notice=False,
    )
    from surveys.models import CampaignGroup, RespondentGroup

    template = CampaignGroup.objects.get(campaign=campaign, group=RespondentGroup.STUDENT).template
    tag_student_questions(campaign, {q.code: AREAS for q in template.questions.all()})
    notice = make_notice(campaign, actor=world.users[Role.COORDINATOR])
    # A longer or shorter note moves every page break: try where each one falls.
    for lines in range(0, 14):
        notice.note_en = " ".join(["Ask us at the open house."] * (lines * 6))
        notice.note_es = " ".join(["Pregúntenos en la reunión."] * (lines * 6))
        notice.save()
        pdf = client.get(f"/public/surveys/notices/{notice.token}/letter.pdf").content
        for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages[1:], start=2):
            text = " ".join(page.extract_text().split())
            assert not text.startswith(NOTES), (lines, number, text[:80])
