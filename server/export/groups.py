"""Per-profession figures as the k-rule allows them, shared by the minutes and the tables.

A round's split was fixed (and the k-rule applied) at its close; the statements' tags
have no close, so their split is made here through `model.profession_groups`, which
merges or withholds groups smaller than k. Nothing else in the export groups people.
"""

from __future__ import annotations

from collections.abc import Iterable

from server import model


def statement_split(state: model.State) -> dict[str, dict[str, tuple[int, int]]]:
    """Each live statement's (output, effect) tags per profession group, under the k-rule:
    empty when `profession_groups` allows no per-profession figures at all."""
    groups = model.profession_groups(state)
    split: dict[str, dict[str, tuple[int, int]]] = {}
    for statement in state.statements.values():
        if statement.removed:
            continue
        row: dict[str, tuple[int, int]] = {}
        for group, members in groups.items():
            tags = [statement.tags[x] for x in members if x in statement.tags]
            row[group] = (tags.count("output"), tags.count("effect"))
        split[statement.id] = row
    return split if groups else {}


def ordered_groups(groups: Iterable[str]) -> list[str]:
    """Named groups as the rules made them, the merged "" group last."""
    names = list(groups)
    return [x for x in names if x] + [x for x in names if not x]
