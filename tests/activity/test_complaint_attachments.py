"""A complainant's files: checked like evaluation evidence, stored with the complaint
in one transaction (a refused file stores nothing, on disk either), read only by those
who read the complaint, downloaded as attachments, never on the tracking page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from activity.models import Complaint, ComplaintAttachment
from activity.services.complaints import complaint_submit
from core.errors import ApplicationError
from tests.activity.complaint_pages import form_key, look_up
from tests.factories.activity import ComplaintFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


def _files_on_disk() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _send(client: Client, world, files, follow=False, **extra):
    data = {
        "form_key": form_key(client),
        "source": "family",
        "contact_name": "Rosa Pérez",
        "allegations": ["force"],
        "school": world.school.pk,
        "officer": world.officer.pk,
        "account": "The officer grabbed my son's arm; photo attached.",
        "attachments": files,
        **extra,
    }
    return client.post("/public/complaints/HOME/", data, follow=follow)


def test_files_are_stored_with_the_complaint_and_listed_for_its_readers(world, client_for) -> None:
    client = Client()
    response = _send(
        client,
        world,
        [
            SimpleUploadedFile("arm.png", PNG, content_type="image/png"),
            SimpleUploadedFile("school letter.pdf", PDF, content_type="application/pdf"),
        ],
    )

    assert response.status_code == 303
    complaint = Complaint.objects.get()
    stored = list(complaint.attachments.order_by("original_name"))
    assert [(a.original_name, a.content_type, a.size) for a in stored] == [
        ("arm.png", "image/png", len(PNG)),
        ("school letter.pdf", "application/pdf", len(PDF)),
    ]
    assert all(a.file.name.startswith(f"complaint-attachments/{complaint.pk}/") for a in stored)
    assert "arm.png" not in stored[0].file.name  # the stored name is random

    page = client_for(world.users["coordinator"]).get(f"/activity/complaints/{complaint.pk}/")
    html = page.content.decode()
    assert "arm.png" in html
    assert f"/activity/complaints/attachments/{stored[0].pk}/" in html


def test_a_download_is_an_attachment_with_its_checked_type_and_nosniff(world, client_for) -> None:
    _send(Client(), world, [SimpleUploadedFile("arm.png", PNG, content_type="text/html")])
    attachment = ComplaintAttachment.objects.get()

    response = client_for(world.users["supervisor"]).get(
        f"/activity/complaints/attachments/{attachment.pk}/"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"  # by content, not the browser's claim
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="arm.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_outsiders_get_404_for_a_file(world, client_for) -> None:
    other = ComplaintFactory(school=world.other_school, officer=world.other_officer)
    attachment = ComplaintAttachment.objects.create(
        complaint=other,
        file=SimpleUploadedFile("x", b"text"),
        original_name="x.txt",
        content_type="text/plain",
        size=4,
    )
    url = f"/activity/complaints/attachments/{attachment.pk}/"

    for who in ("coordinator", "principal", "supervisor", "officer"):
        assert client_for(world.users[who]).get(url).status_code == 404, who
    assert Client().get(url).status_code == 302  # to the login


def test_an_officer_never_downloads_a_file_about_themself(world, client_for) -> None:
    _send(Client(), world, [SimpleUploadedFile("a.txt", b"notes", content_type="text/plain")])
    attachment = ComplaintAttachment.objects.get()

    response = client_for(world.users["officer"]).get(
        f"/activity/complaints/attachments/{attachment.pk}/"
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("run.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
            "run.exe is not a PDF",
        ),
        (SimpleUploadedFile("empty.pdf", b""), "empty.pdf: The submitted file is empty."),
    ],
)
def test_a_refused_file_stores_nothing_and_names_the_file(world, upload, message) -> None:
    good = SimpleUploadedFile("arm.png", PNG, content_type="image/png")

    response = _send(Client(), world, [good, upload], follow=True)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "choose your files again" in html
    assert Complaint.objects.count() == 0
    assert ComplaintAttachment.objects.count() == 0
    assert _files_on_disk() == []


def test_a_file_over_5_mb_is_refused_by_name(world) -> None:
    big = SimpleUploadedFile("video.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))

    response = _send(Client(), world, [big], follow=True)

    assert response.status_code == 400
    assert "video.pdf is 5.0 MB; attachments may be at most 5 MB." in response.content.decode()
    assert Complaint.objects.count() == 0
    assert _files_on_disk() == []


def test_more_than_three_files_are_refused(world) -> None:
    files = [SimpleUploadedFile(f"{n}.txt", b"note", content_type="text/plain") for n in range(4)]

    response = _send(Client(), world, files, follow=True)

    assert response.status_code == 400
    assert "Attach at most 3 files." in response.content.decode()
    assert Complaint.objects.count() == 0
    assert _files_on_disk() == []


def test_the_service_refuses_a_bad_file_before_writing_anything(world) -> None:
    with pytest.raises(ApplicationError, match=r"bad\.bin is not a PDF"):
        complaint_submit(
            district=world.district,
            source="student",
            allegations=["other"],
            account="x",
            attachments=[
                SimpleUploadedFile("ok.txt", b"fine"),
                SimpleUploadedFile("bad.bin", b"\x00\x01\x02"),
            ],
        )

    assert Complaint.objects.count() == 0
    assert _files_on_disk() == []


def test_files_written_before_a_failure_are_removed(world, monkeypatch) -> None:
    from activity.services import complaints as service

    def broken_audit(**kwargs):
        raise RuntimeError("the audit table is gone")

    monkeypatch.setattr(service, "audit_record", broken_audit)

    with pytest.raises(RuntimeError):
        complaint_submit(
            district=world.district,
            source="student",
            allegations=["other"],
            account="x",
            attachments=[SimpleUploadedFile("ok.txt", b"fine")],
        )

    assert Complaint.objects.count() == 0
    assert _files_on_disk() == []


def test_the_tracking_page_never_shows_files(world) -> None:
    client = Client()
    _send(client, world, [SimpleUploadedFile("arm.png", PNG, content_type="image/png")])
    code = client.get("/public/complaints/HOME/received/").content.decode()
    code = code.split('id="tracking-code">')[1][:14]

    html = look_up(client, code).content.decode()

    assert "arm.png" not in html
    assert "/activity/complaints/attachments/" not in html


def test_the_staff_list_counts_files_in_a_fixed_number_of_queries(
    world, client_for, django_assert_max_num_queries
) -> None:
    for n in range(5):
        complaint = ComplaintFactory(school=world.school, contact_email=f"p{n}@example.org")
        ComplaintAttachment.objects.create(
            complaint=complaint,
            file=SimpleUploadedFile("x", b"text"),
            original_name="x.txt",
            content_type="text/plain",
            size=4,
        )
    coordinator = client_for(world.users["coordinator"])
    coordinator.get("/activity/complaints/")  # warm the scope cache and session

    with django_assert_max_num_queries(12):
        html = coordinator.get("/activity/complaints/").content.decode()

    assert html.count("<td>1</td>") == 5
    assert html.count("not sent") == 5
