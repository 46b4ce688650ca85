"""The replay behind the minutes and the tables: the final state, plus what it forgets.

The state keeps only the latest of everything, but minutes tell how the room got there:
every version of a draft, the drafts as they stood when a round closed, when the phases
changed. One pass over the log notes those beside `model.apply`. `_remember` matches
every kind of event, so a new kind is a type error here until someone decides what the
minutes keep of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never

from server import events as ev
from server import model
from server.export.session_log import SessionLog

# Every kind of change the minutes list under the follow-up when it comes after the
# reopening: the minutes' words match over this union, so a kind added here without its
# sentence is a type error, never a blank line.
FollowUp = (
    ev.ActionUpdated
    | ev.ConflictUpdated
    | ev.ConflictFollowed
    | ev.SummarySet
    | ev.Endorsed
    | ev.DilemmaEdited
)


@dataclass(frozen=True)
class Version:
    number: int
    at: str
    text: str | None
    actor: str | None


@dataclass
class History:
    """The final state plus what it no longer holds but the minutes tell: every version
    of a draft, the drafts as they stood when each round closed, and when things
    happened."""

    state: model.State
    versions: dict[str, list[Version]] = field(default_factory=dict)
    finalized_at: dict[str, str] = field(default_factory=dict)
    round_drafts: dict[str, list[tuple[str, int, str | None]]] = field(default_factory=dict)
    phases: list[tuple[str, str]] = field(default_factory=list)
    closed_at: str | None = None
    added: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    note_actors: dict[str, list[str | None]] = field(default_factory=dict)
    # A dilemma's earlier titles, each with when it was replaced; every follow-up change
    # (statuses, notes, owners, actions, the reopening) with its time, for the minutes.
    earlier_titles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    follow_ups: list[tuple[str, FollowUp]] = field(default_factory=list)
    reopened_at: str | None = None


def build_history(log: SessionLog) -> History:
    """Replay the log once, noting on the way what the minutes need besides the state."""
    history = History(model.new_state(log.info))
    for entry in log.entries:
        _keep_earlier_title(history, entry.event)
        model.apply(history.state, entry.event)
        _remember(history, entry.event)
    return history


def _keep_earlier_title(history: History, event: model.Event) -> None:
    """A dilemma's title about to be replaced: the minutes keep the wording it had."""
    data = event.data
    if isinstance(data, ev.DilemmaEdited) and data.title is not None:
        old = history.state.conflicts[data.conflict_id].title
        if old is not None and old != data.title:
            history.earlier_titles.setdefault(data.conflict_id, []).append((old, event.at))


def _live_drafts(state: model.State) -> list[tuple[str, int, str | None]]:
    return [
        (d.id, d.version, d.text)
        for d in state.drafts.values()
        if not d.withdrawn and not d.removed
    ]


def _remember(history: History, event: model.Event) -> None:
    match event.data:
        case (
            ev.DraftProposed(draft_id=draft_id, text=text)
            | ev.DraftRevised(draft_id=draft_id, text=text)
        ):
            draft = history.state.drafts[draft_id]
            version = Version(draft.version, event.at, text, event.actor)
            history.versions.setdefault(draft.id, []).append(version)
        case ev.DraftFinalized(draft_id=draft_id):
            history.finalized_at[draft_id] = event.at
        case ev.RoundClosed(round_id=round_id):
            history.round_drafts[round_id] = _live_drafts(history.state)
        case ev.PhaseChanged(phase=phase):
            history.phases.append((event.at, phase))
        case ev.SessionClosed():
            history.closed_at = event.at
        case (
            ev.StatementAdded(statement_id=item)
            | ev.ConflictRecorded(conflict_id=item)
            | ev.DilemmaRecorded(conflict_id=item)
            | ev.ActionAdded(action_id=item)
        ):
            history.added[item] = (event.at, event.actor)
        case ev.SessionReopened():
            history.reopened_at = event.at
        case ev.SeriesCarried(draft_id=draft_id, versions=versions, chosen_at=chosen_at):
            if draft_id is not None:
                history.versions[draft_id] = [
                    Version(n, v.at, v.text, None) for n, v in enumerate(versions, start=1)
                ]
                if chosen_at is not None:
                    history.finalized_at[draft_id] = chosen_at
        case ev.ParentTaskChanged():
            pass  # the state holds the task above as it now is
        case (
            ev.ActionUpdated()
            | ev.ConflictFollowed()
            | ev.SummarySet()
            | ev.Endorsed()
            | ev.DilemmaEdited()
        ) as change:
            _remember_follow_up(history, event.at, change)
        case ev.ConflictUpdated(conflict_id=cid, note=note) as change:
            if note is not None:
                history.note_actors.setdefault(cid, []).append(event.actor)
            _remember_follow_up(history, event.at, change)
        case (
            ev.ParticipantJoined()
            | ev.InstructionSet()
            | ev.MinutesTablesSet()
            | ev.DraftWithdrawn()
            | ev.VoteCast()
            | ev.VoteRetracted()
            | ev.StatementTagged()
            | ev.StatementClassified()
            | ev.SplitRevealed()
            | ev.TimerStarted()
            | ev.TimerStopped()
            | ev.RoundOpened()
            | ev.ItemRemoved()
            | ev.AdmissionChanged()
            | ev.ParticipantRemoved()
            | ev.ParticipantMuted()
            | ev.RatingOpened()
            | ev.RatingAnswered()
            | ev.RatingClosed()
            | ev.CoachWordsAdded()
            | ev.RoundSplitRevealed()
            | ev.TaggingSet()
            | ev.StatementTaggedBlind()
        ):
            pass  # the final state holds all the minutes need of these
        case ev.WritingsRemoved(participant_id=pid, noted=noted):
            for cid in noted:  # the notes left, as `model` kept them, by whom
                actors = history.note_actors.get(cid, [])
                history.note_actors[cid] = [actor for actor in actors if actor != pid]
        case _:
            assert_never(event.data)


def _remember_follow_up(history: History, at: str, change: FollowUp) -> None:
    """Changes after the reopening are the follow-up the minutes list with their times."""
    if history.reopened_at is not None:
        history.follow_ups.append((at, change))


def round_drafts(history: History, current: model.Round) -> list[tuple[str, int, str | None]]:
    """The drafts a round was about: as they stood at its close (or now, if still open)."""
    if current.id in history.round_drafts:
        listed = history.round_drafts[current.id]
    else:
        listed = _live_drafts(history.state)
    known = {draft_id for draft_id, _, _ in listed}
    extra = [
        (x, history.state.drafts[x].version, history.state.drafts[x].text)
        for x in current.counts
        if x not in known
    ]
    return [*listed, *extra]
