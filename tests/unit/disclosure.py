"""An outside check of the k-rule, written without the server's grouping code.

A figure per profession is `{group: {key: count}}`: a named group is every voting member
of that profession (compared case-insensitively), and `""` is every other voting member.
It is safe when every group shown has at least k members who acted on that very figure
(cast a dot in the round, tagged the statement), and when the groups together hold
every voting member: then subtracting the shown groups from the total everyone sees
leaves nobody, not even a silent member whose abstention would show, and no count can
be pinned on fewer than k people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from server import model


def group_members(state: model.State, groups: Iterable[str]) -> dict[str, set[str]]:
    """The voting members each group of a figure stands for."""
    keys = list(groups)
    named = {key.casefold() for key in keys if key}
    voters = [who for who in state.participants.values() if who.is_voter]

    def profession(who: model.Participant) -> str:
        return (who.profession or "").casefold()

    members = {
        key: {who.id for who in voters if profession(who) == key.casefold()} for key in keys if key
    }
    if "" in keys:
        members[""] = {who.id for who in voters if profession(who) not in named}
    return members


def assert_safe_figure(
    state: model.State,
    figure: Mapping[str, Mapping[str, int]],
    acted: Iterable[str],
    total: Mapping[str, int] | None = None,
) -> None:
    """No group of `figure` (as of `state`) stands for fewer than k people who acted, and
    the groups hold every voting member, so that they add up to `total` if given."""
    if not figure:
        return
    k = max(1, state.info.k_anonymity)
    acting = set(acted)
    members = group_members(state, figure)
    for group, ids in members.items():
        assert len(ids & acting) >= k, f"{group!r}: {len(ids & acting)} acted, k={k}: {figure}"
    covered = set().union(*members.values())
    voters = {who.id for who in state.participants.values() if who.is_voter}
    assert covered == voters, f"left out of every group: {sorted(voters - covered)}"
    assert acting <= covered, f"acts outside every group: {sorted(acting - covered)}"
    if total is not None:
        summed: Counter[str] = Counter()
        for counts in figure.values():
            summed.update(counts)
        assert +summed == +Counter(total), f"{figure} does not add up to {total}"
