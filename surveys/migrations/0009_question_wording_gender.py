"""The default question bank's reviewed wording, on the questions districts already have.

Templates installed from the default bank (surveys.question_bank) before this release
hold the old texts: "El oficial trata a todos..." for every officer, "Me siento más
seguro" (the reader's gender), and a comment question repeating "Please don't write
names" under the page's own hint. This migration gives each stored question whose text
is still exactly the old default (both languages, compared as a whole) the reviewed
texts, with the feminine and masculine Spanish variants, and adds the bank's PPRA tags
(protected_areas) to the ones it had. A question whose text a district edited is left
as it is, tags included: the district's wording is theirs to review.

Templates already used by a campaign are updated too, though their questions otherwise
never change: the codes, kinds and choices stay, the English is the same except the
comment question's repeated sentence, and the Spanish says the same thing in words that
agree with the officer. Results line up as before. The tags mean a student campaign on
such a template needs its parents' notice, which the law asked for all along.

The texts are frozen here (OLD, NEW): the bank module may change later, this
migration must not.

Reverse: questions whose text is exactly the new default get the old text back, and
their tags are emptied if they are exactly the ones this migration added (a district's
own tags stay).
"""

from __future__ import annotations

from django.db import migrations

# group -> code -> text, as surveys.question_bank had them before this migration.
OLD = {
    "student": {
        "fair_treatment": {
            "en": "The officer treats all students fairly, no matter their "
            "race, disability or background.",
            "es": "El oficial trata a todos los estudiantes de manera justa, "
            "sin importar su raza, discapacidad u origen.",
        },
        "respect": {
            "en": "The officer talks to students with respect.",
            "es": "El oficial habla con los estudiantes con respeto.",
        },
        "comfort_help": {
            "en": "I would feel OK going to the officer for help.",
            "es": "Me sentiría bien si le pido ayuda al oficial.",
        },
        "calms_situations": {
            "en": "When there is a problem, the officer helps calm things "
            "down instead of making it worse.",
            "es": "Cuando hay un problema, el oficial ayuda a calmar la "
            "situación en vez de empeorarla.",
        },
        "stays_out_of_discipline": {
            "en": "The officer leaves normal school rules, like being "
            "late or dress code, to teachers and the principal.",
            "es": "El oficial deja las reglas normales de la escuela, "
            "como llegar tarde o el código de vestimenta, a los "
            "maestros y al director.",
        },
        "listens": {
            "en": "The officer listens to students' side of the story.",
            "es": "El oficial escucha lo que los estudiantes tienen que decir.",
        },
        "feel_safe": {
            "en": "I feel safer at school because the officer is here.",
            "es": "Me siento más seguro en la escuela porque el oficial está aquí.",
        },
        "knows_role": {
            "en": "Do you know what the officer's job at your school is?",
            "es": "¿Sabe cuál es el trabajo del oficial en su escuela?",
        },
        "contact": {
            "en": "How often do you talk with the officer?",
            "es": "¿Con qué frecuencia habla con el oficial?",
        },
        "comment": {
            "en": "Is there anything else you want to tell us about this officer? "
            "Please don't write names.",
            "es": "¿Quiere decirnos algo más sobre este oficial? Por favor, no escriba nombres.",
        },
    },
    "family": {
        "fair_treatment": {
            "en": "The officer treats all students fairly, no matter their "
            "race, disability or background.",
            "es": "El oficial trata a todos los estudiantes de manera justa, "
            "sin importar su raza, discapacidad u origen.",
        },
        "respect": {
            "en": "The officer treats my child with respect.",
            "es": "El oficial trata a mi hijo o hija con respeto.",
        },
        "comfort_help": {
            "en": "My child would feel OK going to the officer for help.",
            "es": "Mi hijo o hija se sentiría bien si le pide ayuda al oficial.",
        },
        "calms_situations": {
            "en": "When there is a problem, the officer helps calm things "
            "down instead of making it worse.",
            "es": "Cuando hay un problema, el oficial ayuda a calmar la "
            "situación en vez de empeorarla.",
        },
        "stays_out_of_discipline": {
            "en": "The officer leaves normal school rules to teachers and the principal.",
            "es": "El oficial deja las reglas normales de la escuela a los maestros y al director.",
        },
        "talks_with_families": {
            "en": "The officer talks with families in a respectful way.",
            "es": "El oficial habla con las familias de manera respetuosa.",
        },
        "feel_safe": {
            "en": "My child is safer at school because the officer is there.",
            "es": "Mi hijo o hija está más seguro en la escuela porque el oficial está allí.",
        },
        "language_access": {
            "en": "Could you talk with the officer in the language you prefer?",
            "es": "¿Pudo hablar con el oficial en el idioma que usted prefiere?",
        },
        "knows_role": {
            "en": "Do you know what the officer's job at the school is?",
            "es": "¿Sabe cuál es el trabajo del oficial en la escuela?",
        },
        "comment": {
            "en": "Is there anything else you want to tell us about this officer? "
            "Please don't write names.",
            "es": "¿Quiere decirnos algo más sobre este oficial? Por favor, no escriba nombres.",
        },
    },
    "staff": {
        "fair_treatment": {
            "en": "The officer treats all students fairly, no matter their race, "
            "disability or background.",
            "es": "El oficial trata a todos los estudiantes de manera justa, sin "
            "importar su raza, discapacidad u origen.",
        },
        "respect": {
            "en": "The officer talks to students with respect.",
            "es": "El oficial habla con los estudiantes con respeto.",
        },
        "comfort_help": {
            "en": "Students feel OK going to the officer for help.",
            "es": "Los estudiantes se sienten bien al pedirle ayuda al oficial.",
        },
        "calms_situations": {
            "en": "When there is a problem, the officer helps calm things down "
            "instead of making it worse.",
            "es": "Cuando hay un problema, el oficial ayuda a calmar la "
            "situación en vez de empeorarla.",
        },
        "stays_out_of_discipline": {
            "en": "The officer stays out of normal school discipline, which is the staff's job.",
            "es": "El oficial no se mete en la disciplina escolar "
            "normal, que es trabajo del personal.",
        },
        "uses_alternatives": {
            "en": "When it is safe, the officer uses warnings, referrals or "
            "other steps instead of tickets or arrests.",
            "es": "Cuando es seguro, el oficial usa advertencias, remisiones "
            "u otros pasos en vez de multas o arrestos.",
        },
        "know_when_to_call": {
            "en": "I know when I should call the officer and when a school "
            "staff member should handle it.",
            "es": "Sé cuándo debo llamar al oficial y cuándo lo debe resolver "
            "alguien del personal escolar.",
        },
        "works_with_staff": {
            "en": "The officer works well with teachers, counselors and the principal.",
            "es": "El oficial trabaja bien con los maestros, los consejeros y el director.",
        },
        "feel_safe": {
            "en": "Our school is safer because the officer is here.",
            "es": "Nuestra escuela es más segura porque el oficial está aquí.",
        },
        "contact": {
            "en": "How often do you work with the officer?",
            "es": "¿Con qué frecuencia trabaja con el oficial?",
        },
        "comment": {
            "en": "Is there anything else you want to tell us about this officer? "
            "Please don't write names.",
            "es": "¿Quiere decirnos algo más sobre este oficial? Por favor, no escriba nombres.",
        },
    },
    "peer": {
        "fair_treatment": {
            "en": "This officer treats all students fairly, no matter their race, "
            "disability or background.",
            "es": "Este oficial trata a todos los estudiantes de manera justa, "
            "sin importar su raza, discapacidad u origen.",
        },
        "respect": {
            "en": "This officer talks to students with respect.",
            "es": "Este oficial habla con los estudiantes con respeto.",
        },
        "comfort_help": {
            "en": "Students seem OK going to this officer for help.",
            "es": "Los estudiantes parecen sentirse bien al pedirle ayuda a este oficial.",
        },
        "calms_situations": {
            "en": "This officer is good at calming tense situations.",
            "es": "Este oficial sabe calmar situaciones tensas.",
        },
        "stays_out_of_discipline": {
            "en": "This officer leaves normal school discipline to school staff.",
            "es": "Este oficial deja la disciplina escolar normal al personal de la escuela.",
        },
        "uses_alternatives": {
            "en": "When it is safe, this officer uses warnings, referrals or "
            "other steps instead of tickets or arrests.",
            "es": "Cuando es seguro, este oficial usa advertencias, remisiones "
            "u otros pasos en vez de multas o arrestos.",
        },
        "follows_mou": {
            "en": "This officer follows the agreement (MOU) between the school "
            "district and our agency.",
            "es": "Este oficial cumple el acuerdo (MOU) entre el distrito escolar y "
            "nuestra agencia.",
        },
        "keeps_training": {
            "en": "This officer keeps up with training for working with young people.",
            "es": "Este oficial se mantiene al día con la capacitación para trabajar con jóvenes.",
        },
        "good_example": {
            "en": "Would this officer be a good example for a new school resource officer?",
            "es": "¿Sería este oficial un buen ejemplo para un nuevo oficial escolar?",
        },
        "comment": {
            "en": "Is there anything else you want to tell us about this officer? Please "
            "don't write names.",
            "es": "¿Quiere decirnos algo más sobre este oficial? Por favor, no escriba nombres.",
        },
    },
}

# group -> code -> the reviewed text (neutral "es", variants "es-f"/"es-m") and the tags.
NEW = {
    "student": {
        "fair_treatment": {
            "text": {
                "en": "The officer treats all students fairly, no matter "
                "their race, disability or background.",
                "es": "El o la oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad u "
                "origen.",
                "es-f": "La oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad "
                "u origen.",
                "es-m": "El oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad "
                "u origen.",
            },
            "protected_areas": [],
        },
        "respect": {
            "text": {
                "en": "The officer talks to students with respect.",
                "es": "El o la oficial habla con respeto a los estudiantes.",
                "es-f": "La oficial habla con respeto a los estudiantes.",
                "es-m": "El oficial habla con respeto a los estudiantes.",
            },
            "protected_areas": [],
        },
        "comfort_help": {
            "text": {
                "en": "I would feel OK going to the officer for help.",
                "es": "Me sentiría bien pidiéndole ayuda al o a la oficial.",
                "es-f": "Me sentiría bien pidiéndole ayuda a la oficial.",
                "es-m": "Me sentiría bien pidiéndole ayuda al oficial.",
            },
            "protected_areas": [],
        },
        "calms_situations": {
            "text": {
                "en": "When there is a problem, the officer helps calm "
                "things down instead of making it worse.",
                "es": "Cuando hay un problema, el o la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-f": "Cuando hay un problema, la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-m": "Cuando hay un problema, el oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
            },
            "protected_areas": [],
        },
        "stays_out_of_discipline": {
            "text": {
                "en": "The officer leaves normal school rules, "
                "like being late or dress code, to "
                "teachers and the principal.",
                "es": "El o la oficial deja las reglas normales "
                "de la escuela, como llegar tarde o las "
                "reglas sobre la ropa, a los maestros y al "
                "director o la directora.",
                "es-f": "La oficial deja las reglas normales de "
                "la escuela, como llegar tarde o las "
                "reglas sobre la ropa, a los maestros y "
                "al director o la directora.",
                "es-m": "El oficial deja las reglas normales de "
                "la escuela, como llegar tarde o las "
                "reglas sobre la ropa, a los maestros y "
                "al director o la directora.",
            },
            "protected_areas": [],
        },
        "listens": {
            "text": {
                "en": "The officer listens to students' side of the story.",
                "es": "El o la oficial escucha lo que los estudiantes tienen que decir.",
                "es-f": "La oficial escucha lo que los estudiantes tienen que decir.",
                "es-m": "El oficial escucha lo que los estudiantes tienen que decir.",
            },
            "protected_areas": [],
        },
        "feel_safe": {
            "text": {
                "en": "I feel safer at school because the officer is here.",
                "es": "Me siento con más seguridad en la escuela porque el o la oficial está aquí.",
                "es-f": "Me siento con más seguridad en la escuela porque la oficial está aquí.",
                "es-m": "Me siento con más seguridad en la escuela porque el oficial está aquí.",
            },
            "protected_areas": [],
        },
        "knows_role": {
            "text": {
                "en": "Do you know what the officer's job at your school is?",
                "es": "¿Sabe cuál es el trabajo del o de la oficial en su escuela?",
                "es-f": "¿Sabe cuál es el trabajo de la oficial en su escuela?",
                "es-m": "¿Sabe cuál es el trabajo del oficial en su escuela?",
            },
            "protected_areas": [],
        },
        "contact": {
            "text": {
                "en": "How often do you talk with the officer?",
                "es": "¿Cada cuánto habla usted con el o la oficial?",
                "es-f": "¿Cada cuánto habla usted con la oficial?",
                "es-m": "¿Cada cuánto habla usted con el oficial?",
            },
            "protected_areas": ["illegal_behavior"],
        },
        "comment": {
            "text": {
                "en": "Is there anything else you want to tell us about this officer?",
                "es": "¿Hay algo más que quiera decirnos sobre el o la oficial?",
                "es-f": "¿Hay algo más que quiera decirnos sobre la oficial?",
                "es-m": "¿Hay algo más que quiera decirnos sobre el oficial?",
            },
            "protected_areas": ["illegal_behavior"],
        },
    },
    "family": {
        "fair_treatment": {
            "text": {
                "en": "The officer treats all students fairly, no matter "
                "their race, disability or background.",
                "es": "El o la oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad u "
                "origen.",
                "es-f": "La oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad "
                "u origen.",
                "es-m": "El oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad "
                "u origen.",
            },
            "protected_areas": [],
        },
        "respect": {
            "text": {
                "en": "The officer treats my child with respect.",
                "es": "El o la oficial trata con respeto a mi hijo o hija.",
                "es-f": "La oficial trata con respeto a mi hijo o hija.",
                "es-m": "El oficial trata con respeto a mi hijo o hija.",
            },
            "protected_areas": [],
        },
        "comfort_help": {
            "text": {
                "en": "My child would feel OK going to the officer for help.",
                "es": "Mi hijo o hija se sentiría bien pidiéndole ayuda al o a la oficial.",
                "es-f": "Mi hijo o hija se sentiría bien pidiéndole ayuda a la oficial.",
                "es-m": "Mi hijo o hija se sentiría bien pidiéndole ayuda al oficial.",
            },
            "protected_areas": [],
        },
        "calms_situations": {
            "text": {
                "en": "When there is a problem, the officer helps calm "
                "things down instead of making it worse.",
                "es": "Cuando hay un problema, el o la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-f": "Cuando hay un problema, la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-m": "Cuando hay un problema, el oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
            },
            "protected_areas": [],
        },
        "stays_out_of_discipline": {
            "text": {
                "en": "The officer leaves normal school rules to teachers and the principal.",
                "es": "El o la oficial deja las reglas normales "
                "de la escuela a los maestros y al director "
                "o la directora.",
                "es-f": "La oficial deja las reglas normales de "
                "la escuela a los maestros y al director "
                "o la directora.",
                "es-m": "El oficial deja las reglas normales de "
                "la escuela a los maestros y al director "
                "o la directora.",
            },
            "protected_areas": [],
        },
        "talks_with_families": {
            "text": {
                "en": "The officer talks with families in a respectful way.",
                "es": "El o la oficial habla con respeto a las familias.",
                "es-f": "La oficial habla con respeto a las familias.",
                "es-m": "El oficial habla con respeto a las familias.",
            },
            "protected_areas": [],
        },
        "feel_safe": {
            "text": {
                "en": "My child is safer at school because the officer is there.",
                "es": "Hay más seguridad para mi hijo o hija en la escuela "
                "porque el o la oficial está allí.",
                "es-f": "Hay más seguridad para mi hijo o hija en la escuela "
                "porque la oficial está allí.",
                "es-m": "Hay más seguridad para mi hijo o hija en la escuela "
                "porque el oficial está allí.",
            },
            "protected_areas": [],
        },
        "language_access": {
            "text": {
                "en": "Could you talk with the officer in the language you prefer?",
                "es": "¿Pudo hablar con el o la oficial en el idioma que usted prefiere?",
                "es-f": "¿Pudo hablar con la oficial en el idioma que usted prefiere?",
                "es-m": "¿Pudo hablar con el oficial en el idioma que usted prefiere?",
            },
            "protected_areas": [],
        },
        "knows_role": {
            "text": {
                "en": "Do you know what the officer's job at the school is?",
                "es": "¿Sabe cuál es el trabajo del o de la oficial en la escuela?",
                "es-f": "¿Sabe cuál es el trabajo de la oficial en la escuela?",
                "es-m": "¿Sabe cuál es el trabajo del oficial en la escuela?",
            },
            "protected_areas": [],
        },
        "comment": {
            "text": {
                "en": "Is there anything else you want to tell us about this officer?",
                "es": "¿Hay algo más que quiera decirnos sobre el o la oficial?",
                "es-f": "¿Hay algo más que quiera decirnos sobre la oficial?",
                "es-m": "¿Hay algo más que quiera decirnos sobre el oficial?",
            },
            "protected_areas": [],
        },
    },
    "staff": {
        "fair_treatment": {
            "text": {
                "en": "The officer treats all students fairly, no matter "
                "their race, disability or background.",
                "es": "El o la oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad u "
                "origen.",
                "es-f": "La oficial trata a todos los estudiantes de manera "
                "justa, sin importar su raza, discapacidad u "
                "origen.",
                "es-m": "El oficial trata a todos los estudiantes de manera "
                "justa, sin importar su raza, discapacidad u "
                "origen.",
            },
            "protected_areas": [],
        },
        "respect": {
            "text": {
                "en": "The officer talks to students with respect.",
                "es": "El o la oficial habla con respeto a los estudiantes.",
                "es-f": "La oficial habla con respeto a los estudiantes.",
                "es-m": "El oficial habla con respeto a los estudiantes.",
            },
            "protected_areas": [],
        },
        "comfort_help": {
            "text": {
                "en": "Students feel OK going to the officer for help.",
                "es": "Los estudiantes se sienten bien pidiéndole ayuda al o a la oficial.",
                "es-f": "Los estudiantes se sienten bien pidiéndole ayuda a la oficial.",
                "es-m": "Los estudiantes se sienten bien pidiéndole ayuda al oficial.",
            },
            "protected_areas": [],
        },
        "calms_situations": {
            "text": {
                "en": "When there is a problem, the officer helps calm "
                "things down instead of making it worse.",
                "es": "Cuando hay un problema, el o la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-f": "Cuando hay un problema, la oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
                "es-m": "Cuando hay un problema, el oficial ayuda a "
                "calmar las cosas en lugar de empeorarlas.",
            },
            "protected_areas": [],
        },
        "stays_out_of_discipline": {
            "text": {
                "en": "The officer stays out of normal school "
                "discipline, which is the staff's job.",
                "es": "El o la oficial no se mete en la disciplina "
                "normal de la escuela, que es trabajo del "
                "personal escolar.",
                "es-f": "La oficial no se mete en la disciplina "
                "normal de la escuela, que es trabajo del "
                "personal escolar.",
                "es-m": "El oficial no se mete en la disciplina "
                "normal de la escuela, que es trabajo del "
                "personal escolar.",
            },
            "protected_areas": [],
        },
        "uses_alternatives": {
            "text": {
                "en": "When it is safe, the officer uses warnings, "
                "referrals or other steps instead of tickets or "
                "arrests.",
                "es": "Cuando no hay peligro, el o la oficial usa "
                "advertencias, envía al estudiante a un programa "
                "de ayuda o da otros pasos en lugar de poner "
                "multas o arrestar.",
                "es-f": "Cuando no hay peligro, la oficial usa "
                "advertencias, envía al estudiante a un programa "
                "de ayuda o da otros pasos en lugar de poner "
                "multas o arrestar.",
                "es-m": "Cuando no hay peligro, el oficial usa "
                "advertencias, envía al estudiante a un programa "
                "de ayuda o da otros pasos en lugar de poner "
                "multas o arrestar.",
            },
            "protected_areas": [],
        },
        "know_when_to_call": {
            "text": {
                "en": "I know when I should call the officer and when a "
                "school staff member should handle it.",
                "es": "Sé cuándo debo llamar al o a la oficial y cuándo "
                "lo debe resolver alguien del personal escolar.",
                "es-f": "Sé cuándo debo llamar a la oficial y cuándo lo "
                "debe resolver alguien del personal escolar.",
                "es-m": "Sé cuándo debo llamar al oficial y cuándo lo "
                "debe resolver alguien del personal escolar.",
            },
            "protected_areas": [],
        },
        "works_with_staff": {
            "text": {
                "en": "The officer works well with teachers, counselors and the principal.",
                "es": "El o la oficial trabaja bien con los maestros, los "
                "consejeros y el director o la directora.",
                "es-f": "La oficial trabaja bien con los maestros, los "
                "consejeros y el director o la directora.",
                "es-m": "El oficial trabaja bien con los maestros, los "
                "consejeros y el director o la directora.",
            },
            "protected_areas": [],
        },
        "feel_safe": {
            "text": {
                "en": "Our school is safer because the officer is here.",
                "es": "Hay más seguridad en nuestra escuela porque el o la oficial está aquí.",
                "es-f": "Hay más seguridad en nuestra escuela porque la oficial está aquí.",
                "es-m": "Hay más seguridad en nuestra escuela porque el oficial está aquí.",
            },
            "protected_areas": [],
        },
        "contact": {
            "text": {
                "en": "How often do you work with the officer?",
                "es": "¿Cada cuánto trabaja usted con el o la oficial?",
                "es-f": "¿Cada cuánto trabaja usted con la oficial?",
                "es-m": "¿Cada cuánto trabaja usted con el oficial?",
            },
            "protected_areas": [],
        },
        "comment": {
            "text": {
                "en": "Is there anything else you want to tell us about this officer?",
                "es": "¿Hay algo más que quiera decirnos sobre el o la oficial?",
                "es-f": "¿Hay algo más que quiera decirnos sobre la oficial?",
                "es-m": "¿Hay algo más que quiera decirnos sobre el oficial?",
            },
            "protected_areas": [],
        },
    },
    "peer": {
        "fair_treatment": {
            "text": {
                "en": "This officer treats all students fairly, no matter "
                "their race, disability or background.",
                "es": "El o la oficial trata a todos los estudiantes de "
                "manera justa, sin importar su raza, discapacidad u "
                "origen.",
                "es-f": "La oficial trata a todos los estudiantes de manera "
                "justa, sin importar su raza, discapacidad u origen.",
                "es-m": "El oficial trata a todos los estudiantes de manera "
                "justa, sin importar su raza, discapacidad u "
                "origen.",
            },
            "protected_areas": [],
        },
        "respect": {
            "text": {
                "en": "This officer talks to students with respect.",
                "es": "El o la oficial habla con respeto a los estudiantes.",
                "es-f": "La oficial habla con respeto a los estudiantes.",
                "es-m": "El oficial habla con respeto a los estudiantes.",
            },
            "protected_areas": [],
        },
        "comfort_help": {
            "text": {
                "en": "Students seem OK going to this officer for help.",
                "es": "Los estudiantes parecen sentirse bien pidiéndole ayuda al o a la oficial.",
                "es-f": "Los estudiantes parecen sentirse bien pidiéndole ayuda a la oficial.",
                "es-m": "Los estudiantes parecen sentirse bien pidiéndole ayuda al oficial.",
            },
            "protected_areas": [],
        },
        "calms_situations": {
            "text": {
                "en": "This officer is good at calming tense situations.",
                "es": "El o la oficial sabe calmar situaciones tensas.",
                "es-f": "La oficial sabe calmar situaciones tensas.",
                "es-m": "El oficial sabe calmar situaciones tensas.",
            },
            "protected_areas": [],
        },
        "stays_out_of_discipline": {
            "text": {
                "en": "This officer leaves normal school discipline to school staff.",
                "es": "El o la oficial deja la disciplina normal de "
                "la escuela al personal escolar.",
                "es-f": "La oficial deja la disciplina normal de la escuela al personal escolar.",
                "es-m": "El oficial deja la disciplina normal de la escuela al personal escolar.",
            },
            "protected_areas": [],
        },
        "uses_alternatives": {
            "text": {
                "en": "When it is safe, this officer uses warnings, "
                "referrals or other steps instead of tickets or "
                "arrests.",
                "es": "Cuando no hay peligro, el o la oficial usa "
                "advertencias, envía al estudiante a un programa de "
                "ayuda o da otros pasos en lugar de poner multas o "
                "arrestar.",
                "es-f": "Cuando no hay peligro, la oficial usa "
                "advertencias, envía al estudiante a un programa "
                "de ayuda o da otros pasos en lugar de poner "
                "multas o arrestar.",
                "es-m": "Cuando no hay peligro, el oficial usa "
                "advertencias, envía al estudiante a un programa "
                "de ayuda o da otros pasos en lugar de poner "
                "multas o arrestar.",
            },
            "protected_areas": [],
        },
        "follows_mou": {
            "text": {
                "en": "This officer follows the agreement (MOU) between the "
                "school district and our agency.",
                "es": "El o la oficial cumple el acuerdo (MOU) entre el "
                "distrito escolar y nuestra agencia.",
                "es-f": "La oficial cumple el acuerdo (MOU) entre el distrito "
                "escolar y nuestra agencia.",
                "es-m": "El oficial cumple el acuerdo (MOU) entre el distrito "
                "escolar y nuestra agencia.",
            },
            "protected_areas": [],
        },
        "keeps_training": {
            "text": {
                "en": "This officer keeps up with training for working with young people.",
                "es": "El o la oficial se mantiene al día con la "
                "capacitación para trabajar con jóvenes.",
                "es-f": "La oficial se mantiene al día con la capacitación "
                "para trabajar con jóvenes.",
                "es-m": "El oficial se mantiene al día con la capacitación "
                "para trabajar con jóvenes.",
            },
            "protected_areas": [],
        },
        "good_example": {
            "text": {
                "en": "Would this officer be a good example for a new school resource officer?",
                "es": "¿Sería el o la oficial un buen ejemplo para alguien que "
                "empieza como oficial escolar?",
                "es-f": "¿Sería la oficial un buen ejemplo para alguien que "
                "empieza como oficial escolar?",
                "es-m": "¿Sería el oficial un buen ejemplo para alguien que "
                "empieza como oficial escolar?",
            },
            "protected_areas": [],
        },
        "comment": {
            "text": {
                "en": "Is there anything else you want to tell us about this officer?",
                "es": "¿Hay algo más que quiera decirnos sobre el o la oficial?",
                "es-f": "¿Hay algo más que quiera decirnos sobre la oficial?",
                "es-m": "¿Hay algo más que quiera decirnos sobre el oficial?",
            },
            "protected_areas": [],
        },
    },
}


def _merged(current: list, added: list) -> list:
    return current + [area for area in added if area not in current]


def reword_default_questions(question_model, *, forward: bool = True) -> int:
    """Bring the stored default questions to the new wording (or back); the number changed.

    Takes the model class so a test can run it on today's ``Question`` directly.
    """
    codes = {code for questions in NEW.values() for code in questions}
    changed = []
    for question in question_model.objects.filter(code__in=codes).select_related("template"):
        group = question.template.group
        old_text = OLD.get(group, {}).get(question.code)
        new = NEW.get(group, {}).get(question.code)
        if old_text is None or new is None:
            continue
        if forward and question.text == old_text:
            question.text = new["text"]
            question.protected_areas = _merged(
                question.protected_areas or [], new["protected_areas"]
            )
        elif not forward and question.text == new["text"]:
            question.text = old_text
            if question.protected_areas == new["protected_areas"]:
                question.protected_areas = []
        else:
            continue
        changed.append(question)
    question_model.objects.bulk_update(changed, ["text", "protected_areas"], batch_size=500)
    return len(changed)


def forwards(apps, schema_editor) -> None:
    reword_default_questions(apps.get_model("surveys", "Question"), forward=True)


def backwards(apps, schema_editor) -> None:
    reword_default_questions(apps.get_model("surveys", "Question"), forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0008_question_protected_areas"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
