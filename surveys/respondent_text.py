"""Every word a respondent reads, in English and Spanish.

Kept here rather than in gettext catalogues so the respondent pages need no
compiled message files, and a reviewer can check both languages side by side.
"""

from __future__ import annotations

AGREE_LABELS = {
    "en": {1: "Strongly disagree", 2: "Disagree", 3: "Not sure", 4: "Agree", 5: "Strongly agree"},
    "es": {
        1: "Muy en desacuerdo",
        2: "En desacuerdo",
        3: "No estoy seguro",
        4: "De acuerdo",
        5: "Muy de acuerdo",
    },
}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "School officer survey",
        "choose_language": "Language",
        "intro": "Tell us what you think about the police officers who work at your school. "
        "Your answers are anonymous.",
        "code_label": "Your access code",
        "code_help": "It is on your paper slip or letter, like ABCD-1234-XYZ. Dashes and spaces are optional.",
        "start": "Start",
        "privacy_link": "What we record and what we don't",
        "privacy_title": "What we record and what we don't",
        "recorded_title": "We record",
        "recorded": "Your answers, the survey, your group (student, family, staff or officer), "
        "your school and the language you chose.",
        "not_recorded_title": "We do not record",
        "not_recorded": "Your name, your code, your device or internet address, or the day and time you answer. "
        "We keep only a scrambled fingerprint of each code so that it works once; "
        "nothing connects it to your answers.",
        "who_sees_title": "Who sees the results",
        "who_sees": "Nobody can read one person's answers, not even the district. People see only totals "
        "from at least {k} people, and written comments only from groups of at least {c} people.",
        "server_note": "Like every website, our web server may briefly note that someone opened a page. "
        "Your code and answers are never in those notes.",
        "names_note": "Please don't write names (yours or other people's) in comments.",
        "skip_link": "Skip to main content",
        "footer": "SRO360 — an anonymous survey about School Resource Officers.",
        "officers_title": "Which officers do you know?",
        "officers_help": "Answer only about the officers you know. You can skip any officer.",
        "officer": "Officer",
        "photo_of": "Photo of {name}",
        "continue": "Continue",
        "none_known": "You didn't tick any officer. If you don't know any of them, there is nothing to "
        "answer: your code was not used, and you can close this page. Otherwise tick the ones you know.",
        "questions_title": "Your answers",
        "skip_note": "Every question is optional. Skip any you don't want to answer.",
        "about": "About {name}",
        "yes": "Yes",
        "no": "No",
        "comment_hint": "Optional. Please don't write names.",
        "review_title": "Check your answers",
        "review_help": "Nothing is saved until you press Submit.",
        "not_answered": "Not answered",
        "change": "Change my answers",
        "submit": "Submit",
        "thanks_title": "Thank you!",
        "thanks": "Your answers were saved. Your code can't be used again. You can close this page.",
        "used_title": "Nothing more was saved",
        "already_saved": "If you pressed Submit twice, your answers were already saved the first time. Thank you!",
        "step": "Step {n} of 4",
        "error_title": "There is a problem",
        "mistyped": "That code doesn't look right. Check each letter and number, then try again.",
        "no_code": "Type the code printed on your slip or letter.",
        "unknown": "We couldn't find that code. Check it and try again.",
        "used": "This code has already been used. Each code works once.",
        "closed": "This survey is closed. It closed on {date}.",
        "not_open": "This survey is not open yet. It opens on {date}.",
        "throttled": "Too many tries. Please wait a minute and try again.",
        "retired_link_title": "Staff now answer with a personal code",
        "retired_link": "Survey links shared by a whole school no longer work. School staff and peer officers "
        "now each get a personal access code (in a letter, an email or on a slip). "
        "Each code works once.",
        "retired_link_action": "Type your code on the survey page",
        "expired": "This page is out of date. Please start again with your code.",
        "no_answers": "Answer at least one question, or go back if you don't know these officers.",
        "invalid": "Some answers could not be saved. Please check them.",
        "other_language": "Español",
    },
    "es": {
        "title": "Encuesta sobre el oficial escolar",
        "choose_language": "Idioma",
        "intro": "Díganos lo que piensa de los oficiales de policía que trabajan en su escuela. "
        "Sus respuestas son anónimas.",
        "code_label": "Su código de acceso",
        "code_help": "Está en su papelito o carta, por ejemplo ABCD-1234-XYZ. Los guiones y espacios son opcionales.",
        "start": "Empezar",
        "privacy_link": "Qué guardamos y qué no",
        "privacy_title": "Qué guardamos y qué no",
        "recorded_title": "Guardamos",
        "recorded": "Sus respuestas, la encuesta, su grupo (estudiante, familia, personal u oficial), "
        "su escuela y el idioma que eligió.",
        "not_recorded_title": "No guardamos",
        "not_recorded": "Su nombre, su código, su aparato o dirección de internet, ni el día ni la hora en que responde. "
        "Solo guardamos una huella codificada de cada código para que funcione una sola vez; "
        "nada la conecta con sus respuestas.",
        "who_sees_title": "Quién ve los resultados",
        "who_sees": "Nadie puede leer las respuestas de una persona, ni siquiera el distrito. Solo se ven totales "
        "de al menos {k} personas, y comentarios escritos solo de grupos de al menos {c} personas.",
        "server_note": "Como todo sitio web, nuestro servidor puede anotar por poco tiempo que alguien abrió una página. "
        "Su código y sus respuestas nunca están en esas notas.",
        "names_note": "Por favor, no escriba nombres (el suyo ni de otras personas) en los comentarios.",
        "skip_link": "Saltar al contenido principal",
        "footer": "SRO360 — una encuesta anónima sobre los oficiales de recursos escolares.",
        "officers_title": "¿A qué oficiales conoce?",
        "officers_help": "Responda solo sobre los oficiales que conoce. Puede saltar a cualquier oficial.",
        "officer": "Oficial",
        "photo_of": "Foto de {name}",
        "continue": "Continuar",
        "none_known": "No marcó a ningún oficial. Si no conoce a ninguno, no hay nada que responder: "
        "su código no se usó y puede cerrar esta página. Si no, marque a los que conoce.",
        "questions_title": "Sus respuestas",
        "skip_note": "Todas las preguntas son opcionales. Salte las que no quiera responder.",
        "about": "Sobre {name}",
        "yes": "Sí",
        "no": "No",
        "comment_hint": "Opcional. Por favor, no escriba nombres.",
        "review_title": "Revise sus respuestas",
        "review_help": "No se guarda nada hasta que presione Enviar.",
        "not_answered": "Sin respuesta",
        "change": "Cambiar mis respuestas",
        "submit": "Enviar",
        "thanks_title": "¡Gracias!",
        "thanks": "Sus respuestas se guardaron. Su código ya no se puede usar. Puede cerrar esta página.",
        "used_title": "No se guardó nada más",
        "already_saved": "Si presionó Enviar dos veces, sus respuestas ya se guardaron la primera vez. ¡Gracias!",
        "step": "Paso {n} de 4",
        "error_title": "Hay un problema",
        "mistyped": "Ese código no parece correcto. Revise cada letra y número e inténtelo de nuevo.",
        "no_code": "Escriba el código impreso en su papel o carta.",
        "unknown": "No encontramos ese código. Revíselo e inténtelo de nuevo.",
        "used": "Este código ya se usó. Cada código funciona una sola vez.",
        "closed": "Esta encuesta está cerrada. Cerró el {date}.",
        "not_open": "Esta encuesta todavía no está abierta. Abre el {date}.",
        "throttled": "Demasiados intentos. Espere un minuto e inténtelo de nuevo.",
        "retired_link_title": "El personal ahora responde con un código personal",
        "retired_link": "Los enlaces de la encuesta compartidos por toda una escuela ya no funcionan. Ahora el "
        "personal de la escuela y los oficiales que responden sobre sus compañeros reciben cada uno "
        "un código de acceso personal (en una carta, un correo electrónico o un papelito). "
        "Cada código funciona una sola vez.",
        "retired_link_action": "Escriba su código en la página de la encuesta",
        "expired": "Esta página ya no es válida. Por favor, empiece de nuevo con su código.",
        "no_answers": "Responda al menos una pregunta, o regrese si no conoce a estos oficiales.",
        "invalid": "Algunas respuestas no se pudieron guardar. Por favor, revíselas.",
        "other_language": "English",
    },
}


def language_or_default(value: str | None) -> str:
    return value if value in TEXT else "en"
