"""Question texts agree with the officer in Spanish, the default bank reads well for a
12-year-old, carries its PPRA tags, and the migration brings untouched default questions
to the new wording without touching a district's own."""

from __future__ import annotations

import importlib
import re

import pytest
from django.core.exceptions import ValidationError

from roster.models import FormOfAddress
from surveys.models import ProtectedArea, Question, QuestionKind, RespondentGroup, SurveyTemplate
from surveys.question_bank import BANK
from surveys.services import template_create, templates_install_default
from tests.factories.roster import DistrictFactory

migration = importlib.import_module("surveys.migrations.0009_question_wording_gender")

STUDENT = RespondentGroup.STUDENT
FEMININE, MASCULINE, NEUTRAL = (
    FormOfAddress.FEMININE,
    FormOfAddress.MASCULINE,
    FormOfAddress.NEUTRAL,
)
GENDERED = {
    "en": "The officer listens.",
    "es": "El o la oficial escucha.",
    "es-f": "La oficial escucha.",
    "es-m": "El oficial escucha.",
}
BANK_QUESTIONS = [(group, q) for group, questions in BANK.items() for q in questions]


def _question(text: dict, **fields) -> Question:
    return Question(code="listens", kind=QuestionKind.AGREE, position=1, text=text, **fields)


def _spanish_texts(question: dict) -> dict[str, str]:
    return {key: text for key, text in question["text"].items() if key.startswith("es")}


# text_for


@pytest.mark.parametrize(
    ("form_of_address", "expected"),
    [
        (FEMININE, "La oficial escucha."),
        (MASCULINE, "El oficial escucha."),
        (NEUTRAL, "El o la oficial escucha."),
    ],
)
def test_text_for_picks_the_spanish_that_agrees_with_the_officer(form_of_address, expected) -> None:
    assert _question(GENDERED).text_for("es", form_of_address) == expected


def test_text_for_reads_a_region_as_its_language() -> None:
    assert _question(GENDERED).text_for("es-MX", FEMININE) == "La oficial escucha."


def test_english_has_one_text_for_every_officer() -> None:
    question = _question(GENDERED)
    assert {question.text_for("en", f) for f in FormOfAddress.values} == {"The officer listens."}


def test_without_variants_every_officer_gets_the_neutral_text() -> None:
    question = _question({"en": "The officer listens.", "es": "El o la oficial escucha."})
    assert question.text_for("es", FEMININE) == "El o la oficial escucha."
    assert question.text_for("es", MASCULINE) == "El o la oficial escucha."


def test_a_language_without_a_text_falls_back_to_english() -> None:
    assert _question(GENDERED).text_for("fr", FEMININE) == "The officer listens."


def test_text_in_keeps_answering_the_neutral_text() -> None:
    assert _question(GENDERED).text_in("es") == "El o la oficial escucha."


# Validation


def test_gendered_variants_beside_the_neutral_text_are_valid() -> None:
    _question(GENDERED).clean()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ({"en": "x", "es": "y", "fr-f": "z"}, "'fr-f' for an unknown language"),
        ({"en": "x", "es": "y", "es-x": "z"}, "'es-x'"),
        ({"en": "x", "es": "y", "es-MX": "z"}, "'es-MX'"),
        ({"en": "x", "es-f": "La oficial", "es-m": "El oficial"}, "needs a text in es"),
        ({"en": "x", "es": "  ", "es-f": "La oficial"}, "needs a text in es"),
        ({"en": "x", "es": "y", "es-f": "  "}, "empty text under 'es-f'"),
    ],
)
def test_a_variant_for_an_unknown_language_or_without_its_neutral_text_is_refused(
    text, named
) -> None:
    with pytest.raises(ValidationError) as refused:
        _question(text).clean()
    assert named in str(refused.value)


def test_choices_have_no_gendered_variants() -> None:
    question = Question(
        code="contact",
        kind=QuestionKind.CHOICE,
        position=1,
        text={"en": "How often?", "es": "¿Cada cuánto?"},
        choices=[
            {"value": "weekly", "text": {"en": "Weekly", "es": "Cada semana", "es-f": "x"}},
            {"value": "never", "text": {"en": "Never", "es": "Nunca"}},
        ],
    )
    with pytest.raises(ValidationError, match="only language codes"):
        question.clean()


@pytest.mark.parametrize(
    ("areas", "named"),
    [
        (["illegal"], "Unknown protected area illegal"),
        (["income", "income"], "listed twice"),
        ("income", "by their codes"),
    ],
)
def test_protected_areas_must_be_known_codes_listed_once(areas, named) -> None:
    with pytest.raises(ValidationError) as refused:
        _question({"en": "x", "es": "y"}, protected_areas=areas).clean()
    assert named in str(refused.value)


@pytest.mark.django_db
def test_a_template_with_a_bad_variant_is_refused_and_nothing_is_stored() -> None:
    district = DistrictFactory()
    bad = {**BANK[STUDENT][0], "text": {"en": "x", "es": "y", "fr-f": "z"}}

    with pytest.raises(ValidationError, match="unknown language"):
        template_create(district=district, group=STUDENT, name="Ours", questions=[bad], actor=None)

    assert not SurveyTemplate.objects.filter(district=district).exists()
    assert not Question.objects.exists()


# The default bank


@pytest.mark.parametrize(("group", "question"), BANK_QUESTIONS)
def test_every_bank_question_is_valid(group, question) -> None:
    Question(position=1, **question).clean()


def test_nothing_in_the_bank_marks_the_readers_gender() -> None:
    """ "Me siento más seguro" assumed a boy; no "seguro/segura" in any form is left."""
    for _, question in BANK_QUESTIONS:
        for text in _spanish_texts(question).values():
            assert not re.search(r"\bsegur[oa]s?\b", text, re.IGNORECASE), text


def test_the_comment_question_no_longer_says_no_names_the_page_hint_does() -> None:
    for _, question in BANK_QUESTIONS:
        if question["code"] == "comment":
            assert all("name" not in t and "nombre" not in t for t in question["text"].values())


def test_every_question_naming_the_officer_has_a_feminine_a_masculine_and_a_neutral_text() -> None:
    naming = [q for _, q in BANK_QUESTIONS if "oficial" in q["text"]["es"]]
    assert len(naming) == len(BANK_QUESTIONS), "every bank question is about one officer"
    for question in naming:
        text = question["text"]
        assert {"es", "es-f", "es-m"} <= set(text), question["code"]
        # Neutral: "el o la oficial" (al o a la, del o de la), never one article alone.
        both = re.compile(r"\b(el o la|al o a la|del o de la) oficial", re.I)
        assert both.search(text["es"]), text["es"]
        assert not re.search(r"\b(el|la|al|del) oficial", both.sub("", text["es"]), re.I)
        assert re.search(r"\b(la|a la|de la) oficial", text["es-f"], re.I)
        assert not re.search(r"\b(el|al|del|este) oficial", text["es-f"], re.I), text["es-f"]
        assert re.search(r"\b(el|al|del) oficial", text["es-m"], re.I)
        assert not re.search(r"\bla oficial", text["es-m"], re.I), text["es-m"]


def test_the_bank_speaks_to_the_reader_as_usted() -> None:
    informal = re.compile(r"\b(tú|tu|te|ti|contigo|puedes|quieres|sabes|hablas|sientes)\b", re.I)
    for _, question in BANK_QUESTIONS:
        for text in _spanish_texts(question).values():
            assert not informal.search(text), text


def test_the_bank_tags_protected_areas_with_known_codes() -> None:
    tagged = {
        (group, q["code"]): q["protected_areas"]
        for group, q in BANK_QUESTIONS
        if q["protected_areas"]
    }
    assert tagged == {
        (STUDENT, "contact"): [ProtectedArea.ILLEGAL_BEHAVIOR],
        (STUDENT, "comment"): [ProtectedArea.ILLEGAL_BEHAVIOR],
    }


@pytest.mark.django_db
def test_installed_default_templates_carry_the_variants_and_the_tags() -> None:
    installed = templates_install_default(district=DistrictFactory(), actor=None)

    student = {q.code: q for q in installed[STUDENT].questions.all()}
    assert student["contact"].protected_areas == ["illegal_behavior"]
    assert student["fair_treatment"].protected_areas == []
    assert student["feel_safe"].text_for("es", FEMININE) == (
        "Me siento con más seguridad en la escuela porque la oficial está aquí."
    )
    family = {q.code: q for q in installed[RespondentGroup.FAMILY].questions.all()}
    assert family["comment"].protected_areas == []


# The data migration


def _old_default_template(district, group: str = STUDENT, name: str = "SECURe default"):
    """A template as the old bank installed it: old texts, no tags."""
    questions = [
        {**q, "text": migration.OLD[group][q["code"]], "protected_areas": []} for q in BANK[group]
    ]
    return template_create(
        district=district, group=group, name=name, questions=questions, actor=None
    )


def _texts(template) -> dict[str, tuple[dict, list]]:
    return {q.code: (q.text, q.protected_areas) for q in template.questions.all()}


@pytest.mark.django_db
def test_the_migration_rewords_an_untouched_default_template() -> None:
    template = _old_default_template(DistrictFactory())

    changed = migration.reword_default_questions(Question)

    assert changed == len(BANK[STUDENT])
    assert _texts(template) == {q["code"]: (q["text"], q["protected_areas"]) for q in BANK[STUDENT]}
    assert migration.reword_default_questions(Question) == 0, "running it twice changes nothing"


@pytest.mark.django_db
def test_the_migration_leaves_a_districts_own_wording_alone() -> None:
    template = _old_default_template(DistrictFactory())
    edited = template.questions.get(code="feel_safe")
    edited.text = {"en": "I feel safe.", "es": "Me siento seguro y segura."}
    edited.save()
    before = _texts(template)

    migration.reword_default_questions(Question)

    after = _texts(template)
    assert after["feel_safe"] == before["feel_safe"] == (edited.text, [])
    assert after["contact"] != before["contact"], "the untouched questions are reworded"


@pytest.mark.django_db
def test_the_migration_keeps_a_districts_own_tags_and_adds_the_banks() -> None:
    template = _old_default_template(DistrictFactory())
    template.questions.filter(code="contact").update(protected_areas=["mental_health"])

    migration.reword_default_questions(Question)

    contact = template.questions.get(code="contact")
    assert contact.protected_areas == ["mental_health", "illegal_behavior"]


@pytest.mark.django_db
def test_the_migration_reverses_to_the_old_texts() -> None:
    district = DistrictFactory()
    templates = [_old_default_template(district, group) for group in RespondentGroup.values]
    before = [_texts(t) for t in templates]

    migration.reword_default_questions(Question)
    migration.reword_default_questions(Question, forward=False)

    assert [_texts(t) for t in templates] == before


def test_the_migration_knows_every_bank_question_old_and_new() -> None:
    for group, questions in BANK.items():
        codes = [q["code"] for q in questions]
        assert list(migration.OLD[group]) == codes
        assert migration.NEW[group] == {
            q["code"]: {"text": q["text"], "protected_areas": q["protected_areas"]}
            for q in questions
        }, "the frozen new texts are today's bank"
