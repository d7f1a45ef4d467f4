"""Opt-outs are kept apart from responses: the checks the suite runs on responses and
answers (tests/surveys/test_anonymity.py, test_arrival_order.py), run on the opt-out
table through the same helpers."""

from __future__ import annotations

import json
import uuid

import pytest
from django.apps import apps
from django.db import OperationalError

from roster.models import School
from surveys.models import (
    AccessCode,
    Answer,
    CodeBatch,
    OptOut,
    ParentNotice,
    RespondentGroup,
    Response,
)
from surveys.services import response_submit
from surveys.services.notices import opt_out_record
from tests.factories.surveys import (
    agree_answers,
    issue_codes,
    make_campaign,
    make_notice,
    tag_student_questions,
)
from tests.surveys.test_anonymity import IDENTIFYING, db_columns
from tests.surveys.test_arrival_order import (
    _create_sql,
    _in_arrival_order,
    _index_scans,
    _rows,
    on_sqlite_for,
)

pytestmark = pytest.mark.django_db
TABLE = OptOut._meta.db_table
OPT_OUTS = 40  # in arrival order by chance: 1 in 40!
# Rowid order is SQLite's: on PostgreSQL these run on SQLite by a pytest of their own.
on_sqlite_only = on_sqlite_for(__file__)


@pytest.fixture
def notice(world) -> ParentNotice:
    campaign = make_campaign(
        period=world.period, schools=[world.school], officers=[world.officer], with_notice=False
    )
    tag_student_questions(campaign, {"contact": ["illegal_behavior"]})
    return make_notice(campaign)


def _opt_out_many(notice: ParentNotice, school: School) -> dict[str, int]:
    """Opt-outs sent one by one; for each new row, the order it arrived in."""
    arrival: dict[str, int] = {}
    for n in range(OPT_OUTS):
        opt_out_record(notice=notice, school=school, child_name=f"Child {n:02d}", grade="7")
        new = [row[0] for row in _rows(f'SELECT id, * FROM "{TABLE}"') if row[0] not in arrival]  # noqa: S608 - the model's table
        assert len(new) == 1
        arrival[new[0]] = n
    return arrival


def test_the_opt_out_table_holds_the_child_school_grade_and_nothing_identifying() -> None:
    assert db_columns(OptOut) == {"id", "notice_id", "school_id", "child_name", "name_key", "grade"}
    for column in db_columns(OptOut):
        assert not any(word in column for word in IDENTIFYING), column


def test_nothing_relates_an_opt_out_to_codes_batches_or_responses() -> None:
    linked = {f.related_model for f in OptOut._meta.get_fields() if f.is_relation}
    assert linked == {ParentNotice, School}
    survey_side = (AccessCode, CodeBatch, Response, Answer)
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if f.is_relation and f.related_model is OptOut:
                assert model is None, f"{model.__name__}.{f.name} points to opt-outs"
            if model in survey_side and f.is_relation:
                assert f.related_model not in (OptOut, ParentNotice), (model, f.name)


def test_opt_outs_have_random_keys(world, notice) -> None:
    _opt_out_many(notice, world.school)
    assert all(isinstance(o.pk, uuid.UUID) and o.pk.version == 4 for o in OptOut.objects.all())


def test_an_opt_out_and_a_response_of_the_same_school_share_no_value(world, notice) -> None:
    """Sent side by side, the rows share only what every row of that school and
    campaign shares (the school; the notice stands for the campaign)."""
    opt_out = opt_out_record(
        notice=notice, school=world.school, child_name="Ana Ruiz", grade="Room twelve"
    )
    [code] = issue_codes(notice.campaign, RespondentGroup.STUDENT, world.school)
    response = response_submit(code=code, language="es", answers=agree_answers(world.officer, 4))
    row = OptOut.objects.filter(pk=opt_out.pk).values().get()
    written = json.dumps(
        [
            AccessCode.objects.values().get(),
            CodeBatch.objects.values().get(),
            Response.objects.filter(pk=response.pk).values().get(),
        ],
        default=str,
    )
    for column in ("id", "child_name", "name_key", "grade"):
        assert str(row[column]) not in written, column
    assert str(response.pk) not in json.dumps(row, default=str)
    assert OptOut.objects.visible_to(None).count() == 0


@on_sqlite_only
def test_the_opt_out_table_has_no_rowid() -> None:
    assert "WITHOUT ROWID" in _create_sql(TABLE).upper(), (
        f"{TABLE} lost WITHOUT ROWID (a later migration remade it?); see migration 0009"
    )
    with pytest.raises(OperationalError, match="rowid"):
        _rows(f'SELECT rowid FROM "{TABLE}"')  # noqa: S608 - the model's table


@on_sqlite_only
def test_opt_outs_are_stored_and_indexed_in_random_key_order_not_arrival_order(
    world, notice
) -> None:
    arrival = _opt_out_many(notice, world.school)
    stored = [row[0] for row in _rows(f'SELECT id, * FROM "{TABLE}"')]  # noqa: S608 - the model's table
    assert not _in_arrival_order(stored, arrival)
    scans = dict(_index_scans(TABLE))
    assert scans, "the opt-out table has indexes to check"
    for index, rows in scans.items():
        assert len(rows) == OPT_OUTS, index
        ids = [row[-1] for row in rows]
        # Equal keys (one school, one grade) must not fall back to arrival order.
        assert not _in_arrival_order(ids, arrival) or len({r[:-1] for r in rows}) == OPT_OUTS, index


def test_the_default_ordering_is_never_by_arrival() -> None:
    assert "created_at" not in OptOut._meta.ordering
    assert OptOut._meta.ordering[-1] == "id"
