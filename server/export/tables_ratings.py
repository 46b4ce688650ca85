"""The acceptance and criteria rounds as two tables for a spreadsheet: the answers in
all, and (only where the tables per profession go in) per profession group.

One row per draft, question and answer, so a count is always one cell a spreadsheet can
sum. The split per profession is the one fixed at each round's close under the k-rule,
never recomputed; a group withheld for a question has no rows for it (as in the
minutes), and a round still open has none at all.
"""

from __future__ import annotations

from typing import Any

from server import protocol as p
from server import views
from server.export.groups import ordered_groups
from server.export.history import History

RATINGS_HEAD = ["round", "rating_id", "kind", "blind", "open", "answered"]


def ratings_csv(history: History) -> list[list[Any]]:
    """The totals: a count per draft, question and answer (blank while a blind round is
    open, as everyone saw it then)."""
    rows: list[list[Any]] = [[*RATINGS_HEAD, "draft_id", "question", "answer", "count"]]
    for rating in history.state.ratings:
        view = views.rating_view(rating)
        meta = [view.number, view.id, view.kind, view.blind, view.open, view.answered]
        for draft_id in view.draft_ids:
            for question in p.rating_questions(view.kind):
                counts = None if view.tally is None else view.tally.get(draft_id, {})
                for answer in p.rating_answers(view.kind):
                    count = None if counts is None else counts.get(question, {}).get(answer, 0)
                    rows.append([*meta, draft_id, question, answer, count])
    return rows


def ratings_by_profession_csv(history: History) -> list[list[Any]]:
    """The split as fixed at each close: a count per group, draft, question and answer;
    the group "" (other_professions true) is the one the k-rule merged the small ones into."""
    head = ["round", "rating_id", "kind", "group", "other_professions"]
    rows: list[list[Any]] = [[*head, "draft_id", "question", "answer", "count"]]
    for rating in history.state.ratings:
        split = rating.by_profession or {}
        for draft_id in rating.draft_ids:
            for question in p.rating_questions(rating.kind):
                figure = split.get(draft_id, {}).get(question, {})
                for group in ordered_groups(figure):
                    meta = [rating.number, rating.id, rating.kind, group, not group]
                    for answer in p.rating_answers(rating.kind):
                        count = figure[group].get(answer, 0)
                        rows.append([*meta, draft_id, question, answer, count])
    return rows
