"""The self-assessment checklist: a CSV file in the repository, one item per line.

The items are our own wording of SECURe's five action steps (ED/DOJ, 2016); a district
that wants the official wording, or its own, adds a file beside ``secure-2016.csv``
(checked first with ``manage.py selfassessment_checklist_check FILE``) and picks it
when it starts an assessment. An assessment stores the file's name and content hash,
so a file edited after the start is noticed, and a completed assessment keeps its
items in its snapshot whatever happens to the file later.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from core.errors import ApplicationError
from selfassessment.evidence.registry import EVIDENCE

CHECKLIST_DIR = Path(__file__).resolve().parent / "checklists"
DEFAULT_CHECKLIST = "secure-2016.csv"
COLUMNS = ("key", "step", "kind", "text", "evidence")
KINDS = ("start", "improve")
KIND_LABELS = {"start": "Checklist to start", "improve": "Checklist to improve"}
STEP_TITLES = {
    1: "Create sustainable partnerships and formalize MOUs",
    2: "Ensure that MOUs meet civil rights requirements",
    3: "Recruit and hire effective SROs and school personnel",
    4: "Keep SROs and school personnel well trained",
    5: "Continually evaluate SROs and school personnel, and recognize good performance",
}
# Item keys are stored with answers (40 characters) and posted back from forms.
_KEY = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}\.csv$")


class ChecklistError(ApplicationError):
    """A checklist file that can't be used; ``problems`` name each line and column."""

    def __init__(self, name: str, problems: list[str]) -> None:
        super().__init__(f"The checklist {name} can't be used: " + " ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    step: int
    kind: str
    text: str
    evidence: str  # "" when the coordinator answers it


@dataclass(frozen=True)
class Checklist:
    name: str
    content_hash: str
    items: tuple[ChecklistItem, ...]

    @property
    def label(self) -> str:
        """What an assessment stores: the file and the first 16 hex digits of its SHA-256."""
        return f"{self.name}@{self.content_hash[:16]}"

    def item(self, key: str) -> ChecklistItem | None:
        return next((item for item in self.items if item.key == key), None)


def checklist_parse(*, name: str, content: bytes, evidence_keys: Collection[str]) -> Checklist:
    """Read a checklist file; every problem is reported at once, with its line and column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistError(name, [f"The file is not UTF-8 text (byte {exc.start})."]) from exc
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [cell.strip().lower() for cell in rows[0]] != list(COLUMNS):
        raise ChecklistError(name, [f"Line 1: the header must be {','.join(COLUMNS)}."])
    problems: list[str] = []
    items: list[ChecklistItem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        found = _row_problems(number, row, seen, evidence_keys)
        problems += found
        if not found:
            key, step, kind, wording, evidence = (cell.strip() for cell in row)
            seen[key] = number
            items.append(ChecklistItem(key, int(step), kind.lower(), wording, evidence))
    if not problems and not items:
        problems.append("The file has no items.")
    if problems:
        raise ChecklistError(name, problems)
    items.sort(key=lambda item: (item.step, KINDS.index(item.kind)))
    return Checklist(name, hashlib.sha256(content).hexdigest(), tuple(items))


def _row_problems(
    number: int, row: list[str], seen: dict[str, int], evidence_keys: Collection[str]
) -> list[str]:
    if len(row) != len(COLUMNS):
        return [f"Line {number}: {len(row)} columns, expected {len(COLUMNS)}."]
    key, step, kind, wording, evidence = (cell.strip() for cell in row)
    problems = []
    if not _KEY.match(key):
        problems.append(
            f"Line {number}, column key: {key!r} is not a key (lower-case letters, digits,"
            " dots, dashes, underscores; at most 40)."
        )
    elif key in seen:
        problems.append(
            f"Line {number}, column key: duplicate key {key!r} (first on line {seen[key]})."
        )
    if step not in {str(s) for s in STEP_TITLES}:
        problems.append(f"Line {number}, column step: unknown step {step!r} (1 to 5).")
    if kind.lower() not in KINDS:
        problems.append(f"Line {number}, column kind: unknown kind {kind!r} (start or improve).")
    if not wording:
        problems.append(f"Line {number}, column text: the item has no text.")
    if evidence and evidence not in evidence_keys:
        problems.append(
            f"Line {number}, column evidence: unknown evidence key {evidence!r}"
            f" (known: {', '.join(sorted(evidence_keys))})."
        )
    return problems


def checklist_names() -> list[str]:
    """The checklist files a district may choose from, the default first."""
    names = sorted(p.name for p in CHECKLIST_DIR.glob("*.csv") if _FILE_NAME.match(p.name))
    return sorted(names, key=lambda n: n != DEFAULT_CHECKLIST)


def checklist_load(name: str) -> Checklist:
    """A checklist from the repository's folder, by file name; validated."""
    if name not in checklist_names():
        raise ApplicationError(f"There is no checklist named {name!r}.")
    content = (CHECKLIST_DIR / name).read_bytes()
    return _parsed(name, content)


@functools.cache
def _parsed(name: str, content: bytes) -> Checklist:
    return checklist_parse(name=name, content=content, evidence_keys=EVIDENCE.keys())


_SECURE_FILE = re.compile(r"^secure-(\d{4})$", re.IGNORECASE)


def checklist_title(label: str) -> str:
    """How people read the stored checklist label: ``secure-2016.csv@4deab0fd…`` is
    "SECURe 2016 checklist (version 4deab0fd)"."""
    name, _, content_hash = str(label).partition("@")
    stem = name.removesuffix(".csv")
    match = _SECURE_FILE.match(stem)
    title = f"SECURe {match.group(1)} checklist" if match else f"Checklist {stem}"
    return f"{title} (version {content_hash[:8]})" if content_hash else title
