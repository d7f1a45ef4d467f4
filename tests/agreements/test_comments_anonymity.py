"""Public comments are held like survey responses (ARCHITECTURE.md, Anonymity 1): the
checks the suite runs on responses and opt-outs (tests/surveys/test_anonymity.py,
test_arrival_order.py, test_parent_notice_anonymity.py), run on the comment table
through the same helpers; and no log line, session or audit row dates a comment."""

from __future__ import annotations

import importlib
import logging
import uuid

import pytest
from django.apps import apps
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from agreements.models import MOUReview, PublicComment
from agreements.services.comments import comment_submit
from config.request_logs import RespondentRequestFilter, is_private_request
from core.models import AuditEvent
from tests.agreements.test_comments_service import review_with_window
from tests.surveys.test_anonymity import IDENTIFYING, db_columns
from tests.surveys.test_arrival_order import (
    _create_sql,
    _in_arrival_order,
    _index_scans,
    _rows,
    on_sqlite_for,
)

pytestmark = pytest.mark.django_db
TABLE = PublicComment._meta.db_table
COMMENTS = 40  # in arrival order by chance: 1 in 40!
# Rowid order is SQLite's: on PostgreSQL these run on SQLite by a pytest of their own.
on_sqlite_only = on_sqlite_for(__file__)
migration = importlib.import_module("agreements.migrations.0010_public_comments_without_rowid")


def _comment_many(review: MOUReview) -> dict[str, int]:
    """Comments sent one by one; for each new row, the order it arrived in."""
    arrival: dict[str, int] = {}
    for n in range(COMMENTS):
        # The same text every time: only the key tells the rows apart.
        comment_submit(review=review, text="Keep the review open to families.", language="en")
        new = [row[0] for row in _rows(f'SELECT id, * FROM "{TABLE}"') if row[0] not in arrival]  # noqa: S608 - the model's table
        assert len(new) == 1
        arrival[new[0]] = n
    return arrival


def test_the_comment_table_holds_the_review_language_and_text_and_nothing_identifying() -> None:
    assert db_columns(PublicComment) == {"id", "review_id", "language", "text"}
    for column in db_columns(PublicComment):
        assert not any(word in column for word in IDENTIFYING), column


def test_nothing_relates_a_comment_to_anything_but_its_review() -> None:
    linked = {f.related_model for f in PublicComment._meta.get_fields() if f.is_relation}
    assert linked == {MOUReview}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if f.is_relation and f.related_model is PublicComment and model is not MOUReview:
                raise AssertionError(f"{model.__name__}.{f.name} points to comments")


def test_comments_have_random_keys(world) -> None:
    _comment_many(review_with_window(world))
    assert all(
        isinstance(c.pk, uuid.UUID) and c.pk.version == 4 for c in PublicComment.objects.all()
    )


def test_the_default_ordering_is_never_by_arrival() -> None:
    assert "created_at" not in PublicComment._meta.ordering
    assert PublicComment._meta.ordering[-1] == "id"


@on_sqlite_only
def test_the_comment_table_has_no_rowid() -> None:
    assert "WITHOUT ROWID" in _create_sql(TABLE).upper(), (
        f"{TABLE} lost WITHOUT ROWID (a later migration remade it?); see agreements migration 0010"
    )
    with pytest.raises(OperationalError, match="rowid"):
        _rows(f'SELECT rowid FROM "{TABLE}"')  # noqa: S608 - the model's table


@on_sqlite_only
def test_comments_are_stored_and_indexed_in_random_key_order_not_arrival_order(world) -> None:
    arrival = _comment_many(review_with_window(world))
    stored = [row[0] for row in _rows(f'SELECT id, * FROM "{TABLE}"')]  # noqa: S608 - the model's table
    assert sorted(stored) == sorted(arrival)
    assert not _in_arrival_order(stored, arrival)
    scans = dict(_index_scans(TABLE))
    assert scans, "the comment table has indexes to check"
    for index, rows in scans.items():
        assert len(rows) == COMMENTS, index
        # One review for all: equal keys must not fall back to arrival order.
        assert rows == sorted(rows), index
        assert not _in_arrival_order([row[-1] for row in rows], arrival), index


@on_sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_and_applies_again_keeping_every_comment(world) -> None:
    arrival = _comment_many(review_with_window(world))
    try:
        with connection.schema_editor() as editor:
            migration.with_rowid(None, editor)
        assert "ROWID" not in _create_sql(TABLE).upper()
    finally:
        with connection.schema_editor() as editor:
            migration.without_rowid(None, editor)
    assert "WITHOUT ROWID" in _create_sql(TABLE)
    assert sorted(row[0] for row in _rows(f'SELECT id FROM "{TABLE}"')) == sorted(arrival)  # noqa: S608 - the model's table
    assert _rows("PRAGMA foreign_key_check") == []


# What a sent comment leaves elsewhere: no session, no audit row, no log line.


def test_sending_a_comment_writes_no_session_and_no_audit_row(world) -> None:
    review = review_with_window(world)
    member_of_the_public = Client()

    response = member_of_the_public.post(
        reverse("agreements:public-comment", args=[review.pk]), {"text": "Thank you for asking."}
    )
    member_of_the_public.get(response["Location"])

    assert PublicComment.objects.count() == 1
    assert "sessionid" not in member_of_the_public.cookies
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "line",
    [
        "POST /public/mou/comments/12/ HTTP/1.1",
        "GET /public/mou/comments/12/thanks/ HTTP/1.1",
    ],
)
def test_the_request_logs_leave_out_the_comment_post_and_its_thanks_page(line: str) -> None:
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" 303 0', (line,), None
    )
    assert RespondentRequestFilter().filter(record) is False


def test_the_left_out_paths_are_where_the_urlconf_puts_the_comment_pages() -> None:
    assert is_private_request(reverse("agreements:public-comment", args=[3]))
    assert is_private_request(reverse("agreements:public-comment-thanks", args=[3]))
    # Reading a review is not commenting: its page is logged like any other.
    assert not is_private_request(reverse("agreements:public-review", args=[3]))
    assert not is_private_request(reverse("agreements:public-index"))
