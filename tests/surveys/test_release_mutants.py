"""Tests written for the mutants of ``surveys/services/releases.py`` that survived
the mutation run (mutation/survey_release.toml): each is an attack a survivor let
through, and each was seen to fail with its mutant applied."""

from __future__ import annotations

import pytest

from core.dates import today
from core.errors import ApplicationError
from roster.models import Role
from surveys.models import ReleasedCount, RespondentGroup, SurveyRelease
from surveys.services import release_create
from tests.factories.surveys import submit_many

pytestmark = pytest.mark.django_db

STUDENT = RespondentGroup.STUDENT


def test_a_release_on_the_campaigns_last_day_is_refused(survey) -> None:
    """A coordinator releasing on the closing day, then reading again after a last
    student answers that evening, would see the figures move by one person."""
    submit_many(survey.campaign, STUDENT, survey.school, survey.officer, 6)
    survey.campaign.closes_on = today()
    survey.campaign.save(update_fields=["closes_on", "updated_at"])
    with pytest.raises(ApplicationError, match="is open until"):
        release_create(campaign=survey.campaign, actor=survey.world.users[Role.COORDINATOR])
    assert not SurveyRelease.objects.exists()
    assert not ReleasedCount.objects.exists()
