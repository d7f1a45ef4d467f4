from __future__ import annotations

import math
import random

import pytest

from surveys import codes
from surveys.models import AccessCode, RespondentGroup
from tests.factories.surveys import issue_codes

CONFUSABLE = set("ILOU")


def test_a_code_has_at_least_40_random_bits_and_no_confusable_characters() -> None:
    code = codes.generate()
    body = code.replace("-", "")
    assert codes.RANDOM_SYMBOLS * math.log2(len(codes.ALPHABET)) >= 40
    assert len(body) == codes.CODE_LENGTH
    assert not CONFUSABLE & set(body)
    assert set(body) <= set(codes.ALPHABET)


def test_it_reads_a_code_typed_in_lower_case_with_spaces_and_look_alike_letters() -> None:
    code = codes.generate(random.Random(1))
    normal = code.replace("-", "")
    typed = (
        " ".join([normal[:4], normal[4:8], normal[8:]]).lower().replace("0", "o").replace("1", "l")
    )
    assert codes.normalise(typed) == normal


def test_it_catches_every_single_mistyped_symbol() -> None:
    normal = codes.normalise(codes.generate(random.Random(2)))
    for i, original in enumerate(normal):
        for symbol in codes.ALPHABET:
            if symbol != original:
                assert codes.normalise(normal[:i] + symbol + normal[i + 1 :]) is None


@pytest.mark.django_db
def test_codes_are_stored_only_as_a_keyed_hash(survey) -> None:
    issued = issue_codes(survey.campaign, RespondentGroup.STUDENT, survey.school, 5)
    stored = list(AccessCode.objects.values_list("code_hash", flat=True))
    assert len(set(issued)) == 5
    assert len(stored) == 5
    for code in issued:
        normal = codes.normalise(code)
        assert codes.lookup_hash(normal) in stored
        assert all(normal not in h and code not in h for h in stored)
    columns = {f.column for f in AccessCode._meta.get_fields() if hasattr(f, "column")}
    assert columns == {
        "id",
        "campaign_group_id",
        "school_id",
        "batch_id",
        "code_hash",
        "spent",
        "late",
    }
