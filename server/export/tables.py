"""The data as tables for a spreadsheet: drafts, rounds, votes by profession,
statements and conflicts, one row per item (per version, for a draft), and the rating
rounds' two tables (`tables_ratings`) when the session had any.

Rows hold plain values here; `csv_zip` makes them cells. Authors are named only in a
named session, removed text is blank, and the split by profession is the one fixed at
each round's close, and only where the tables per profession go in (the facilitator's
setting or the export's override), so the tables say no more than the minutes do.
"""

from __future__ import annotations

from typing import Any

from server import model, views
from server.export.context import MinutesOptions, profession_tables
from server.export.groups import ordered_groups
from server.export.history import History, build_history, round_drafts
from server.export.session_log import SessionLog
from server.export.tables_ratings import ratings_by_profession_csv, ratings_csv


def _author(state: model.State, pid: str | None) -> str:
    if state.info.anonymous or pid is None or pid not in state.participants:
        return ""
    return state.participants[pid].name


def _drafts_csv(history: History) -> list[list[Any]]:
    state = history.state
    rows: list[list[Any]] = [
        [
            "draft_id",
            "version",
            "written_at",
            "text",
            "author",
            "latest",
            "final",
            "withdrawn",
            "removed",
        ]
    ]
    for draft in state.drafts.values():
        for v in history.versions.get(draft.id, []):
            text = None if draft.removed else v.text
            latest = v.number == draft.version
            flags = [latest, draft.final, draft.withdrawn, draft.removed]
            rows.append([draft.id, v.number, v.at, text, _author(state, v.actor), *flags])
    return rows


def _rounds_csv(history: History) -> list[list[Any]]:
    head = ["round", "round_id", "dots_per_voter", "blind", "open", "voters"]
    rows: list[list[Any]] = [[*head, "draft_id", "draft_version", "dots"]]
    for current in history.state.rounds:
        view = views.round_view(current)
        meta = [view.number, view.id, view.dots, view.blind, view.open, view.voters]
        for draft_id, version, _ in round_drafts(history, current):
            dots = None if view.tally is None else view.tally.get(draft_id, 0)
            rows.append([*meta, draft_id, version, dots])
    return rows


def _votes_by_profession_csv(history: History, include: bool) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["round", "round_id", "group", "other_professions", "draft_id", "dots"]
    ]
    if not include:
        return rows  # the header alone: the file is there, its figures were left out
    for current in history.state.rounds:
        split = current.by_profession or {}
        drafts = round_drafts(history, current)
        for group in ordered_groups(split):
            for draft_id, _, _ in drafts:
                dots = split[group].get(draft_id, 0)
                rows.append([current.number, current.id, group, not group, draft_id, dots])
    return rows


def _statements_csv(history: History) -> list[list[Any]]:
    state = history.state
    rows: list[list[Any]] = [
        [
            "statement_id",
            "added_at",
            "text",
            "author",
            "output",
            "effect",
            "agreed",
            "disputed",
            "removed",
        ]
    ]
    for statement in state.statements.values():
        view = views.statement_view(state, statement)
        at, actor = history.added.get(statement.id, ("", None))
        tally = [view.tally["output"], view.tally["effect"]]
        who = _author(state, actor)
        rows.append(
            [view.id, at, view.text, who, *tally, view.agreed, views.disputed(view), view.removed]
        )
    return rows


def _conflicts_csv(history: History) -> list[list[Any]]:
    state = history.state
    head = ["conflict_id", "recorded_at", "title", "description", "professions", "refs"]
    rows: list[list[Any]] = [[*head, "status", "notes", "author", "removed", "suggestion"]]
    for c in state.conflicts.values():
        at, actor = history.added.get(c.id, ("", None))
        refs = "; ".join(f"{r.kind}:{r.id}" for r in c.refs)
        professions = "; ".join(c.professions)
        notes = "\n".join(c.notes)
        who = _author(state, actor)
        rows.append([c.id, at, c.title, c.description, professions, refs, c.status, notes, who])
        rows[-1] += [c.removed, c.suggestion or ""]
    return rows


def csv_tables(
    log: SessionLog, options: MinutesOptions | None = None
) -> dict[str, list[list[Any]]]:
    """Each table by file name, header row first (values not yet made cells). The rating
    tables come only with rating rounds, so an older session's files are as they were."""
    history = build_history(log)
    include = profession_tables(options or MinutesOptions(), history.state)
    tables = {
        "drafts.csv": _drafts_csv(history),
        "rounds.csv": _rounds_csv(history),
        "votes_by_profession.csv": _votes_by_profession_csv(history, include),
        "statements.csv": _statements_csv(history),
        "conflicts.csv": _conflicts_csv(history),
    }
    if history.state.ratings:
        tables["ratings.csv"] = ratings_csv(history)
        if include:
            tables["ratings_by_profession.csv"] = ratings_by_profession_csv(history)
    return tables
