"""Per-profession figures as the k-rule allows them, shared by the minutes and the tables.

A round's split was fixed (and the k-rule applied) at its close, and a statement's split
at its reveal: the export shows those, never a recomputation from a later state, which
could be subtracted from what the room saw (a latecomer's tag would be the difference).
A statement whose split was never revealed has no figure yet; it gets one here, through
`model.tag_split`, once. Nothing else in the export groups people.
"""

from __future__ import annotations

from collections.abc import Iterable

from server import model


def statement_split(state: model.State) -> dict[str, dict[str, tuple[int, int]]]:
    """Each live statement's (output, effect) tags per profession group: as revealed, or
    else made now under the k-rule. A statement whose figure is withheld has no entry."""
    split: dict[str, dict[str, tuple[int, int]]] = {}
    for statement in state.statements.values():
        if statement.removed:
            continue
        figure = statement.split
        if figure is None:
            figure = model.tag_split(state, statement)
        if figure:
            split[statement.id] = {g: (c["output"], c["effect"]) for g, c in figure.items()}
    return split


def ordered_groups(groups: Iterable[str]) -> list[str]:
    """Named groups as the rules made them (each once, in first order), "" last."""
    names = list(dict.fromkeys(groups))
    return [x for x in names if x] + [x for x in names if not x]
