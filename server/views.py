"""What a viewer may see of a session: the snapshot and the public form of each event.

Anonymity lives here and only here: the state knows who voted and tagged what; the
views give counts, never who, and nothing per draft while a blind round is open.
"""

from __future__ import annotations

from typing import assert_never

import msgspec

from server import events as ev
from server import protocol as p
from server import public_events as pub
from server.events import (
    ActionAdded,
    ActionUpdated,
    CoachWordsAdded,
    ConflictFollowed,
    ConflictRecorded,
    ConflictUpdated,
    DilemmaEdited,
    DilemmaRecorded,
    DraftFinalized,
    DraftProposed,
    DraftRevised,
    DraftWithdrawn,
    Endorsed,
    Event,
    EventData,
    InstructionSet,
    ItemRemoved,
    ParentTaskChanged,
    ParticipantJoined,
    PhaseChanged,
    RatingAnswered,
    RatingClosed,
    RatingOpened,
    RoundClosed,
    RoundOpened,
    RoundSplitRevealed,
    SeriesCarried,
    SessionClosed,
    SessionReopened,
    SplitRevealed,
    StatementAdded,
    StatementClassified,
    StatementTagged,
    StatementTaggedBlind,
    SummarySet,
    TaggingSet,
    TimerStarted,
    TimerStopped,
    VoteCast,
    VoteRetracted,
)
from server.followup import action_view, follow_view
from server.model import (
    Choice,
    Conflict,
    Draft,
    Participant,
    Rating,
    Round,
    State,
    Statement,
    tally,
)


def participant_view(who: Participant) -> p.ParticipantView:
    return p.ParticipantView(
        who.id, who.name, who.profession, who.role, who.votes, who.removed, who.muted
    )


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
        # Held: fixed at the close, shown to nobody until revealed (the facilitator's
        # lens carries it meanwhile: it never travels in an event before the reveal).
        by_profession=None if current.split_held else current.by_profession,
        per_draft=current.per_draft,
        hold_split=current.hold_split,
    )


def rating_view(rating: Rating) -> p.RatingView:
    """A rating round as everyone sees it: counts, never who; none while blind and open."""
    tally: dict[str, dict[str, dict[str, int]]] = {}
    for answers in rating.answers.values():
        for (draft_id, question), answer in answers.items():
            counts = tally.setdefault(draft_id, {}).setdefault(question, {})
            counts[answer] = counts.get(answer, 0) + 1
    return p.RatingView(
        id=rating.id,
        number=rating.number,
        kind=rating.kind,
        draft_ids=list(rating.draft_ids),
        blind=rating.blind,
        open=rating.open,
        answered=len(rating.answers),
        tally=None if rating.blind and rating.open else tally,
        by_profession=rating.by_profession,
    )


def statement_view(
    state: State, statement: Statement, viewer: str | None = None
) -> p.StatementView:
    # While tagging is blind everyone, the facilitator too, sees the tally as it was when
    # it went blind: a v1 client keeps its `{output, effect}` and learns nothing new.
    return p.StatementView(
        id=statement.id,
        text=statement.text,
        author=_author(state, statement.author, viewer),
        tally=tally(statement.shown_tags),
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
        kind=conflict.dilemma.kind,
        side_a=conflict.dilemma.side_a,
        side_b=conflict.dilemma.side_b,
        owner=conflict.dilemma.owner,
        forum=conflict.dilemma.forum,
        due=conflict.dilemma.due,
        above=conflict.dilemma.above,
        edits=conflict.dilemma.edits,
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
        settings=p.Settings(
            anonymous=info.anonymous,
            k_anonymity=info.k_anonymity,
            minutes_tables=msgspec.UNSET if state.minutes_tables is None else state.minutes_tables,
        ),
        instructions=dict(state.instructions),
        sector=info.sector,
        closed=state.closed,
        admit=state.admit,
        blind_tagging=state.blind_tagging,
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
        actions=[action_view(x) for x in state.follow.actions.values()],
        follow=follow_view(state.follow),
        choices=[choice_view(x) for x in state.choices],
        ratings=[rating_view(x) for x in state.ratings],
        coach_words={which: list(words) for which, words in state.coach_words.items()},
    )


def choice_view(choice: Choice) -> p.ChoiceView:
    return p.ChoiceView(choice.draft_id, choice.at, choice.previous, choice.reason)


def mine(state: State, viewer: str) -> p.Mine:
    """The viewer's own votes, tags and items: sent with `welcome`, resumed or not."""
    current = state.open_round
    own: list[str] = [x.id for x in state.drafts.values() if x.author == viewer]
    own += [x.id for x in state.statements.values() if x.author == viewer]
    own += [x.id for x in state.conflicts.values() if x.author == viewer]
    rating = state.open_rating
    answers: dict[str, str] | msgspec.UnsetType = msgspec.UNSET
    if rating is not None:
        given = rating.answers.get(viewer, {})
        answers = {f"{draft}/{question}": answer for (draft, question), answer in given.items()}
    return p.Mine(
        my_votes=list(current.votes.get(viewer, [])) if current else [],
        my_tags={x.id: x.tags[viewer] for x in state.statements.values() if viewer in x.tags},
        my_items=own,
        my_answers=answers,
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
        case DraftFinalized(draft_id=draft_id, previous=previous, reason=reason):
            before = draft(previous) if previous else None
            return pub.DraftFinalizedView(draft(draft_id), before, reason)
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
        case ev.AdmissionChanged(admit=admit):
            return pub.AdmissionChangedView(admit)
        case ev.ParticipantRemoved(participant_id=pid, reason=reason, untagged=untagged, dots=dots):
            # While tagging is blind the tallies shown do not move, and naming the
            # statements the removed person tagged would tell about their blind tags.
            shown = [] if state.blind_tagging else untagged
            tallies = {sid: statement(sid).tally for sid in shown}
            return pub.ParticipantRemovedView(pid, reason, tallies, open_round if dots else None)
        case ev.ParticipantMuted(participant_id=pid, muted=muted):
            return pub.ParticipantMutedView(pid, muted)
        case ev.WritingsRemoved() as gone:
            return pub.WritingsRemovedView(
                conflicts_noted=[conflict(cid) for cid in gone.noted],
                participant_id=gone.participant_id,
                reason=gone.reason,
                drafts=list(gone.drafts),
                statements=list(gone.statements),
                conflicts=list(gone.conflicts),
                round=open_round if gone.released else None,
            )
        case ActionAdded(action_id=aid):
            return pub.ActionAddedView(action_view(state.follow.actions[aid]))
        case ActionUpdated(action_id=aid):
            return pub.ActionUpdatedView(action_view(state.follow.actions[aid]))
        case DilemmaRecorded(conflict_id=cid):
            return pub.DilemmaRecordedView(conflict(cid))
        case DilemmaEdited(conflict_id=cid):
            return pub.DilemmaEditedView(conflict(cid))
        case ConflictFollowed(conflict_id=cid):
            return pub.ConflictFollowedView(conflict(cid))
        case SummarySet():
            return pub.SummarySetView(follow_view(state.follow))
        case Endorsed():
            return pub.EndorsedView(follow_view(state.follow))
        case SessionReopened():
            return pub.SessionReopenedView(follow_view(state.follow))
        case SeriesCarried() as carried:
            return pub.SeriesCarriedView(
                follow_view(state.follow),
                [draft(carried.draft_id)] if carried.draft_id else [],
                [statement(x.statement_id) for x in carried.statements],
                [conflict(x.conflict_id) for x in carried.conflicts],
                [action_view(state.follow.actions[x.action_id]) for x in carried.actions],
            )
        case ParentTaskChanged():
            return pub.ParentTaskChangedView(state.info.parent_task)
        case RatingOpened(rating_id=rating_id) | RatingClosed(rating_id=rating_id):
            return _rating_event(state, event.data, rating_id)
        case RatingAnswered(rating_id=rating_id):
            return pub.RatingAnsweredView(rating_view(_rating(state, rating_id)))
        case CoachWordsAdded(kind=which, words=words):
            return pub.CoachWordsAddedView(which, list(words))
        case InstructionSet(phase=phase, text=text):
            return pub.InstructionSetView(phase, text)
        case ev.MinutesTablesSet(include=include):
            return pub.MinutesTablesSetView(include)
        case RoundSplitRevealed(round_id=round_id):
            return pub.RoundSplitRevealedView(round_of(round_id))
        case TaggingSet(blind=blind):
            revealed = {} if blind else {x.id: tally(x.tags) for x in state.statements.values()}
            return pub.TaggingSetView(blind, revealed)
        case StatementTaggedBlind():
            return pub.StatementTaggedBlindView()
        case _:
            assert_never(event.data)


def _rating(state: State, rating_id: str) -> Rating:
    return next(x for x in state.ratings if x.id == rating_id)


def _rating_event(
    state: State, data: RatingOpened | RatingClosed, rating_id: str
) -> pub.RatingOpenedView | pub.RatingClosedView:
    shown = rating_view(_rating(state, rating_id))
    if isinstance(data, RatingOpened):
        return pub.RatingOpenedView(shown)
    return pub.RatingClosedView(shown)


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
            | ev.AdmissionChanged()
            | ev.ParticipantRemoved()
            | ev.ParticipantMuted()
            | ev.WritingsRemoved()
            | SummarySet()
            | Endorsed()
            | SessionReopened()
            | SeriesCarried()
            | ParentTaskChanged()
            | RatingOpened()
            | RatingClosed()
            | CoachWordsAdded()
            | InstructionSet()
            | ev.MinutesTablesSet()
            | RoundSplitRevealed()
            | TaggingSet()
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
            | ActionAdded()
            | ActionUpdated()
            | DilemmaRecorded()
            | DilemmaEdited()
            | ConflictFollowed()
            | RatingAnswered()
            | StatementTaggedBlind()
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
