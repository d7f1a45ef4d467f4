"""Survey templates, campaigns, access codes and anonymous responses.

The anonymity invariants of ARCHITECTURE.md shape these tables:

* ``Response`` and ``Answer`` hold no user, IP, user agent, code reference and no
  time (not even a day, which could be matched against server logs). Their keys
  are random UUIDs, so not even insertion order can be read from them.
* ``AccessCode`` stores only a keyed hash of the code and a ``spent`` flag; a spent
  code records nothing that points to the response it paid for.
* Nobody reads responses one by one: their querysets answer nothing through
  ``visible_to`` for any role, superusers included. Results are aggregates computed
  by ``surveys.selectors`` at read time.

One module per table family; this package re-exports them, so ``surveys.models`` stays
the one address to import from outside the package (modules inside it import the
sibling that defines a name, never this ``__init__``).
"""

from __future__ import annotations

from surveys.models.campaigns import AccessCode, Campaign, CampaignGroup, CodeBatch
from surveys.models.choices import (
    FAVOURABLE_MIN,
    MAX_TEXT_ANSWER,
    Language,
    ProtectedArea,
    QuestionKind,
    RespondentGroup,
    answer_value_key,
)
from surveys.models.questions import Question, SurveyTemplate
from surveys.models.releases import (
    RESPONDENTS_CODE,
    ReleasedComment,
    ReleasedCount,
    SurveyRelease,
)
from surveys.models.responses import Answer, Response

__all__ = [
    "FAVOURABLE_MIN",
    "MAX_TEXT_ANSWER",
    "RESPONDENTS_CODE",
    "AccessCode",
    "Answer",
    "Campaign",
    "CampaignGroup",
    "CodeBatch",
    "Language",
    "ProtectedArea",
    "Question",
    "QuestionKind",
    "ReleasedComment",
    "ReleasedCount",
    "RespondentGroup",
    "Response",
    "SurveyRelease",
    "SurveyTemplate",
    "answer_value_key",
]

from surveys.models.notices import (
    AREA_PLAIN_WORDS,
    OptOut,
    ParentNotice,
)

__all__ += ["AREA_PLAIN_WORDS", "OptOut", "ParentNotice"]
