"""The public report read the way an outsider reads it: from the page, the CSV and the XLSX
that an anonymous client downloads, with nothing but the figures and the rule that a
suppressed cell holds a count of 1 or more.

``figures`` maps (table, row label, column) to the text shown. Tables are named by
their slug (``arrest-race_ethnicity``) whatever the format, so the three formats compare:
the page's captions give each title its slug, and the XLSX's About sheet each sheet its
title (sheets are named in words, issue 17).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import defaultdict
from html.parser import HTMLParser

import openpyxl
from django.test import Client

SUPPRESSED = "suppressed"
TOTAL_ROW = "All schools"
TOTAL_COLUMN = "Total"
# Rates are not counts: they add up along no line.
NOT_ADDITIVE = ("rates", "relative-")

Figures = dict[tuple[str, str, str], str]


def _url(district_code: str, period_name: str, fmt: str = "") -> str:
    base = f"/public/activity/{district_code}/{period_name}/"
    return f"{base}report.{fmt}" if fmt else base


def _slugs_by_title(client: Client, district_code: str, period_name: str) -> dict[str, str]:
    """From the page: ``<caption id="caption-{slug}">{title}, {period}</caption>``."""
    page = client.get(_url(district_code, period_name)).content.decode()
    captions = re.findall(r'<caption id="caption-([^"]+)">(.*?)</caption>', page, re.DOTALL)
    return {
        html.unescape(text.strip()).removesuffix(f", {period_name}"): slug
        for slug, text in captions
    }


def _slugs_by_sheet(
    workbook: openpyxl.Workbook, client: Client, district_code: str, period_name: str
) -> dict[str, str]:
    slugs = _slugs_by_title(client, district_code, period_name)
    return {
        str(name).removeprefix("Sheet "): slugs[title]
        for name, title in workbook["About"].iter_rows(values_only=True)
        if str(name).startswith("Sheet ") and title in slugs  # not the Trends sheet
    }


def xlsx_sheet_of(workbook: openpyxl.Workbook, district_code: str, period_name: str, slug: str):
    """The sheet holding the table ``slug``."""
    by_sheet = _slugs_by_sheet(workbook, Client(), district_code, period_name)
    return workbook[next(name for name, each in by_sheet.items() if each == slug)]


def csv_figures(district_code: str, period_name: str) -> Figures:
    client = Client()
    response = client.get(_url(district_code, period_name, "csv"))
    assert response.status_code == 200
    slugs = set(_slugs_by_title(client, district_code, period_name).values())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # The CSV names each table by its slug (table_id); its "about" and "trend" rows are no table.
    return {
        (table_id, school, measure): value
        for table_id, _title, school, measure, value in rows[1:]
        if table_id in slugs
    }


def xlsx_figures(district_code: str, period_name: str) -> Figures:
    client = Client()
    response = client.get(_url(district_code, period_name, "xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    slugs = _slugs_by_sheet(workbook, client, district_code, period_name)
    figures: Figures = {}
    for sheet in workbook.worksheets:
        if sheet.title not in slugs:  # the About and Trends sheets
            continue
        header, *rows = list(sheet.iter_rows(values_only=True))
        for label, *values in rows:
            for column, value in zip(header[1:], values, strict=True):
                text = (
                    str(value)
                    if isinstance(value, int)
                    else (value if isinstance(value, str) else f"{value}")
                )
                figures[(slugs[sheet.title], label, column)] = text
    return figures


class _TableParser(HTMLParser):
    """The page's report tables: caption id names the table, thead the columns, tbody the rows."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: Figures = {}
        self._slug = ""
        self._in_head = False
        self._columns: list[str] = []
        self._row: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "caption" and (attrs.get("id") or "").startswith("caption-"):
            self._slug = attrs["id"].removeprefix("caption-")
        elif tag == "thead":
            self._in_head, self._columns = True, []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._slug:
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._text is not None:
            (self._columns if self._in_head else self._row).append("".join(self._text).strip())
            self._text = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._slug and not self._in_head and self._row:
            label, *cells = self._row
            for column, text in zip(self._columns[1:], cells, strict=True):
                self.figures[(self._slug, label, column)] = text
        elif tag == "table":
            self._slug = ""


def page_figures(district_code: str, period_name: str) -> Figures:
    response = Client().get(_url(district_code, period_name))
    assert response.status_code == 200
    parser = _TableParser()
    parser.feed(response.content.decode())
    return parser.figures


def _count(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _additive(table: str) -> bool:
    return not table.startswith(NOT_ADDITIVE)


def public_lines(
    figures: Figures,
) -> list[tuple[str, list[tuple[str, str, str]], tuple[str, str, str]]]:
    """Every line a reader can see add up: a row to its Total column, a column to its All schools row."""
    tables: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for table, row, column in figures:
        if _additive(table):
            tables[table][row].append(column)
    lines = []
    for table, rows in tables.items():
        columns = next(iter(rows.values()))
        for row in rows:
            if TOTAL_COLUMN in columns:
                members = [(table, row, c) for c in columns if c != TOTAL_COLUMN]
                lines.append((f"{table}: {row}", members, (table, row, TOTAL_COLUMN)))
        for column in columns:
            members = [(table, r, column) for r in rows if r != TOTAL_ROW]
            lines.append((f"{table}: {column}", members, (table, TOTAL_ROW, column)))
    return lines


def hidden_sums(figures: Figures) -> list[tuple[str, int, int]]:
    """What anyone computes from a line with a shown total: how many of its cells are
    hidden and what they add up to."""
    found = []
    for name, members, total in public_lines(figures):
        shown_total = _count(figures[total])
        hidden = [m for m in members if figures[m] == SUPPRESSED]
        if shown_total is None or not hidden:
            continue
        shown = sum(_count(figures[m]) or 0 for m in members if figures[m] != SUPPRESSED)
        found.append((name, len(hidden), shown_total - shown))
    return found


def small_changes(
    before: Figures, after: Figures, threshold: int
) -> list[tuple[tuple[str, str, str], int, int]]:
    """Counts shown in both that moved by 1 to threshold-1: a before/after difference."""
    moved = []
    for key, old in before.items():
        if not _additive(key[0]):
            continue
        old_count, new_count = _count(old), _count(after.get(key, ""))
        if (
            old_count is not None
            and new_count is not None
            and 0 < abs(new_count - old_count) < threshold
        ):
            moved.append((key, old_count, new_count))
    return moved


def small_hidden_changes(before: Figures, after: Figures, threshold: int) -> list[tuple[str, int]]:
    """Lines whose total is shown in both sets: how much their hidden cells moved together,
    when that is 1 to threshold-1 (a few incidents isolated in a hidden group)."""
    moved = []
    for name, members, total in public_lines(after):
        old_total, new_total = _count(before.get(total, "")), _count(after[total])
        if old_total is None or new_total is None:
            continue
        unseen = [
            m for m in members if _count(after[m]) is None or _count(before.get(m, "")) is None
        ]
        if not unseen:
            continue
        seen_change = sum(_count(after[m]) - _count(before[m]) for m in members if m not in unseen)
        change = (new_total - old_total) - seen_change
        if 0 < abs(change) < threshold:
            moved.append((name, change))
    return moved


def publish_on_the_staff_page(client: Client, period_pk: int, *, follow: bool = True):
    """What a coordinator does: preview the school year, tick the box, publish. Returns the
    answer to the confirmation."""
    preview = client.post("/activity/reports/", {"period": period_pk, "preview": "1"})
    assert preview.status_code == 200
    page = preview.content.decode()
    fields = dict(
        re.findall(r'<input type="hidden" name="(after_release|previewed)" value="([^"]*)"', page)
    )
    return client.post(
        "/activity/reports/",
        {"period": period_pk, "publish": "1", "confirm": "on", **fields},
        follow=follow,
    )
