"""MOU versions: drafts are written and rewritten; an adopted version never changes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Clause, MOUClause, MOUVersion
from agreements.services.versions import VersionTerms, version_create, version_update
from core.errors import ApplicationError
from core.models import AuditEvent
from tests.agreements.staff_world import mou_people

pytestmark = pytest.mark.django_db

TERMS = VersionTerms(
    text="The parties agree.",
    removal_response_days=20,
    review_cycle_months=24,
    clauses={
        Clause.PUBLIC_REPORTING: ("Quarterly reports.", "Informes trimestrales."),
        Clause.COMPLAINTS: ("A public form.", ""),
    },
)


def test_the_coordinator_writes_a_draft_numbered_after_the_adopted_version() -> None:
    people = mou_people()
    draft = version_create(mou=people.mou, terms=TERMS, actor=people.coordinator)
    assert (draft.number, draft.adopted_on, draft.removal_response_days) == (2, None, 20)
    assert dict(draft.clauses.values_list("clause", "text_es")) == {
        "public_reporting": "Informes trimestrales.",
        "complaints": "",
    }
    assert AuditEvent.objects.filter(action="mou_version.created", target_id=str(draft.pk)).exists()


def test_an_adopted_version_can_t_be_rewritten_and_nothing_is_stored() -> None:
    people = mou_people()
    adopted = people.mou.versions.get()
    wording = list(adopted.clauses.values_list("clause", "text_en"))
    with pytest.raises(ApplicationError, match="adopted on 2024-07-01 and never changes"):
        version_update(version=adopted, terms=TERMS, actor=people.coordinator)
    adopted.refresh_from_db()
    assert (adopted.text, adopted.removal_response_days) == (
        "The district and the agency agree as follows.",
        30,
    )
    assert list(adopted.clauses.values_list("clause", "text_en")) == wording
    assert not AuditEvent.objects.filter(action="mou_version.updated").exists()


def test_a_draft_is_rewritten_with_its_changes_audited() -> None:
    people = mou_people()
    draft = version_create(mou=people.mou, terms=TERMS, actor=people.coordinator)
    version_update(
        version=draft,
        terms=VersionTerms(text="Revised.", clauses={Clause.COMPLAINTS: ("Online.", "En línea.")}),
        actor=people.coordinator,
    )
    draft.refresh_from_db()
    assert draft.text == "Revised."
    assert list(draft.clauses.values_list("clause", "text_en")) == [("complaints", "Online.")]
    event = AuditEvent.objects.get(action="mou_version.updated")
    assert event.changes["text"] == ["The parties agree.", "Revised."]


def test_an_mou_without_a_version_gets_its_first_adopted_on_its_effective_date() -> None:
    people = mou_people(with_version=False)
    first = version_create(
        mou=people.mou, terms=TERMS, actor=people.coordinator, adopt_as_first=True
    )
    assert (first.number, first.adopted_on) == (1, people.mou.effective_date)
    assert AuditEvent.objects.filter(action="mou_version.adopted_as_first").exists()


def test_a_second_first_version_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    with pytest.raises(ApplicationError, match="already has a version"):
        version_create(mou=people.mou, terms=TERMS, actor=people.coordinator, adopt_as_first=True)
    assert MOUVersion.objects.count() == 1


def test_spanish_wording_without_english_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    with pytest.raises(ApplicationError, match="Spanish wording but no English"):
        version_create(
            mou=people.mou,
            terms=VersionTerms(clauses={Clause.DATA_SHARING: ("", "Solo con FERPA.")}),
            actor=people.coordinator,
        )
    assert MOUVersion.objects.count() == 1
    assert MOUClause.objects.count() == len(Clause.values)


def test_a_document_that_is_not_a_pdf_or_text_is_refused_and_nothing_is_stored() -> None:
    people = mou_people()
    upload = SimpleUploadedFile("mou.pdf", b"\x00\x01binary", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="not a PDF, PNG, JPEG or plain-text"):
        version_create(mou=people.mou, terms=TERMS, actor=people.coordinator, document=upload)
    assert MOUVersion.objects.count() == 1


def test_a_pdf_document_is_kept_with_the_draft() -> None:
    people = mou_people()
    upload = SimpleUploadedFile("mou.pdf", b"%PDF-1.7 the MOU", content_type="application/pdf")
    draft = version_create(mou=people.mou, terms=TERMS, actor=people.coordinator, document=upload)
    assert draft.document.name.startswith("agreements/mou/")
