"""A series of sessions: what a follow-up session carries over from the earlier one.

The chosen core task with every wording it had, the statements the room agreed on, the
conflicts still open and the actions not yet done: the work to pick up. Never votes,
tags or names: those belonged to the people in that room, on that day.
"""

from __future__ import annotations

from server import model
from server.events import (
    CarriedAction,
    CarriedConflict,
    CarriedStatement,
    CarriedVersion,
    DraftFinalized,
    DraftProposed,
    DraftRevised,
    Event,
    SeriesCarried,
)

OPEN_ACTIONS = ("open", "doing")


def carry(earlier: model.State, log: list[Event], held_on: str) -> SeriesCarried:
    """The first event of a session that follows up `earlier` (replayed from `log`)."""
    final = next((d for d in earlier.drafts.values() if d.final and d.text), None)
    versions: list[CarriedVersion] = []
    chosen_at = None
    if final is not None:
        versions = _versions(log, final.id)
        chosen_at = next(
            (e.at for e in reversed(log) if _finalized(e) == final.id),
            None,
        )
    statements = [
        CarriedStatement(f"s{n}", s.text or "", s.agreed)
        for n, s in enumerate(
            (s for s in earlier.statements.values() if s.agreed and s.text and not s.removed),
            start=1,
        )
        if s.agreed is not None
    ]
    conflicts = [
        _conflict(f"c{n}", c)
        for n, c in enumerate(
            (c for c in earlier.conflicts.values() if not c.removed and c.status != "resolved"),
            start=1,
        )
    ]
    actions = [
        CarriedAction(f"a{n}", a.kind, a.what, a.who, a.due, a.forum, a.status, list(a.notes))
        for n, a in enumerate(
            (a for a in earlier.follow.actions.values() if a.status in OPEN_ACTIONS), start=1
        )
    ]
    return SeriesCarried(
        follows=earlier.info.code,
        title=earlier.info.title,
        held_on=held_on,
        draft_id="d1" if versions else None,
        versions=versions,
        chosen_at=chosen_at,
        statements=statements,
        conflicts=conflicts,
        actions=actions,
    )


def _finalized(event: Event) -> str | None:
    data = event.data
    return data.draft_id if isinstance(data, DraftFinalized) else None


def _versions(log: list[Event], draft_id: str) -> list[CarriedVersion]:
    """Every wording the chosen draft had, oldest first (carried ones included)."""
    found: list[CarriedVersion] = []
    for event in log:
        data = event.data
        if isinstance(data, SeriesCarried) and data.draft_id == draft_id:
            found += data.versions
        elif isinstance(data, DraftProposed | DraftRevised) and data.draft_id == draft_id:
            found.append(CarriedVersion(data.text, event.at))
    return found


def _conflict(conflict_id: str, conflict: model.Conflict) -> CarriedConflict:
    dilemma = conflict.dilemma
    return CarriedConflict(
        conflict_id=conflict_id,
        title=conflict.title or "",
        description=conflict.description or "",
        kind=dilemma.kind,
        side_a=dilemma.side_a,
        side_b=dilemma.side_b,
        professions=list(conflict.professions),
        status=conflict.status,
        owner=dilemma.owner,
        forum=dilemma.forum,
        due=dilemma.due,
        above=dilemma.above,
        notes=list(conflict.notes),
    )
