"""The survey section people can read (issue 17): each shown question's answer split,
one word for a hidden figure and what it means, comments counted as shown, and a
stated format on every table of every section."""

from __future__ import annotations

import pytest

from packets.assembler import assemble_snapshots
from packets.sections.surveys import GROUP_COLUMNS, SPLIT_COLUMNS
from packets.snapshot import COLUMN_FORMATS
from roster.models import Role
from tests.factories.packets import add_packet_inputs, built_version
from tests.factories.surveys import make_campaign, release_results, submit_many

pytestmark = pytest.mark.django_db

SPLIT_AT = [GROUP_COLUMNS.index(name) for name in SPLIT_COLUMNS]


@pytest.fixture
def surveyed(world):
    """13 students answer with comments (shown, k=5); 4 families answer (fewer than k: hidden)."""
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        groups=["student", "family"],
    )
    submit_many(
        campaign, "student", world.school, world.officer, 13, values=[5, 4, 3, 2], comment="Kind"
    )
    submit_many(campaign, "family", world.school, world.officer, 4, values=[1, 2])
    release_results(campaign)
    return world


def _snapshot(world) -> dict:
    return assemble_snapshots(officer_ids=[world.officer.pk], period=world.period)[world.officer.pk]


def _surveys(snapshot: dict) -> dict:
    return next(s for s in snapshot["sections"] if s["key"] == "surveys")


def _table(section: dict, prefix: str) -> dict:
    return next(t for t in section["tables"] if t["title"].startswith(prefix))


def test_a_shown_question_carries_its_answer_split_and_a_hidden_one_none(surveyed) -> None:
    section = _surveys(_snapshot(surveyed))
    students = _table(section, "Students: 13")
    families = _table(section, "Families")

    shown = [row for row in students["rows"] if isinstance(row[SPLIT_AT[0]], float | int)]
    assert shown, "the students' questions are shown"
    for row in shown:
        favourable, neutral, unfavourable = (row[i] for i in SPLIT_AT)
        assert favourable + neutral + unfavourable == pytest.approx(100, abs=0.2)
    # Answers 5, 4, 3, 2 in turn: the first question's split is not all favourable.
    assert any(row[SPLIT_AT[1]] or row[SPLIT_AT[2]] for row in shown)
    for row in families["rows"]:
        assert [row[i] for i in SPLIT_AT] == ["suppressed"] * 3


def test_the_notes_say_what_suppressed_means(surveyed) -> None:
    notes = " ".join(_surveys(_snapshot(surveyed))["notes"])

    assert '"suppressed" marks a figure withheld to protect anonymous respondents' in notes
    assert "hidden" not in notes


def test_the_comment_table_counts_the_comments_it_prints(surveyed) -> None:
    section = _surveys(_snapshot(surveyed))
    comments = next(t for t in section["tables"] if t["columns"] == ["Comment"])

    assert comments["title"] == f"Students: {len(comments['rows'])} comments"
    assert len(comments["rows"]) == 13
    assert all("suppressed" not in str(cell) for row in comments["rows"] for cell in row)


def test_every_table_of_every_section_says_what_each_column_holds(world) -> None:
    add_packet_inputs(world, scale=1)

    snapshot = _snapshot(world)

    for section in snapshot["sections"]:
        for table in section["tables"]:
            formats = table.get("formats", [])
            assert len(formats) == len(table["columns"]), (section["key"], table["title"])
            assert set(formats) <= set(COLUMN_FORMATS)
            for row in table["rows"]:
                for value, column_format in zip(row, formats, strict=True):
                    if column_format in ("integer", "decimal", "percent") and value is not None:
                        assert isinstance(value, int | float) or value == "suppressed", (
                            table["title"],
                            value,
                        )


def test_the_page_draws_a_split_bar_per_shown_question(surveyed, client_for) -> None:
    version = built_version(surveyed.officer, surveyed.period)
    client = client_for(surveyed.users[Role.PRINCIPAL])

    page = client.get(f"/packets/versions/{version.pk}/").content.decode()

    assert 'class="split-bar"' in page
    assert "% favourable, " in page
    assert 'class="split-bar-suppressed"' in page, "the families' questions draw no bar"
