"""What a viewer may see of a session: the snapshot and the public form of each event.

Anonymity lives here and only here: the state knows who voted and tagged what; the
views give counts, never who, and nothing per draft while a blind round is open.
"""

from __future__ import annotations

from typing import Any, Final

from server import protocol as p
from server.model import Conflict, Draft, Event, Participant, Round, State, Statement

# Kinds whose actor is always shown: the facilitator's acts and a joiner's own arrival.
_ACTOR_SHOWN: Final = frozenset(
    {
        "participant_joined",
        "phase_changed",
        "timer_started",
        "timer_stopped",
        "round_opened",
        "round_closed",
        "draft_finalized",
        "statement_classified",
        "item_removed",
        "session_closed",
        "split_revealed",
    }
)


def participant_view(who: Participant) -> p.ParticipantView:
    return p.ParticipantView(who.id, who.name, who.profession, who.role, who.votes)


def _author(state: State, author: str, viewer: str | None) -> str | None:
    if not state.info.anonymous or author == viewer:
        return author
    return None


def draft_view(state: State, draft: Draft, viewer: str | None = None) -> p.DraftView:
    return p.DraftView(
        id=draft.id,
        text=draft.text,
        version=draft.version,
        author=_author(state, draft.author, viewer),
        withdrawn=draft.withdrawn,
        removed=draft.removed,
        final=draft.final,
    )


def round_view(current: Round) -> p.RoundView:
    hidden = current.blind and current.open
    return p.RoundView(
        id=current.id,
        number=current.number,
        dots=current.dots,
        blind=current.blind,
        open=current.open,
        voters=len(current.votes),
        tally=None if hidden else dict(current.counts),
        by_profession=current.by_profession,
    )


def statement_view(
    state: State, statement: Statement, viewer: str | None = None
) -> p.StatementView:
    tally = {"output": 0, "effect": 0}
    for tag in statement.tags.values():
        tally[tag] += 1
    return p.StatementView(
        id=statement.id,
        text=statement.text,
        author=_author(state, statement.author, viewer),
        tally=tally,
        my_tag=statement.tags.get(viewer) if viewer is not None else None,
        agreed=statement.agreed,
        removed=statement.removed,
        split=statement.split,
    )


def disputed(statement: p.StatementView) -> bool:
    """People disagree when at least 3 tagged and the smaller side has a third or more:
    one rule for the screens and the minutes."""
    output, effect = statement.tally.get("output", 0), statement.tally.get("effect", 0)
    total = output + effect
    return total >= 3 and min(output, effect) * 3 >= total


def conflict_view(conflict: Conflict) -> p.ConflictView:
    return p.ConflictView(
        id=conflict.id,
        title=conflict.title,
        description=conflict.description,
        professions=list(conflict.professions),
        refs=list(conflict.refs),
        status=conflict.status,
        notes=list(conflict.notes),
        removed=conflict.removed,
        suggestion=conflict.suggestion,
    )


def session_view(state: State) -> p.SessionView:
    info = state.info
    return p.SessionView(
        code=p.format_code(info.code),
        title=info.title,
        level=info.level,
        parent_task=info.parent_task,
        professions=list(info.professions),
        phase=state.phase,
        settings=p.Settings(anonymous=info.anonymous, k_anonymity=info.k_anonymity),
        closed=state.closed,
    )


def snapshot(state: State, viewer: str | None) -> p.Snapshot:
    """Everything `viewer` may see now: what folding every event from the start gives."""
    current = state.open_round
    return p.Snapshot(
        session=session_view(state),
        participants=[participant_view(x) for x in state.participants.values()],
        drafts=[draft_view(state, x, viewer) for x in state.drafts.values()],
        rounds=[round_view(x) for x in state.rounds],
        my_votes=list(current.votes.get(viewer, [])) if current and viewer else [],
        statements=[statement_view(state, x, viewer) for x in state.statements.values()],
        conflicts=[conflict_view(x) for x in state.conflicts.values()],
        timer=p.TimerView(state.timer.ends_at, state.timer.label) if state.timer else None,
    )


def mine(state: State, viewer: str) -> p.Mine:
    """The viewer's own votes, tags and items: sent with `welcome`, resumed or not."""
    current = state.open_round
    own: list[str] = [x.id for x in state.drafts.values() if x.author == viewer]
    own += [x.id for x in state.statements.values() if x.author == viewer]
    own += [x.id for x in state.conflicts.values() if x.author == viewer]
    return p.Mine(
        my_votes=list(current.votes.get(viewer, [])) if current else [],
        my_tags={x.id: x.tags[viewer] for x in state.statements.values() if viewer in x.tags},
        my_items=own,
    )


def public_data(state: State, event: Event) -> dict[str, Any]:
    """An event's `data` as everyone may see it, from the state just after applying it."""
    d = event.data
    kind = event.kind
    current = state.open_round

    def open_round_view() -> p.RoundView | None:
        return round_view(current) if current is not None else None

    match kind:
        case "participant_joined":
            who = state.participants[d["participant"]["id"]]
            return {"participant": participant_view(who)}
        case "draft_proposed" | "draft_revised" | "draft_withdrawn":
            data: dict[str, Any] = {"draft": draft_view(state, state.drafts[d["draft_id"]])}
            if kind != "draft_proposed":
                data["round"] = open_round_view()
            return data
        case "draft_finalized":
            previous = d["previous"]
            return {
                "draft": draft_view(state, state.drafts[d["draft_id"]]),
                "previous": draft_view(state, state.drafts[previous]) if previous else None,
            }
        case "vote_cast" | "vote_retracted" | "round_opened" | "round_closed":
            return {"round": round_view(next(r for r in state.rounds if r.id == d["round_id"]))}
        case "statement_added" | "statement_tagged" | "statement_classified" | "split_revealed":
            return {"statement": statement_view(state, state.statements[d["statement_id"]])}
        case "conflict_recorded" | "conflict_updated":
            return {"conflict": conflict_view(state.conflicts[d["conflict_id"]])}
        case "phase_changed":
            return {"phase": d["phase"], "previous": d["previous"]}
        case "timer_started":
            return {"timer": p.TimerView(d["ends_at"], d["label"])}
        case "item_removed":
            return {
                "kind": d["kind"],
                "id": d["id"],
                "reason": d["reason"],
                "round": open_round_view() if d["kind"] == "draft" else None,
            }
        case _:
            return {}


def public_actor(state: State, event: Event) -> str | None:
    if event.kind in _ACTOR_SHOWN or not state.info.anonymous:
        return event.actor
    return None


def public_event(state: State, event: Event) -> p.WireEvent:
    """The one public form of an event, broadcast to all; `state` is just after it."""
    return p.WireEvent(
        seq=state.seq,
        at=event.at,
        kind=event.kind,
        actor=public_actor(state, event),
        data=public_data(state, event),
    )
