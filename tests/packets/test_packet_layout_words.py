"""Done-when 4 of issue 17: the packet PDF never breaks a word across lines.

A long flag note beside short columns used to squeeze them into "Critical com/petency"
and "Severi/ty"; every word of the long texts must come out of the PDF whole.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path

import pytest

import packets
from evaluations.models import Competency
from flags.models import Flag
from packets.assembler import assemble_snapshots
from packets.pdf.document import render_packet_pdf
from packets.pdf.furniture import FOOTER
from packets.snapshot import content_hash
from tests.factories.packets import add_packet_inputs

pytestmark = pytest.mark.django_db

LONG_NOTE = (
    "Reviewed with the principal and the lieutenant after the spring semester: the figure reflects "
    "three incidents at the stadium during homecoming week, each documented, and the officer completed "
    "the refresher in restorative practices; supervision will continue monitoring its progress through December of next year."
)
LONG_COMPETENCY = "Collaboration with school administrators on restorative approaches"


def _pdf_lines(pdf: bytes, tmp_path) -> list[str]:
    source = tmp_path / "packet.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return text.splitlines()


def _words(text: str) -> set[str]:
    # A token with a digit is a date or the content hash, whose letters are no words.
    return set(re.findall(r"[A-Za-z]+", re.sub(r"\S*\d\S*", " ", text)))


def _renderer_words() -> set[str]:
    """Every word the renderer writes itself ("In short", "can't be signed"): the words
    of the string constants in packets/pdf/ and packets/stamp.py."""
    root = Path(packets.__file__).parent
    texts = [
        node.value
        for path in [*root.joinpath("pdf").glob("*.py"), root / "stamp.py"]
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    return _words("\n".join(texts))


def _fragments(words: set[str], known: set[str]) -> set[str]:
    """The pieces a word breaks into ("com" and "petency"), less words printed anyway."""
    pieces = {word[:cut] for word in words for cut in range(2, len(word) - 1)}
    pieces |= {word[cut:] for word in words for cut in range(2, len(word) - 1)}
    return pieces - known


def test_no_word_of_a_long_note_or_competency_name_is_split_across_lines(world, tmp_path) -> None:
    add_packet_inputs(world, scale=1)
    assert len(LONG_NOTE) >= 300
    assert len(LONG_COMPETENCY) >= 60
    Flag.objects.filter(officer=world.officer).update(note=LONG_NOTE)
    Competency.objects.filter(rubric__evaluations__officer=world.officer).update(
        name=LONG_COMPETENCY
    )
    snapshot = assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[
        world.officer.pk
    ]

    lines = _pdf_lines(render_packet_pdf(snapshot), tmp_path)

    printed = _words("\n".join(lines))
    source = _words(LONG_NOTE) | _words(LONG_COMPETENCY) | {"Severity", "Critical"}
    assert source <= printed, f"not printed whole: {sorted(source - printed)}"
    # The cover prints the content hash, whose letters a line may end or start with.
    hex_runs = re.findall(r"[a-f]+", content_hash(snapshot))
    # The renderer's own words ("This version ...") are words, not pieces of others.
    known = _words(json.dumps(snapshot)) | _words(FOOTER) | _renderer_words()
    known |= {
        run[i:j] for run in hex_runs for i in range(len(run)) for j in range(i + 1, len(run) + 1)
    }
    broken = printed & _fragments(source, known)
    assert not broken, f"pieces of broken words printed: {sorted(broken)}"
    # And no word of any table, chart label or note of the packet comes out in pieces.
    everywhere = printed & _fragments(_words(json.dumps(snapshot)), known)
    assert not everywhere, f"pieces of broken words printed: {sorted(everywhere)}"
