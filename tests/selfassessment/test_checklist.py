"""The checklist file: the bundled one loads, and a bad file is refused with every
problem named by line and column."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.errors import ApplicationError
from selfassessment.checklist import (
    STEP_TITLES,
    ChecklistError,
    checklist_load,
    checklist_parse,
)
from selfassessment.evidence.registry import EVIDENCE

HEADER = "key,step,kind,text,evidence\n"


def _parse(body: str, header: str = HEADER):
    return checklist_parse(
        name="district.csv", content=(header + body).encode(), evidence_keys=EVIDENCE.keys()
    )


def _problems(body: str, header: str = HEADER) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        _parse(body, header)
    return caught.value.problems


def test_the_bundled_checklist_covers_every_step_in_both_kinds_with_evidence_in_each() -> None:
    checklist = checklist_load("secure-2016.csv")

    assert {(i.step, i.kind) for i in checklist.items} == {
        (step, kind) for step in STEP_TITLES for kind in ("start", "improve")
    }
    assert {i.step for i in checklist.items if i.evidence} == set(STEP_TITLES)
    assert checklist.label.startswith("secure-2016.csv@")
    assert len(checklist.label) <= 100


def test_every_evidence_key_is_used_by_the_bundled_checklist() -> None:
    used = {i.evidence for i in checklist_load("secure-2016.csv").items if i.evidence}

    assert used == set(EVIDENCE)


def test_a_district_file_loads_in_step_order_with_its_own_wording() -> None:
    checklist = _parse(
        "b,2,improve,Second step item.,\n"
        'a,1,Start,"Official wording, with a comma.",training_compliance\n'
    )

    assert [(i.key, i.step, i.kind, i.text, i.evidence) for i in checklist.items] == [
        ("a", 1, "start", "Official wording, with a comma.", "training_compliance"),
        ("b", 2, "improve", "Second step item.", ""),
    ]


def test_an_unknown_step_is_named_by_line_and_column() -> None:
    assert _problems("a,6,start,Text.,\n") == ["Line 2, column step: unknown step '6' (1 to 5)."]


def test_a_duplicate_key_names_both_lines() -> None:
    assert _problems("a,1,start,One.,\na,2,start,Two.,\n") == [
        "Line 3, column key: duplicate key 'a' (first on line 2)."
    ]


def test_an_unknown_evidence_key_is_named_with_the_known_ones() -> None:
    (problem,) = _problems("a,1,start,Text.,mou_signed_in_blood\n")

    assert problem.startswith(
        "Line 2, column evidence: unknown evidence key 'mou_signed_in_blood' (known: "
    )
    assert "training_compliance" in problem


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    problems = _problems("A B,x,later,,\nok,1,start,Fine.\n")

    assert problems == [
        "Line 2, column key: 'A B' is not a key (lower-case letters, digits, dots, dashes,"
        " underscores; at most 40).",
        "Line 2, column step: unknown step 'x' (1 to 5).",
        "Line 2, column kind: unknown kind 'later' (start or improve).",
        "Line 2, column text: the item has no text.",
        "Line 3: 4 columns, expected 5.",
    ]


def test_a_wrong_header_and_an_empty_file_are_refused() -> None:
    assert _problems("a,1,start,Text.,\n", header="id,step,kind,text,evidence\n") == [
        "Line 1: the header must be key,step,kind,text,evidence."
    ]
    assert _problems("") == ["The file has no items."]


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(ChecklistError, match="not UTF-8"):
        checklist_parse(
            name="latin.csv",
            content=(HEADER + "a,1,start,Caf\xe9.,\n").encode("latin-1"),
            evidence_keys=EVIDENCE.keys(),
        )


def test_the_check_command_passes_a_good_file_and_names_the_problems_of_a_bad_one(
    tmp_path,
) -> None:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(HEADER + "a,1,start,Text.,\n")
    bad.write_text(HEADER + "a,9,start,Text.,\n")
    out = StringIO()

    call_command("selfassessment_checklist_check", str(good), stdout=out)
    with pytest.raises(CommandError, match=r"Line 2, column step: unknown step '9'"):
        call_command("selfassessment_checklist_check", str(bad))

    assert "1 items" in out.getvalue()


def test_an_unknown_checklist_name_is_refused() -> None:
    with pytest.raises(ApplicationError, match="no checklist named"):
        checklist_load("../settings.py")
