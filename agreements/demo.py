"""The demo's MOU record: the Metro City MOU with two versions, the second adopted by
a closed review (participants of six kinds, a past comment window, comments and a
summary), and its next review scheduled. The other MOUs get the version 1 the data
migration gives every MOU recorded before the record existed: no clause wording."""

from __future__ import annotations

import datetime

from django.db import transaction

from agreements.models import Clause, MOUVersion, PublicComment, ReviewStatus
from agreements.services.reviews import Participant, review_close, review_open, review_schedule
from agreements.services.versions import VersionTerms, version_create
from core.dates import today
from roster.models import MOU

MAIN_AGENCY = "MCPD"

FIRST_WORDING = {
    Clause.REQUIRED_TRAINING: (
        "Every officer completes 40 hours of SRO training before the assignment, including"
        " adolescent development and de-escalation.",
        "Cada agente completa 40 horas de formación antes de la asignación, incluido el"
        " desarrollo adolescente y la desescalada.",
    ),
    Clause.SCHOOL_DISCIPLINE: (
        "Officers do not take part in ordinary school discipline.",
        "Los agentes no participan en la disciplina escolar ordinaria.",
    ),
    Clause.PUBLIC_REPORTING: (
        "The agency reports arrests and citations at schools to the district once a year.",
        "La agencia informa al distrito una vez al año de los arrestos y citaciones en las"
        " escuelas.",
    ),
    Clause.REMOVAL_REQUESTS: (
        "A principal may ask in writing for an officer's removal; the agency answers within"
        " 30 days.",
        "Un director puede pedir por escrito el traslado de un agente; la agencia responde en"
        " 30 días.",
    ),
    Clause.COMPLAINTS: (
        "Complaints about an officer go to the agency's internal affairs unit.",
        "Las quejas sobre un agente se dirigen a la unidad de asuntos internos de la agencia.",
    ),
    Clause.DATA_SHARING: (
        "Student records are shared with the agency only as FERPA allows.",
        "Los expedientes de los estudiantes se comparten con la agencia solo según permite FERPA.",
    ),
    Clause.REVIEW_CYCLE: (
        "The parties review this memorandum every year.",
        "Las partes revisan este memorando cada año.",
    ),
}
REVISED_WORDING = {
    **FIRST_WORDING,
    Clause.PUBLIC_REPORTING: (
        "The agency reports arrests, citations, referrals and uses of force at schools to the"
        " district every quarter, by school, race, sex and disability; the district publishes"
        " them.",
        "La agencia informa al distrito cada trimestre de los arrestos, citaciones, remisiones"
        " y usos de la fuerza en las escuelas, por escuela, raza, sexo y discapacidad; el"
        " distrito los publica.",
    ),
    Clause.COMPLAINTS: (
        "Anyone may file a complaint about an officer on the district's public form; the"
        " agency investigates and the complainant can follow it with a tracking code.",
        "Cualquier persona puede presentar una queja sobre un agente en el formulario público"
        " del distrito; la agencia la investiga y se puede seguir con un código.",
    ),
    Clause.REVIEW_CYCLE: (
        "The parties review this memorandum every year, with a public comment window of at"
        " least 30 days and civil-rights and community organisations at the table.",
        "Las partes revisan este memorando cada año, con un periodo de comentarios públicos de"
        " al menos 30 días y con organizaciones de derechos civiles y comunitarias.",
    ),
}
PARTICIPANTS = [
    ("school", "Marcus Bell", "Lincoln High School", "principal"),
    ("agency", "Sgt. Karen Miles", "Metro City Police Department", "supervisor"),
    ("juvenile_justice", "Judge Alma Ortega", "County Juvenile Court", ""),
    ("civil_rights", "Denise Carter", "State Civil Liberties Union", ""),
    ("community", "Luis Navarro", "Parents for Safe Schools", ""),
    ("students", "Priya Shah", "Student council, Lincoln High", ""),
]
COMMENTS = [
    ("en", "Please publish the arrest numbers every quarter, not once a year."),
    ("en", "Officers should never be called for dress-code or phone problems."),
    ("es", "Queremos saber a quién llamar si un agente trata mal a nuestros hijos."),
    ("en", "Break the numbers down by race and disability so we can see who is affected."),
    ("es", "Gracias por abrir la revisión al público; pedimos reuniones en español."),
    ("en", "The complaint process should not require going to the police station."),
    ("en", "Students want a say in the review, not only adults."),
    ("en", "Thirty days to answer a removal request is too long when a child is afraid."),
    ("es", "Los datos deben publicarse por escuela."),
]


def _terms(wording: dict[Clause, tuple[str, str]], changes: tuple[str, str]) -> VersionTerms:
    return VersionTerms(
        text="The district and the agency agree to the clauses below.",
        removal_response_days=30,
        review_cycle_months=12,
        bars_ordinary_discipline=True,
        changes_en=changes[0],
        changes_es=changes[1],
        clauses={str(clause): texts for clause, texts in wording.items()},
    )


def _main_record(mou: MOU, context) -> None:
    coordinator = context.users["coordinator"]
    day = today()
    opened, window = (
        day - datetime.timedelta(days=120),
        (
            day - datetime.timedelta(days=110),
            day - datetime.timedelta(days=70),
        ),
    )
    closed = day - datetime.timedelta(days=60)
    if not mou.versions.exists():
        version_create(
            mou=mou,
            terms=_terms(FIRST_WORDING, ("", "")),
            actor=coordinator,
            adopt_as_first=True,
        )
    review = review_schedule(
        mou=mou, due_date=opened + datetime.timedelta(days=90), actor=coordinator
    )
    users = {
        "principal": context.users.get("principal"),
        "supervisor": context.users.get("supervisor"),
    }
    review_open(
        review=review,
        participants=[
            Participant(name, kind, organisation, users[login].pk if login in users else None)
            for kind, name, organisation, login in PARTICIPANTS
        ],
        comments_open_on=window[0],
        comments_close_on=window[1],
        actor=coordinator,
        on=opened,
    )
    version_create(
        mou=mou,
        terms=_terms(
            REVISED_WORDING,
            (
                "Enforcement data is reported every quarter and published; complaints can be"
                " filed on the district's public form; reviews have a public comment window.",
                "Los datos se informan cada trimestre y se publican; las quejas se presentan en"
                " el formulario público del distrito; las revisiones tienen un periodo de"
                " comentarios públicos.",
            ),
        ),
        actor=coordinator,
        review=review,
    )
    # Stored directly: the comment service refuses a window that is already over.
    PublicComment.objects.bulk_create(
        PublicComment(review=review, language=language, text=text) for language, text in COMMENTS
    )
    review_close(
        review=review,
        decision="revised",
        reason="The parties agreed to quarterly public reporting and the public complaint form.",
        comment_summary=(
            "Nine comments. Most asked for enforcement data more often and broken down by"
            " school, race and disability; several asked for a complaint route outside the"
            " police station; two asked for meetings in Spanish and for students at the table."
            " One found 30 days to answer a removal request too long: kept for now, to be"
            " measured before the next review."
        ),
        actor=coordinator,
        on=closed,
    )
    mou.refresh_from_db()
    if mou.next_review_date:
        review_schedule(mou=mou, due_date=mou.next_review_date, actor=coordinator)


@transaction.atomic
def load_demo(context) -> str:
    made = 0
    for code, agency in context.agencies.items():
        mou = MOU.objects.filter(district=context.district, agency=agency).first()
        if mou is None:
            continue
        if code == MAIN_AGENCY:
            if mou.reviews.filter(status=ReviewStatus.CLOSED).exists():
                continue
            _main_record(mou, context)
            made += 1
        elif not mou.versions.exists():
            MOUVersion.objects.create(
                mou=mou,
                number=1,
                adopted_on=mou.effective_date,
                removal_response_days=mou.removal_response_days,
            )
            made += 1
    return f"{made} MOU record(s) added." if made else ""
