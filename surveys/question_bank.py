"""The default SECURe-aligned question bank, one template per respondent group.

Written for a middle-school reading level: short sentences, everyday words, one
idea per question. Codes are shared between groups where the question asks the
same thing, so "all groups" figures and year-on-year comparisons line up.

Spanish, reviewed for a 12-year-old reader:

* Formal "usted" throughout, plain words ("multas", "reglas sobre la ropa", "cada
  cuánto"), no word a student would look up ("remisiones", "código de vestimenta").
* The officer: Spanish marks the officer's gender in the article ("el oficial" / "la
  oficial"). Each question that names the officer is written once with placeholders
  (``{El}``, ``{el}``, ``{al}``, ``{del}``) and becomes three texts: ``es-f`` for
  an officer whose form of address is feminine ("la oficial"), ``es-m`` for masculine
  ("el oficial"), and the neutral ``es`` that assumes nothing ("el o la oficial"), used
  until someone records the officer's form of address. "El o la oficial" is what a
  student reads on school forms ("el o la estudiante"); it is used everywhere the
  neutral text names the officer, so the survey reads the same from one question to
  the next. ``Question.text_for`` picks the text.
* The respondent: nothing marks the reader's own gender ("Me siento con más
  seguridad", never "más seguro"/"más segura"). Other people are named in the
  ordinary plural ("los estudiantes", "los maestros"), or in both forms where one
  person is meant ("mi hijo o hija", "el director o la directora").
* The comment question doesn't say "don't write names": the page's hint below the box
  says it, and saying it twice reads as a scolding.

Parents' notice (PPRA, 20 U.S.C. 1232h(b)): each question lists the protected areas
it touches in ``protected_areas``. The areas are about what the answering student
reveals of themself or their family, so a question asking the student's opinion of
the officer touches none, even when it mentions race or disability: the student
judges the officer, they don't disclose their own race or disability. Two student
questions do touch "illegal, anti-social, self-incriminating or demeaning behavior":

* ``contact`` (how often the student talks with the officer): for a student, regular
  dealings with a police officer at school often follow their own behaviour, so the
  answer can incriminate. Read cautiously on purpose: a notice costs a letter home,
  a missing one breaks the law.
* ``comment`` (free text about the officer): it invites the student to tell what
  happened between them and the officer, which is where stops, searches, tickets and
  arrests would be told.

The family, staff and peer questions ask adults about the officer; PPRA protects
students answering a survey, and none of these questions asks the adult about their
child's behaviour, so none is tagged.
"""

from __future__ import annotations

from surveys.models import ProtectedArea, QuestionKind, RespondentGroup

DEFAULT_TEMPLATE_NAME = "SECURe default"

A = QuestionKind.AGREE
YN = QuestionKind.YES_NO
CH = QuestionKind.CHOICE
TX = QuestionKind.TEXT
ILLEGAL = ProtectedArea.ILLEGAL_BEHAVIOR

# How the Spanish names the officer, per text key: the neutral text, then the feminine
# and masculine variants (the keys ``Question.text_for`` reads).
OFFICER_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "El": "El o la",
        "el": "el o la",
        "al": "al o a la",
        "del": "del o de la",
    },
    "es-f": {"El": "La", "el": "la", "al": "a la", "del": "de la"},
    "es-m": {"El": "El", "el": "el", "al": "al", "del": "del"},
}

CONTACT_CHOICES = [
    {"value": "weekly", "text": {"en": "Every week or more", "es": "Cada semana o más"}},
    {"value": "monthly", "text": {"en": "About once a month", "es": "Más o menos una vez al mes"}},
    {"value": "rarely", "text": {"en": "A few times a year", "es": "Algunas veces al año"}},
    {"value": "never", "text": {"en": "Never", "es": "Nunca"}},
]


def _q(
    code: str,
    kind: str,
    en: str,
    es: str,
    choices: list | None = None,
    areas: tuple[str, ...] = (),
) -> dict:
    """A question spec; ``es`` with officer placeholders becomes the neutral text and
    its feminine and masculine variants."""
    if "{" in es:
        text = {"en": en} | {key: es.format(**words) for key, words in OFFICER_WORDS.items()}
    else:
        text = {"en": en, "es": es}
    return {
        "code": code,
        "kind": kind,
        "text": text,
        "choices": choices or [],
        "protected_areas": [str(area) for area in areas],
    }


FAIR = _q(
    "fair_treatment",
    A,
    "The officer treats all students fairly, no matter their race, disability or background.",
    "{El} oficial trata a todos los estudiantes de manera justa, sin importar su raza, "
    "discapacidad u origen.",
)
CALMS = _q(
    "calms_situations",
    A,
    "When there is a problem, the officer helps calm things down instead of making it worse.",
    "Cuando hay un problema, {el} oficial ayuda a calmar las cosas en lugar de empeorarlas.",
)
USES_ALTERNATIVES_ES = (
    "Cuando no hay peligro, {el} oficial usa advertencias, envía al estudiante a un programa "
    "de ayuda o da otros pasos en lugar de poner multas o arrestar."
)
COMMENT_EN = "Is there anything else you want to tell us about this officer?"
COMMENT_ES = "¿Hay algo más que quiera decirnos sobre {el} oficial?"
COMMENT = _q("comment", TX, COMMENT_EN, COMMENT_ES)

BANK: dict[str, list[dict]] = {
    RespondentGroup.STUDENT: [
        FAIR,
        _q(
            "respect",
            A,
            "The officer talks to students with respect.",
            "{El} oficial habla con respeto a los estudiantes.",
        ),
        _q(
            "comfort_help",
            A,
            "I would feel OK going to the officer for help.",
            "Me sentiría bien pidiéndole ayuda {al} oficial.",
        ),
        CALMS,
        _q(
            "stays_out_of_discipline",
            A,
            "The officer leaves normal school rules, like being late or dress code, to teachers "
            "and the principal.",
            "{El} oficial deja las reglas normales de la escuela, como llegar tarde o las reglas "
            "sobre la ropa, a los maestros y al director o la directora.",
        ),
        _q(
            "listens",
            A,
            "The officer listens to students' side of the story.",
            "{El} oficial escucha lo que los estudiantes tienen que decir.",
        ),
        _q(
            "feel_safe",
            A,
            "I feel safer at school because the officer is here.",
            "Me siento con más seguridad en la escuela porque {el} oficial está aquí.",
        ),
        _q(
            "knows_role",
            YN,
            "Do you know what the officer's job at your school is?",
            "¿Sabe cuál es el trabajo {del} oficial en su escuela?",
        ),
        _q(
            "contact",
            CH,
            "How often do you talk with the officer?",
            "¿Cada cuánto habla usted con {el} oficial?",
            CONTACT_CHOICES,
            areas=(ILLEGAL,),
        ),
        _q("comment", TX, COMMENT_EN, COMMENT_ES, areas=(ILLEGAL,)),
    ],
    RespondentGroup.FAMILY: [
        FAIR,
        _q(
            "respect",
            A,
            "The officer treats my child with respect.",
            "{El} oficial trata con respeto a mi hijo o hija.",
        ),
        _q(
            "comfort_help",
            A,
            "My child would feel OK going to the officer for help.",
            "Mi hijo o hija se sentiría bien pidiéndole ayuda {al} oficial.",
        ),
        CALMS,
        _q(
            "stays_out_of_discipline",
            A,
            "The officer leaves normal school rules to teachers and the principal.",
            "{El} oficial deja las reglas normales de la escuela a los maestros y al director "
            "o la directora.",
        ),
        _q(
            "talks_with_families",
            A,
            "The officer talks with families in a respectful way.",
            "{El} oficial habla con respeto a las familias.",
        ),
        _q(
            "feel_safe",
            A,
            "My child is safer at school because the officer is there.",
            "Hay más seguridad para mi hijo o hija en la escuela porque {el} oficial está allí.",
        ),
        _q(
            "language_access",
            YN,
            "Could you talk with the officer in the language you prefer?",
            "¿Pudo hablar con {el} oficial en el idioma que usted prefiere?",
        ),
        _q(
            "knows_role",
            YN,
            "Do you know what the officer's job at the school is?",
            "¿Sabe cuál es el trabajo {del} oficial en la escuela?",
        ),
        COMMENT,
    ],
    RespondentGroup.STAFF: [
        FAIR,
        _q(
            "respect",
            A,
            "The officer talks to students with respect.",
            "{El} oficial habla con respeto a los estudiantes.",
        ),
        _q(
            "comfort_help",
            A,
            "Students feel OK going to the officer for help.",
            "Los estudiantes se sienten bien pidiéndole ayuda {al} oficial.",
        ),
        CALMS,
        _q(
            "stays_out_of_discipline",
            A,
            "The officer stays out of normal school discipline, which is the staff's job.",
            "{El} oficial no se mete en la disciplina normal de la escuela, que es trabajo del "
            "personal escolar.",
        ),
        _q(
            "uses_alternatives",
            A,
            "When it is safe, the officer uses warnings, referrals or other steps instead of tickets "
            "or arrests.",
            USES_ALTERNATIVES_ES,
        ),
        _q(
            "know_when_to_call",
            A,
            "I know when I should call the officer and when a school staff member should handle it.",
            "Sé cuándo debo llamar {al} oficial y cuándo lo debe resolver alguien del personal "
            "escolar.",
        ),
        _q(
            "works_with_staff",
            A,
            "The officer works well with teachers, counselors and the principal.",
            "{El} oficial trabaja bien con los maestros, los consejeros y el director o la "
            "directora.",
        ),
        _q(
            "feel_safe",
            A,
            "Our school is safer because the officer is here.",
            "Hay más seguridad en nuestra escuela porque {el} oficial está aquí.",
        ),
        _q(
            "contact",
            CH,
            "How often do you work with the officer?",
            "¿Cada cuánto trabaja usted con {el} oficial?",
            CONTACT_CHOICES,
        ),
        COMMENT,
    ],
    RespondentGroup.PEER: [
        _q(
            "fair_treatment",
            A,
            "This officer treats all students fairly, no matter their race, disability or "
            "background.",
            "{El} oficial trata a todos los estudiantes de manera justa, sin importar su raza, "
            "discapacidad u origen.",
        ),
        _q(
            "respect",
            A,
            "This officer talks to students with respect.",
            "{El} oficial habla con respeto a los estudiantes.",
        ),
        _q(
            "comfort_help",
            A,
            "Students seem OK going to this officer for help.",
            "Los estudiantes parecen sentirse bien pidiéndole ayuda {al} oficial.",
        ),
        _q(
            "calms_situations",
            A,
            "This officer is good at calming tense situations.",
            "{El} oficial sabe calmar situaciones tensas.",
        ),
        _q(
            "stays_out_of_discipline",
            A,
            "This officer leaves normal school discipline to school staff.",
            "{El} oficial deja la disciplina normal de la escuela al personal escolar.",
        ),
        _q(
            "uses_alternatives",
            A,
            "When it is safe, this officer uses warnings, referrals or other steps instead of tickets "
            "or arrests.",
            USES_ALTERNATIVES_ES,
        ),
        _q(
            "follows_mou",
            A,
            "This officer follows the agreement (MOU) between the school district and our agency.",
            "{El} oficial cumple el acuerdo (MOU) entre el distrito escolar y nuestra agencia.",
        ),
        _q(
            "keeps_training",
            A,
            "This officer keeps up with training for working with young people.",
            "{El} oficial se mantiene al día con la capacitación para trabajar con jóvenes.",
        ),
        _q(
            "good_example",
            YN,
            "Would this officer be a good example for a new school resource officer?",
            "¿Sería {el} oficial un buen ejemplo para alguien que empieza como oficial escolar?",
        ),
        COMMENT,
    ],
}
