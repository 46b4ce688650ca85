"""The profession lens: how professions split on statements and rounds, suggested
conflicts, and who takes part how much, always under the k-rule. Pure functions.

Every figure here obeys the k-rule of `model.figure_groups`: a group is shown only with
at least k members who acted on that figure, and the groups hold every voting member.
The lens is live and for facilitators only, so it is made afresh from the state; what
participants see is fixed once (a round at its close, a split at its reveal). The split
score compares named professions only, because the mixed "other professions" group has
no view of its own to compare.
"""

from __future__ import annotations

from dataclasses import dataclass

from server import model
from server import protocol as p

DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Side:
    """One profession's position on an item: its share of the item's measure."""

    profession: str
    members: int
    acts: int
    share: float  # statements: share of its tags that say "effect"; rounds: of its dots


def split_score(shares: list[float]) -> float:
    """The largest difference between two professions' shares: 0 agree, 1 opposite."""
    return round(max(shares) - min(shares), 3) if len(shares) >= 2 else 0.0


def statement_sides(state: model.State, statement: model.Statement) -> list[Side]:
    """Named professions (k or more of whom tagged it) with their share of "effect";
    sorted from most "effect" to most "output"."""
    groups = model.profession_groups(state)
    sides = []
    for group, counts in model.tag_split(state, statement).items():
        acts = counts["output"] + counts["effect"]
        if group and acts:
            share = counts["effect"] / acts
            sides.append(Side(group, len(groups[group]), acts, round(share, 3)))
    return sorted(sides, key=lambda s: (-s.share, s.profession))


def round_sides(current: model.Round, draft_id: str, groups: dict[str, int]) -> list[Side]:
    """Named professions' share of their dots that went to one draft, at close."""
    sides = []
    for group, counts in (current.by_profession or {}).items():
        total = sum(counts.values())
        if group and total:
            share = counts.get(draft_id, 0) / total
            sides.append(Side(group, groups.get(group, 0), total, round(share, 3)))
    return sorted(sides, key=lambda s: (-s.share, s.profession))


def suggestion_id(kind: str, item_id: str) -> str:
    return f"split-{kind}-{item_id}"


def suggestions(
    state: model.State, dismissed: set[str], threshold: float = DEFAULT_THRESHOLD
) -> list[p.Suggestion]:
    """Items on which professions split by at least `threshold`, not yet dismissed and
    not yet turned into a conflict: derived afresh from the state, so a restart loses
    nothing."""
    taken = {c.suggestion for c in state.conflicts.values() if c.suggestion}
    found: list[p.Suggestion] = []
    # While tagging is blind no statement is suggested: a suggestion appearing after a
    # blind tag would tell the facilitator how the professions tagged it.
    for statement in [] if state.blind_tagging else state.statements.values():
        if statement.removed:
            continue
        sides = statement_sides(state, statement)
        score = split_score([s.share for s in sides])
        sid = suggestion_id("statement", statement.id)
        if score >= threshold and sid not in dismissed and sid not in taken:
            found.append(_suggestion(sid, "statement", statement.id, score, sides))
    groups = {g: len(m) for g, m in model.profession_groups(state).items()}
    for current in state.rounds:
        if current.open or not current.by_profession:
            continue
        best: tuple[float, str, list[Side]] | None = None
        for draft_id in sorted({d for c in current.by_profession.values() for d in c}):
            sides = round_sides(current, draft_id, groups)
            score = split_score([s.share for s in sides])
            if best is None or score > best[0]:
                best = (score, draft_id, sides)
        if best is None:
            continue
        score, draft_id, sides = best
        sid = suggestion_id("round", f"{current.id}-{draft_id}")
        if score >= threshold and sid not in dismissed and sid not in taken:
            found.append(_suggestion(sid, "draft", draft_id, score, sides, current.id))
    return found


def _suggestion(
    sid: str, kind: str, item_id: str, score: float, sides: list[Side], round_id: str | None = None
) -> p.Suggestion:
    return p.Suggestion(
        id=sid,
        kind=kind,  # type: ignore[arg-type]
        item_id=item_id,
        round_id=round_id,
        score=score,
        sides=[p.SuggestionSide(s.profession, s.members, s.acts, s.share) for s in sides],
    )


def equity(state: model.State) -> p.Equity:
    """Who contributes how much: statements, drafts, dots and tags per profession group,
    and per person only in named sessions.

    One row per group serves all four counts, so the figure is "taking part" and a
    member acted on it by writing, voting or tagging anything: a group needs k members
    who took part (`model.figure_groups`). A count in its row may then be the work of
    fewer of them (one wrote every draft), which says how much a group of k or more
    active people did, never what anyone chose, and only to the facilitator. Tags given
    while tagging is blind are left out until the reveal: a count that did not grow after
    a blind tag would say that it changed a tag on a statement already tagged."""
    per_person: dict[str, dict[str, int]] = {}

    def count(pid: str, what: str) -> None:
        row = per_person.setdefault(pid, {"statements": 0, "drafts": 0, "dots": 0, "tags": 0})
        row[what] += 1

    for statement in state.statements.values():
        count(statement.author, "statements")
        for pid in statement.shown_tags:  # blind tags would say who retagged what
            count(pid, "tags")
    for draft in state.drafts.values():
        count(draft.author, "drafts")
    for current in state.rounds:
        for pid, dots in current.votes.items():
            for _ in dots:
                count(pid, "dots")
    groups = model.figure_groups(state, per_person)
    of_group = {pid: group for group, members in groups.items() for pid in members}
    by_group: dict[str, dict[str, int]] = {
        group: {"members": len(members), "statements": 0, "drafts": 0, "dots": 0, "tags": 0}
        for group, members in groups.items()
    }
    for pid, row in per_person.items():
        group = of_group.get(pid)
        if group is None:
            continue  # a non-voting facilitator, or the figure is withheld
        for what, n in row.items():
            by_group[group][what] += n
    by_person = None if state.info.anonymous else per_person
    return p.Equity(by_profession=by_group, by_person=by_person)


def lens(state: model.State, dismissed: set[str], threshold: float) -> p.Lens:
    """Everything the facilitator's lens shows, in one message.

    While tagging is blind the statements' splits are left out, as the tallies are for
    everyone: the facilitator too may not see tags move. A round's held split is in it:
    the figure participants get at the reveal, fixed at the close and k-safe, which the
    facilitator sees first to decide whether the room is ready for it."""
    live = [] if state.blind_tagging else state.statements.values()
    splits = {s.id: model.tag_split(state, s) for s in live if not s.removed}
    return p.Lens(
        suggestions=suggestions(state, dismissed, threshold),
        statements={sid: split for sid, split in splits.items() if split},
        equity=equity(state),
        threshold=threshold,
        held={r.id: dict(r.by_profession or {}) for r in state.rounds if r.split_held},
        blind_tagging=state.blind_tagging,
    )
