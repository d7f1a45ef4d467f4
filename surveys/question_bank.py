"""The default SECURe-aligned question bank, one template per respondent group.

Written for a middle-school reading level: short sentences, everyday words, one
idea per question. Codes are shared between groups where the question asks the
same thing, so "all groups" figures and year-on-year comparisons line up.
"""

from __future__ import annotations

from surveys.models import QuestionKind, RespondentGroup

DEFAULT_TEMPLATE_NAME = "SECURe default"

A = QuestionKind.AGREE
YN = QuestionKind.YES_NO
CH = QuestionKind.CHOICE
TX = QuestionKind.TEXT

CONTACT_CHOICES = [
    {"value": "weekly", "text": {"en": "Every week or more", "es": "Cada semana o más"}},
    {"value": "monthly", "text": {"en": "About once a month", "es": "Más o menos una vez al mes"}},
    {"value": "rarely", "text": {"en": "A few times a year", "es": "Algunas veces al año"}},
    {"value": "never", "text": {"en": "Never", "es": "Nunca"}},
]


def _q(code: str, kind: str, en: str, es: str, choices: list | None = None) -> dict:
    return {"code": code, "kind": kind, "text": {"en": en, "es": es}, "choices": choices or []}


COMMENT = _q(
    "comment",
    TX,
    "Is there anything else you want to tell us about this officer? Please don't write names.",
    "¿Quiere decirnos algo más sobre este oficial? Por favor, no escriba nombres.",
)

BANK: dict[str, list[dict]] = {
    RespondentGroup.STUDENT: [
        _q(
            "fair_treatment",
            A,
            "The officer treats all students fairly, no matter their race, disability or background.",
            "El oficial trata a todos los estudiantes de manera justa, sin importar su raza, discapacidad u origen.",
        ),
        _q(
            "respect",
            A,
            "The officer talks to students with respect.",
            "El oficial habla con los estudiantes con respeto.",
        ),
        _q(
            "comfort_help",
            A,
            "I would feel OK going to the officer for help.",
            "Me sentiría bien si le pido ayuda al oficial.",
        ),
        _q(
            "calms_situations",
            A,
            "When there is a problem, the officer helps calm things down instead of making it worse.",
            "Cuando hay un problema, el oficial ayuda a calmar la situación en vez de empeorarla.",
        ),
        _q(
            "stays_out_of_discipline",
            A,
            "The officer leaves normal school rules, like being late or dress code, to teachers and the principal.",
            "El oficial deja las reglas normales de la escuela, como llegar tarde o el código de vestimenta, a los maestros y al director.",
        ),
        _q(
            "listens",
            A,
            "The officer listens to students' side of the story.",
            "El oficial escucha lo que los estudiantes tienen que decir.",
        ),
        _q(
            "feel_safe",
            A,
            "I feel safer at school because the officer is here.",
            "Me siento más seguro en la escuela porque el oficial está aquí.",
        ),
        _q(
            "knows_role",
            YN,
            "Do you know what the officer's job at your school is?",
            "¿Sabe cuál es el trabajo del oficial en su escuela?",
        ),
        _q(
            "contact",
            CH,
            "How often do you talk with the officer?",
            "¿Con qué frecuencia habla con el oficial?",
            CONTACT_CHOICES,
        ),
        COMMENT,
    ],
    RespondentGroup.FAMILY: [
        _q(
            "fair_treatment",
            A,
            "The officer treats all students fairly, no matter their race, disability or background.",
            "El oficial trata a todos los estudiantes de manera justa, sin importar su raza, discapacidad u origen.",
        ),
        _q(
            "respect",
            A,
            "The officer treats my child with respect.",
            "El oficial trata a mi hijo o hija con respeto.",
        ),
        _q(
            "comfort_help",
            A,
            "My child would feel OK going to the officer for help.",
            "Mi hijo o hija se sentiría bien si le pide ayuda al oficial.",
        ),
        _q(
            "calms_situations",
            A,
            "When there is a problem, the officer helps calm things down instead of making it worse.",
            "Cuando hay un problema, el oficial ayuda a calmar la situación en vez de empeorarla.",
        ),
        _q(
            "stays_out_of_discipline",
            A,
            "The officer leaves normal school rules to teachers and the principal.",
            "El oficial deja las reglas normales de la escuela a los maestros y al director.",
        ),
        _q(
            "talks_with_families",
            A,
            "The officer talks with families in a respectful way.",
            "El oficial habla con las familias de manera respetuosa.",
        ),
        _q(
            "feel_safe",
            A,
            "My child is safer at school because the officer is there.",
            "Mi hijo o hija está más seguro en la escuela porque el oficial está allí.",
        ),
        _q(
            "language_access",
            YN,
            "Could you talk with the officer in the language you prefer?",
            "¿Pudo hablar con el oficial en el idioma que usted prefiere?",
        ),
        _q(
            "knows_role",
            YN,
            "Do you know what the officer's job at the school is?",
            "¿Sabe cuál es el trabajo del oficial en la escuela?",
        ),
        COMMENT,
    ],
    RespondentGroup.STAFF: [
        _q(
            "fair_treatment",
            A,
            "The officer treats all students fairly, no matter their race, disability or background.",
            "El oficial trata a todos los estudiantes de manera justa, sin importar su raza, discapacidad u origen.",
        ),
        _q(
            "respect",
            A,
            "The officer talks to students with respect.",
            "El oficial habla con los estudiantes con respeto.",
        ),
        _q(
            "comfort_help",
            A,
            "Students feel OK going to the officer for help.",
            "Los estudiantes se sienten bien al pedirle ayuda al oficial.",
        ),
        _q(
            "calms_situations",
            A,
            "When there is a problem, the officer helps calm things down instead of making it worse.",
            "Cuando hay un problema, el oficial ayuda a calmar la situación en vez de empeorarla.",
        ),
        _q(
            "stays_out_of_discipline",
            A,
            "The officer stays out of normal school discipline, which is the staff's job.",
            "El oficial no se mete en la disciplina escolar normal, que es trabajo del personal.",
        ),
        _q(
            "uses_alternatives",
            A,
            "When it is safe, the officer uses warnings, referrals or other steps instead of tickets or arrests.",
            "Cuando es seguro, el oficial usa advertencias, remisiones u otros pasos en vez de multas o arrestos.",
        ),
        _q(
            "know_when_to_call",
            A,
            "I know when I should call the officer and when a school staff member should handle it.",
            "Sé cuándo debo llamar al oficial y cuándo lo debe resolver alguien del personal escolar.",
        ),
        _q(
            "works_with_staff",
            A,
            "The officer works well with teachers, counselors and the principal.",
            "El oficial trabaja bien con los maestros, los consejeros y el director.",
        ),
        _q(
            "feel_safe",
            A,
            "Our school is safer because the officer is here.",
            "Nuestra escuela es más segura porque el oficial está aquí.",
        ),
        _q(
            "contact",
            CH,
            "How often do you work with the officer?",
            "¿Con qué frecuencia trabaja con el oficial?",
            CONTACT_CHOICES,
        ),
        COMMENT,
    ],
    RespondentGroup.PEER: [
        _q(
            "fair_treatment",
            A,
            "This officer treats all students fairly, no matter their race, disability or background.",
            "Este oficial trata a todos los estudiantes de manera justa, sin importar su raza, discapacidad u origen.",
        ),
        _q(
            "respect",
            A,
            "This officer talks to students with respect.",
            "Este oficial habla con los estudiantes con respeto.",
        ),
        _q(
            "comfort_help",
            A,
            "Students seem OK going to this officer for help.",
            "Los estudiantes parecen sentirse bien al pedirle ayuda a este oficial.",
        ),
        _q(
            "calms_situations",
            A,
            "This officer is good at calming tense situations.",
            "Este oficial sabe calmar situaciones tensas.",
        ),
        _q(
            "stays_out_of_discipline",
            A,
            "This officer leaves normal school discipline to school staff.",
            "Este oficial deja la disciplina escolar normal al personal de la escuela.",
        ),
        _q(
            "uses_alternatives",
            A,
            "When it is safe, this officer uses warnings, referrals or other steps instead of tickets or arrests.",
            "Cuando es seguro, este oficial usa advertencias, remisiones u otros pasos en vez de multas o arrestos.",
        ),
        _q(
            "follows_mou",
            A,
            "This officer follows the agreement (MOU) between the school district and our agency.",
            "Este oficial cumple el acuerdo (MOU) entre el distrito escolar y nuestra agencia.",
        ),
        _q(
            "keeps_training",
            A,
            "This officer keeps up with training for working with young people.",
            "Este oficial se mantiene al día con la capacitación para trabajar con jóvenes.",
        ),
        _q(
            "good_example",
            YN,
            "Would this officer be a good example for a new school resource officer?",
            "¿Sería este oficial un buen ejemplo para un nuevo oficial escolar?",
        ),
        COMMENT,
    ],
}
