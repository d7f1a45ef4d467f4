"""Templates and their versions: a template a campaign uses never changes again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from core.audit import audit_record
from core.errors import ApplicationError
from roster.models import District
from surveys.models import Question, RespondentGroup, SurveyTemplate
from surveys.question_bank import BANK, DEFAULT_TEMPLATE_NAME

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _add_questions(template: SurveyTemplate, questions: list[dict]) -> None:
    if not questions:
        raise ApplicationError("A survey needs at least one question.")
    seen = set()
    for position, spec in enumerate(questions, start=1):
        code = spec.get("code", "")
        if code in seen:
            raise ApplicationError(f"Two questions use the code {code!r}.")
        seen.add(code)
        question = Question(
            template=template,
            position=position,
            code=code,
            kind=spec.get("kind", ""),
            text=spec.get("text") or {},
            choices=spec.get("choices") or [],
            protected_areas=spec.get("protected_areas") or [],
        )
        question.full_clean(exclude=["template"])
        question.save()


@transaction.atomic
def template_create(
    *, district: District, group: str, name: str, questions: list[dict], actor: User
) -> SurveyTemplate:
    """A new template, or the next version of one with the same name and group."""
    latest = SurveyTemplate.objects.filter(district=district, group=group, name=name).aggregate(
        v=Max("version")
    )["v"]
    template = SurveyTemplate(district=district, group=group, name=name, version=(latest or 0) + 1)
    template.full_clean()
    template.save()
    _add_questions(template, questions)
    audit_record(
        actor=actor,
        action="surveys.template_created",
        target=template,
        district=district,
        changes={"version": [None, template.version], "questions": [None, len(questions)]},
    )
    return template


def template_in_use(*, template: SurveyTemplate) -> bool:
    return template.campaign_groups.exists()


@transaction.atomic
def template_revise(
    *, template: SurveyTemplate, questions: list[dict], actor: User
) -> SurveyTemplate:
    """Replace the questions; once a campaign uses the template, make a new version instead."""
    template = SurveyTemplate.objects.select_for_update().get(pk=template.pk)
    if template_in_use(template=template):
        return template_create(
            district=template.district,
            group=template.group,
            name=template.name,
            questions=questions,
            actor=actor,
        )
    before = list(template.questions.values_list("code", flat=True))
    template.questions.all().delete()
    _add_questions(template, questions)
    template.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action="surveys.template_revised",
        target=template,
        district=template.district_id,
        changes={"questions": [before, [q["code"] for q in questions]]},
    )
    return template


@transaction.atomic
def templates_install_default(*, district: District, actor: User) -> dict[str, SurveyTemplate]:
    """The default SECURe-aligned bank for each group; existing ones are kept."""
    installed = {}
    for group in RespondentGroup.values:
        existing = (
            SurveyTemplate.objects.filter(
                district=district, group=group, name=DEFAULT_TEMPLATE_NAME
            )
            .order_by("-version")
            .first()
        )
        installed[group] = existing or template_create(
            district=district,
            group=group,
            name=DEFAULT_TEMPLATE_NAME,
            questions=BANK[group],
            actor=actor,
        )
    return installed
