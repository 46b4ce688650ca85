"""The tables per profession in every export, as the facilitator decided: left out of an
anonymous session's minutes, CSV and spreadsheet until put in, in a named one's until
taken out, and the command line's flag overriding the session either way."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from server import export
from server import protocol as p
from tests.export.school import AS_SET, PEDAGOGUE, TEACHER, rated_school, tables
from tests.unit.test_export import log_of

SPLIT_HEADING = "Fordelt på faggrupper"
ACCEPTANCE_BY_GROUP = f"| Svar | I alt | {TEACHER} | {PEDAGOGUE} |"
CRITERIA_BY_GROUP = f"| Kriterium | ja/delvis/nej | {TEACHER} | {PEDAGOGUE} |"


def minutes(
    log: export.SessionLog, fmt: str = "md", options: export.MinutesOptions = AS_SET
) -> str:
    return export.render(log, fmt, "da", options).decode()


def has_tables(text: str) -> bool:
    """Whether the minutes hold every kind of table per profession (or none of them)."""
    kinds = [SPLIT_HEADING in text, ACCEPTANCE_BY_GROUP in text, CRITERIA_BY_GROUP in text]
    assert len(set(kinds)) == 1, kinds
    return kinds[0]


@pytest.mark.parametrize(
    ("anonymous", "include", "shown"),
    [(True, None, False), (True, True, True), (False, None, True), (False, False, False)],
)
def test_the_markdown_minutes_follow_the_facilitators_setting(
    anonymous: bool, include: bool | None, shown: bool
) -> None:
    """Anonymous: out until put in; named: in until taken out."""
    log = log_of(rated_school(anonymous, include))
    assert has_tables(minutes(log)) is shown


@pytest.mark.parametrize("include", [False, True])
def test_the_html_minutes_follow_the_facilitators_setting(include: bool) -> None:
    """The printable page carries the same tables as the Markdown, or none."""
    page = minutes(log_of(rated_school(include=include)), "html")
    assert (f'<th class="num">{TEACHER}</th>' in page) is include
    assert (SPLIT_HEADING in page) is include


def test_left_out_the_support_in_words_stays() -> None:
    """Without tables the totals and the rounds stay; only the columns per group go."""
    text = minutes(log_of(rated_school(include=False)))
    assert "| Svar | I alt |" in text and "| Fuld opbakning | 4 |" in text
    assert "| d1, v1 | Alle børn lærer at lære | 4 |" in text


@pytest.mark.parametrize(("include", "override"), [(False, True), (True, False)])
def test_the_command_lines_flag_overrides_the_session(include: bool, override: bool) -> None:
    """--profession-tables puts them in a session set without; --no-... takes them out."""
    log = log_of(rated_school(include=include))
    flag = export.MinutesOptions(profession_tables=override)
    assert has_tables(minutes(log, options=flag)) is override
    csv_files = tables(export.render(log, "csv", "da", flag))
    assert ("ratings_by_profession.csv" in csv_files) is override


def test_left_out_the_csv_has_no_figure_per_profession() -> None:
    """votes_by_profession.csv keeps its header alone; ratings_by_profession.csv is absent."""
    files = tables(export.render(log_of(rated_school(include=False)), "csv", "da", AS_SET))
    assert files["votes_by_profession.csv"] == [
        ["round", "round_id", "group", "other_professions", "draft_id", "dots"]
    ]
    assert "ratings_by_profession.csv" not in files
    assert len(files["ratings.csv"]) == 1 + 10 + 18  # the totals stay


def as_csv(value: object) -> str:
    """A sheet's cell as the CSV writes it: text and whole numbers only, nothing else."""
    assert value is None or isinstance(value, str | int), value
    return export.csv_cell(value)


@pytest.mark.parametrize("include", [False, True])
def test_the_spreadsheet_holds_exactly_the_csv_tables(include: bool) -> None:
    """Opened again with openpyxl, the sheets are the CSV files, with or without tables."""
    log = log_of(rated_school(include=include))
    csv_files = tables(export.render(log, "csv", "da", AS_SET))
    book = openpyxl.load_workbook(io.BytesIO(export.render(log, "xlsx", "da", AS_SET)))
    assert sorted(book.sheetnames) == sorted(name.removesuffix(".csv") for name in csv_files)
    for name, rows in csv_files.items():
        sheet = [
            [as_csv(value) for value in row]
            for row in book[name.removesuffix(".csv")].iter_rows(values_only=True)
        ]
        assert sheet == rows, name


def test_the_json_carries_the_decision_and_replays_to_it() -> None:
    """The decision is an event of the data export; folding the events gives it back."""
    document = json.loads(export.render(log_of(rated_school(include=True)), "json"))
    assert document["events"][-1]["kind"] == "minutes_tables_set"
    assert document["final_state"]["session"]["settings"]["minutes_tables"] is True
    replayed = json.loads(p.encode(export.replay_export(document)))
    assert replayed == document["final_state"]
