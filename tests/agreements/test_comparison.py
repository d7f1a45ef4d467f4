"""Comparing two versions: changed clauses and only those are marked, word by word."""

from __future__ import annotations

import pytest

from agreements.comparison import compare_versions, word_diff
from agreements.models import Clause, MOUClause
from tests.agreements.staff_world import mou_people
from tests.factories.agreements import MOUVersionFactory

pytestmark = pytest.mark.django_db


def test_word_diff_marks_only_the_changed_words_and_escapes_the_rest() -> None:
    left, right = word_diff("Answered within 30 days <b>.", "Answered within 14 days <b>.")
    assert left == "Answered within <del>30 </del>days &lt;b&gt;."
    assert right == "Answered within <ins>14 </ins>days &lt;b&gt;."


def test_the_changed_clauses_and_only_those_are_marked() -> None:
    people = mou_people()
    base = people.mou.versions.get()
    other = MOUVersionFactory(mou=people.mou, number=2, adopted_on=None, removal_response_days=14)
    for clause in base.clauses.all():
        text_en = clause.text_en
        if clause.clause == Clause.COMPLAINTS:
            text_en = "Complaints: anyone files them on the public form."
        if clause.clause != Clause.DATA_SHARING:  # dropped in version 2
            MOUClause.objects.create(
                version=other, clause=clause.clause, text_en=text_en, text_es=clause.text_es
            )

    comparison = compare_versions(base=base, other=other)

    changed = [row.label for row in comparison.clauses if row.changed]
    assert changed == [
        "Complaints",
        "Sharing of student information",
        "Sharing of student information (Spanish)",
    ]
    complaints = next(row for row in comparison.clauses if row.label == "Complaints")
    assert complaints.base == "Complaints: the <del>parties agree.</del>"
    assert (
        complaints.other
        == "Complaints: <ins>anyone files them on </ins>the <ins>public form.</ins>"
    )
    terms = {row.label: row for row in comparison.terms}
    assert terms["Days to answer a removal request"].changed
    assert not terms["Review cycle (months)"].changed
    assert comparison.changed_count == 4
