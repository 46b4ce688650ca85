"""What a viewer may see of a session: the snapshot and the public form of each event.

Anonymity lives here and only here: the state knows who voted and tagged what; the
views give counts, never who, and nothing per draft while a blind round is open.
"""

from __future__ import annotations

from typing import assert_never

from server import protocol as p
from server import public_events as pub
from server.events import (
    ConflictRecorded,
    ConflictUpdated,
    DraftFinalized,
    DraftProposed,
    DraftRevised,
    DraftWithdrawn,
    Event,
    EventData,
    InstructionSet,
    ItemRemoved,
    ParticipantJoined,
    PhaseChanged,
    RoundClosed,
    RoundOpened,
    SessionClosed,
    SplitRevealed,
    StatementAdded,
    StatementClassified,
    StatementTagged,
    TimerStarted,
    TimerStopped,
    VoteCast,
    VoteRetracted,
)
from server.model import Conflict, Draft, Participant, Round, State, Statement


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
        instructions=dict(state.instructions),
        sector=info.sector,
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


def public_data(state: State, event: Event) -> pub.PublicData:
    """An event's `data` as everyone may see it, from the state just after applying it."""
    current = state.open_round
    open_round = round_view(current) if current is not None else None

    def draft(draft_id: str) -> p.DraftView:
        return draft_view(state, state.drafts[draft_id])

    def round_of(round_id: str) -> p.RoundView:
        return round_view(next(r for r in state.rounds if r.id == round_id))

    def statement(statement_id: str) -> p.StatementView:
        return statement_view(state, state.statements[statement_id])

    def conflict(conflict_id: str) -> p.ConflictView:
        return conflict_view(state.conflicts[conflict_id])

    match event.data:
        case ParticipantJoined(participant=who):
            return pub.ParticipantJoinedView(participant_view(state.participants[who.id]))
        case DraftProposed(draft_id=draft_id):
            return pub.DraftProposedView(draft(draft_id))
        case DraftRevised(draft_id=draft_id):
            return pub.DraftRevisedView(draft(draft_id), open_round)
        case DraftWithdrawn(draft_id=draft_id):
            return pub.DraftWithdrawnView(draft(draft_id), open_round)
        case DraftFinalized(draft_id=draft_id, previous=previous):
            return pub.DraftFinalizedView(draft(draft_id), draft(previous) if previous else None)
        case VoteCast(round_id=round_id):
            return pub.VoteCastView(round_of(round_id))
        case VoteRetracted(round_id=round_id):
            return pub.VoteRetractedView(round_of(round_id))
        case RoundOpened(round_id=round_id):
            return pub.RoundOpenedView(round_of(round_id))
        case RoundClosed(round_id=round_id):
            return pub.RoundClosedView(round_of(round_id))
        case StatementAdded(statement_id=sid):
            return pub.StatementAddedView(statement(sid))
        case StatementTagged(statement_id=sid):
            return pub.StatementTaggedView(statement(sid))
        case StatementClassified(statement_id=sid):
            return pub.StatementClassifiedView(statement(sid))
        case SplitRevealed(statement_id=sid):
            return pub.SplitRevealedView(statement(sid))
        case ConflictRecorded(conflict_id=cid):
            return pub.ConflictRecordedView(conflict(cid))
        case ConflictUpdated(conflict_id=cid):
            return pub.ConflictUpdatedView(conflict(cid))
        case PhaseChanged(phase=phase, previous=previous_phase):
            return pub.PhaseChangedView(phase, previous_phase)
        case TimerStarted(ends_at=ends_at, label=label):
            return pub.TimerStartedView(p.TimerView(ends_at, label))
        case TimerStopped():
            return pub.TimerStoppedView()
        case ItemRemoved(kind=kind, id=removed, reason=reason):
            released_round = open_round if kind == "draft" else None
            return pub.ItemRemovedView(kind, removed, reason, released_round)
        case SessionClosed():
            return pub.SessionClosedView()
        case InstructionSet(phase=phase, text=text):
            return pub.InstructionSetView(phase, text)
        case _:
            assert_never(event.data)


def _actor_always_shown(data: EventData) -> bool:
    """Whether even an anonymous session names who caused this: the facilitator's acts
    and a joiner's own arrival are shown; what anyone writes, votes or tags is not."""
    match data:
        case (
            ParticipantJoined()
            | PhaseChanged()
            | TimerStarted()
            | TimerStopped()
            | RoundOpened()
            | RoundClosed()
            | DraftFinalized()
            | StatementClassified()
            | ItemRemoved()
            | SessionClosed()
            | SplitRevealed()
            | InstructionSet()
        ):
            return True
        case (
            DraftProposed()
            | DraftRevised()
            | DraftWithdrawn()
            | VoteCast()
            | VoteRetracted()
            | StatementAdded()
            | StatementTagged()
            | ConflictRecorded()
            | ConflictUpdated()
        ):
            return False
        case _:
            assert_never(data)


def public_actor(state: State, event: Event) -> str | None:
    if _actor_always_shown(event.data) or not state.info.anonymous:
        return event.actor
    return None


def public_event(state: State, event: Event) -> p.WireEvent:
    """The one public form of an event, broadcast to all; `state` is just after it."""
    return p.WireEvent(
        seq=state.seq,
        at=event.at,
        kind=event.kind,
        actor=public_actor(state, event),
        data=pub.as_wire(public_data(state, event)),
    )
