"""The rules of a core-task session, as plain functions over plain data.

`decide(state, actor, command, now)` checks a command against the rules and returns the
one event it causes, or raises `DomainError` with the protocol's code. `apply(state,
event)` folds an event into the state. Nothing here does I/O or reads the clock, so the
same functions run in the server, in replay after a restart, in the export and in tests.
The events themselves are typed, one struct per kind, in `server.events`; the client's
half (folding a public event into its snapshot) is `server.fold`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, assert_never

from server import events as ev
from server import followup
from server import protocol as p
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
    EventData,
    InstructionSet,
    ItemRemoved,
    NewParticipant,
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
from server.events import Event as Event  # re-exported: the rules' input and output

MAX_NOTES = 100  # per conflict: each update carries them all, so they must stay bounded
# Per session, a few times what a kick-off day of 200 people writes: a participant
# flooding within the rate limit fills a session this far and no further (every welcome
# and every terminal carries it all: at the caps the items hold about 3 million
# characters of text, 12 MB even at four bytes each), and only the facilitator's
# removals make room again.
MAX_STATEMENTS = 3000
MAX_DRAFTS = 500
MAX_CONFLICTS = 200
MAX_SESSION_NOTES = 300


class DomainError(Exception):
    """A command the rules refuse; `code` is the protocol's error code."""

    def __init__(self, code: p.ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: p.ErrorCode = code
        self.message = message


# --- state ---------------------------------------------------------------------------


@dataclass
class SessionInfo:
    """What a session is about; fixed when it is created."""

    code: str
    title: str
    level: str = "unit"
    parent_task: str | None = None
    professions: list[str] = field(default_factory=list)
    anonymous: bool = True
    k_anonymity: int = 3
    # Added with the minutes a manager signs and the chain of sessions (schema v2):
    place: str | None = None  # where the meeting was held, as the facilitator wrote it
    facilitator: str | None = None  # who ran it, named by choice even in an anonymous one
    parent: str | None = None  # the code of the session on the level above
    follows: str | None = None  # the code of the earlier session this one follows up
    # The kind of workplace (protocol.SECTORS): it picks the examples of output and
    # effect on screen. None: general examples.
    sector: str | None = None


@dataclass
class Participant:
    id: str
    name: str
    profession: str | None
    role: p.Role
    votes: bool
    removed: bool = False  # by the facilitator: a member of nothing, in no figure
    muted: bool = False  # by the facilitator: may not write text

    @property
    def is_voter(self) -> bool:
        return self.role != "observer" and self.votes and not self.removed

    @property
    def is_writer(self) -> bool:
        return self.role != "observer" and not self.removed


@dataclass
class Draft:
    id: str
    text: str | None
    author: str
    version: int = 1
    withdrawn: bool = False
    removed: bool = False
    final: bool = False


@dataclass
class Round:
    id: str
    number: int
    dots: int
    blind: bool
    open: bool = True
    per_draft: int = 1
    # Each voter's dots in the order cast, and the running count per draft.
    votes: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    by_profession: dict[str, dict[str, int]] | None = None
    # The split is fixed at the close either way; held, participants see it only once
    # the facilitator reveals it (`split_shown`).
    hold_split: bool = False
    split_shown: bool = False

    @property
    def split_held(self) -> bool:
        """Closed, its split fixed, and not yet shown to participants."""
        return self.hold_split and not self.open and not self.split_shown


@dataclass
class Rating:
    """A rating round: each voter answers questions about some drafts (acceptance on
    five steps, or the criteria yes/partly/no)."""

    id: str
    number: int
    kind: p.RatingKind
    draft_ids: list[str]
    blind: bool
    open: bool = True
    # Each voter's answers by (draft, question).
    answers: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    by_profession: dict[str, dict[str, dict[str, dict[str, int]]]] | None = None


@dataclass
class Statement:
    id: str
    text: str | None
    author: str
    tags: dict[str, p.Tag] = field(default_factory=dict)
    agreed: p.Tag | None = None
    removed: bool = False
    split: dict[str, dict[str, int]] | None = None  # fixed when the facilitator reveals it
    # While tagging is blind: the tags as they were when it went blind (a statement
    # added since: none), which every figure shown is made of. None: not blind.
    frozen: dict[str, p.Tag] | None = None

    @property
    def shown_tags(self) -> dict[str, p.Tag]:
        """The tags anyone may see figures of now: blind tags are left out."""
        return self.tags if self.frozen is None else self.frozen


@dataclass
class Conflict:
    id: str
    title: str | None
    description: str | None
    professions: list[str]
    refs: list[p.Ref]
    author: str
    status: p.ConflictStatus = "open"
    notes: list[str] = field(default_factory=list)
    removed: bool = False
    suggestion: str | None = None
    note_authors: list[str] = field(default_factory=list)  # one per note, in order
    dilemma: followup.Dilemma = field(default_factory=followup.Dilemma)


@dataclass
class Timer:
    ends_at: str
    label: str | None


@dataclass(frozen=True)
class Choice:
    """One choice of the core task: chosen as of `at`, and to be revisited."""

    draft_id: str
    at: str
    previous: str | None
    reason: str | None


@dataclass
class State:
    info: SessionInfo
    phase: p.Phase = "checkin"
    closed: bool = False
    seq: int = 0
    participants: dict[str, Participant] = field(default_factory=dict)
    drafts: dict[str, Draft] = field(default_factory=dict)
    rounds: list[Round] = field(default_factory=list)
    statements: dict[str, Statement] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    timer: Timer | None = None
    choices: list[Choice] = field(default_factory=list)  # every choice, the last one holds
    ratings: list[Rating] = field(default_factory=list)
    coach_words: dict[str, list[str]] = field(default_factory=dict)  # the facilitator's
    # The k-rule over time (see `profession_groups`): once per-profession figures may
    # exist, the groups are fixed. `alone` then holds the professions (casefolded) that
    # have a group of their own for the rest of the session; every other profession, also
    # one that arrives or grows later, stays in "other professions". None: not fixed yet.
    figures_made: bool = False
    alone: set[str] | None = None
    admit: bool = False  # newcomers wait in the lobby until the facilitator admits them
    # Decisions and next steps, the texts kept for after the meeting, the endorsement,
    # and whether the closed session was reopened for follow-up (`server.followup`).
    follow: followup.Follow = field(default_factory=followup.Follow)
    # The facilitator's own instruction per phase; a phase not here has the default.
    instructions: dict[str, str] = field(default_factory=dict)
    # Whether the minutes carry the tables per profession, as the facilitator decided;
    # None: not decided (see `minutes_tables`).
    minutes_tables: bool | None = None
    # Tagging is blind: tags count as always, but nobody sees tallies move until the
    # facilitator switches it off (see `Statement.frozen`).
    blind_tagging: bool = False

    @property
    def open_round(self) -> Round | None:
        last = self.rounds[-1] if self.rounds else None
        return last if last is not None and last.open else None

    @property
    def open_rating(self) -> Rating | None:
        last = self.ratings[-1] if self.ratings else None
        return last if last is not None and last.open else None


def new_state(info: SessionInfo) -> State:
    return State(info=info)


# --- joining -------------------------------------------------------------------------


def join(
    state: State,
    *,
    name: str | None,
    profession: str | None,
    role: p.Role,
    votes: bool,
    now: str,
) -> Event:
    """The event that adds a new participant, or DomainError saying why not."""
    if state.closed:
        raise DomainError("session_closed", "the session is closed to new participants")
    if not name:
        raise DomainError("invalid", "a new participant needs a name")
    if role != "observer" and not profession:
        raise DomainError("invalid", "a new participant needs a profession")
    if not votes and role != "facilitator":
        raise DomainError("invalid", "only a facilitator may join without voting")
    if role == "observer":
        votes = False
    pid = f"p{len(state.participants) + 1}"
    participant = NewParticipant(pid, name, profession, role, votes)
    return Event(pid, ParticipantJoined(participant), now)


# --- deciding ------------------------------------------------------------------------


def _draft(state: State, draft_id: str) -> Draft:
    draft = state.drafts.get(draft_id)
    if draft is None:
        raise DomainError("not_found", f"no draft {draft_id!r} in this session")
    return draft


def _live_draft(state: State, draft_id: str) -> Draft:
    draft = _draft(state, draft_id)
    if draft.removed or draft.withdrawn:
        raise DomainError("invalid_state", f"draft {draft_id} is withdrawn or removed")
    return draft


def _statement(state: State, statement_id: str) -> Statement:
    statement = state.statements.get(statement_id)
    if statement is None:
        raise DomainError("not_found", f"no statement {statement_id!r} in this session")
    if statement.removed:
        raise DomainError("invalid_state", f"statement {statement_id} was removed")
    return statement


def _conflict(state: State, conflict_id: str) -> Conflict:
    conflict = state.conflicts.get(conflict_id)
    if conflict is None:
        raise DomainError("not_found", f"no conflict {conflict_id!r} in this session")
    if conflict.removed:
        raise DomainError("invalid_state", f"conflict {conflict_id} was removed")
    return conflict


def _voters_of(state: State, draft_id: str) -> list[str]:
    """Who has a dot on this draft in the open round (their votes would be released)."""
    current = state.open_round
    if current is None:
        return []
    return [pid for pid, dots in current.votes.items() if draft_id in dots]


def _may_edit_draft(state: State, actor: Participant, draft: Draft) -> None:
    if actor.role != "facilitator" and draft.author != actor.id:
        raise DomainError("forbidden", "only its author or the facilitator may change a draft")
    if draft.removed or draft.withdrawn:
        raise DomainError("invalid_state", f"draft {draft.id} is withdrawn or removed")
    current = state.open_round
    if current is not None and current.blind:
        raise DomainError("invalid_state", "drafts cannot change while a blind round is open")
    rating = state.open_rating
    if rating is not None and draft.id in rating.draft_ids:
        # The answers would be about a text nobody rated.
        raise DomainError("invalid_state", "drafts cannot change while they are being rated")


def _add_seconds(now: str, seconds: int) -> str:
    start = datetime.fromisoformat(now.replace("Z", "+00:00"))
    return (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _kept(items: Collection[Any], cap: int) -> int:
    """How many of `items` are not removed, or how many there are while that is under
    `cap`: `_room_for`'s verdict is the same, and a busy session's every statement then
    costs no scan of all the statements before it."""
    if len(items) < cap:
        return len(items)
    return sum(not item.removed for item in items)


def _room_for(kept: int, cap: int, what: str) -> None:
    """Refuse an item past its per-session cap: `invalid_state`, which every v1 client
    understands, and nothing changes."""
    if kept >= cap:
        raise DomainError(
            "invalid_state",
            f"this session holds at most {cap} {what}; the facilitator may remove some",
        )


def decide(state: State, actor_id: str, command: p.Command, now: str) -> Event:
    """The one event a command causes, or DomainError. `now` is ISO 8601 UTC."""
    kind = type(command).__struct_config__.tag
    _closed_allows(state, str(kind))
    actor = state.participants.get(actor_id)
    if actor is None:
        raise DomainError("forbidden", "not a participant of this session")
    if actor.removed:
        raise DomainError("removed", "the facilitator removed you from this session")
    if actor.muted and isinstance(command, WRITES):
        raise DomainError("muted", "the facilitator has muted you: you cannot write for now")
    if actor.role == "observer":
        raise DomainError("forbidden", "observers see everything and write nothing")
    if kind in p.FACILITATOR_ONLY and actor.role != "facilitator":
        raise DomainError("forbidden", f"only the facilitator may {kind}")

    def event(data: EventData) -> Event:
        return Event(actor_id, data, now)

    match command:
        case p.ProposeDraft(text=text):
            kept = _kept(state.drafts.values(), MAX_DRAFTS)
            _room_for(kept, MAX_DRAFTS, "drafts")
            return event(DraftProposed(draft_id=f"d{len(state.drafts) + 1}", text=text))
        case p.ReviseDraft(draft_id=draft_id, text=text):
            draft = _draft(state, draft_id)
            _may_edit_draft(state, actor, draft)
            return event(DraftRevised(draft_id, text, released=_voters_of(state, draft_id)))
        case p.WithdrawDraft(draft_id=draft_id):
            draft = _draft(state, draft_id)
            _may_edit_draft(state, actor, draft)
            return event(DraftWithdrawn(draft_id, released=_voters_of(state, draft_id)))
        case p.CastVote(draft_id=draft_id):
            _require_voter(actor)
            current = _need_round(state)
            _live_draft(state, draft_id)
            _dot_allowed(current, current.votes.get(actor_id, []), draft_id)
            return event(VoteCast(round_id=current.id, draft_id=draft_id))
        case p.RetractVote(draft_id=draft_id):
            _require_voter(actor)
            current = _need_round(state)
            _draft(state, draft_id)
            if draft_id not in current.votes.get(actor_id, []):
                raise DomainError("invalid_state", "you have no dot on that draft in this round")
            return event(VoteRetracted(round_id=current.id, draft_id=draft_id))
        case p.AddStatement(text=text):
            kept = _kept(state.statements.values(), MAX_STATEMENTS)
            _room_for(kept, MAX_STATEMENTS, "statements")
            sid = f"s{len(state.statements) + 1}"
            return event(StatementAdded(statement_id=sid, text=text))
        case p.TagStatement(statement_id=statement_id, tag=tag):
            _require_voter(actor)
            _statement(state, statement_id)
            if state.blind_tagging:
                return event(StatementTaggedBlind(statement_id, tag))
            return event(StatementTagged(statement_id, tag))
        case p.RecordConflict():
            if command.suggestion is not None and actor.role != "facilitator":
                raise DomainError("forbidden", "only the facilitator accepts lens suggestions")
            kept = _kept(state.conflicts.values(), MAX_CONFLICTS)
            _room_for(kept, MAX_CONFLICTS, "conflicts")
            for ref in command.refs:
                items: dict[str, Any] = state.drafts if ref.kind == "draft" else state.statements
                if ref.id not in items:
                    raise DomainError("not_found", f"no {ref.kind} {ref.id!r} to refer to")
            return event(
                ConflictRecorded(
                    conflict_id=f"c{len(state.conflicts) + 1}",
                    title=command.title,
                    description=command.description,
                    professions=list(command.professions),
                    refs=list(command.refs),
                    suggestion=command.suggestion,
                )
            )
        case p.UpdateConflict():
            return event(_update_conflict(state, command))
        case p.SetPhase(phase=phase):
            return event(PhaseChanged(phase, previous=state.phase))
        case p.SetInstruction(phase=phase, text=text):
            return event(InstructionSet(phase, text))
        case p.SetMinutesTables(include=include):
            return event(ev.MinutesTablesSet(include))
        case p.StartTimer(seconds=seconds, label=label):
            return event(TimerStarted(ends_at=_add_seconds(now, seconds), label=label))
        case p.StopTimer():
            if state.timer is None or state.timer.ends_at <= now:
                raise DomainError("invalid_state", "no timer is running")
            return event(TimerStopped())
        case p.OpenRound(dots=dots, blind=blind, per_draft=per_draft, hold_split=hold):
            if state.open_round is not None:
                raise DomainError("invalid_state", "a round is already open")
            if per_draft > dots:
                raise DomainError("invalid", "per_draft is more than the round's dots")
            return event(RoundOpened(f"r{len(state.rounds) + 1}", dots, blind, per_draft, hold))
        case p.RevealRoundSplit(round_id=round_id):
            held = next((r for r in state.rounds if r.id == round_id), None)
            if held is None:
                raise DomainError("not_found", f"no round {round_id!r} in this session")
            if not held.split_held:
                raise DomainError("invalid_state", f"round {round_id} has no held split to show")
            return event(RoundSplitRevealed(round_id))
        case p.SetTagging(blind=blind):
            if blind == state.blind_tagging:
                raise DomainError("invalid_state", f"blind tagging is already {_on(blind)}")
            return event(TaggingSet(blind))
        case p.CloseRound():
            current = _need_round(state)
            return event(RoundClosed(current.id))
        case p.FinalizeDraft(draft_id=draft_id, reason=reason):
            draft = _live_draft(state, draft_id)
            if draft.final:
                raise DomainError("invalid_state", "that draft is already the final one")
            if blind_round_open(state):
                # The group has not seen its own answers yet: choosing now would overrule them.
                raise DomainError("invalid_state", "close the blind round before choosing")
            previous = next((d.id for d in state.drafts.values() if d.final), None)
            return event(DraftFinalized(draft_id, previous, reason))
        case p.ClassifyStatement(statement_id=statement_id, tag=tag):
            _statement(state, statement_id)
            return event(StatementClassified(statement_id, tag))
        case p.RevealSplit(statement_id=statement_id):
            statement = _statement(state, statement_id)
            if state.blind_tagging:
                # The split would show, per profession, the tags nobody may see yet.
                raise DomainError("invalid_state", "reveal the tags before a split")
            if statement.split is not None:
                # Once: two reveals at different times could be subtracted.
                raise DomainError("invalid_state", "that split has been revealed already")
            split = tag_split(state, statement)
            return event(SplitRevealed(statement_id, split))
        case p.RemoveItem(kind=item_kind, item_id=item_id, reason=reason):
            released: list[str] = []
            if item_kind == "draft":
                item: Draft | Statement | Conflict | None = state.drafts.get(item_id)
                released = _voters_of(state, item_id)
            elif item_kind == "statement":
                item = state.statements.get(item_id)
            else:
                item = state.conflicts.get(item_id)
            if item is None:
                raise DomainError("not_found", f"no {item_kind} {item_id!r} in this session")
            if item.removed:
                raise DomainError("invalid_state", f"{item_kind} {item_id} is already removed")
            return event(ItemRemoved(item_kind, item_id, reason, released))
        case p.SetAdmission(admit=admit):
            if admit == state.admit:
                raise DomainError("invalid_state", f"admission is already {_on(admit)}")
            return event(ev.AdmissionChanged(admit))
        case p.RemoveParticipant(participant_id=pid, reason=reason):
            return event(_removal(state, _moderated(state, pid), reason))
        case p.MuteParticipant(participant_id=pid, muted=muted):
            target = _moderated(state, pid)
            if target.muted == muted:
                raise DomainError("invalid_state", f"{pid} is already {_muted(muted)}")
            return event(ev.ParticipantMuted(pid, muted))
        case p.RemoveWritings(participant_id=pid, reason=reason):
            return event(_writings(state, _moderated(state, pid, removed_too=True), reason))
        case p.CloseSession():
            if state.open_round is not None or state.open_rating is not None:
                # Closing now would leave the round's result hidden for ever.
                raise DomainError("invalid_state", "close the open round before the session")
            if state.blind_tagging:
                # Closing now would leave the blind tags hidden for ever.
                raise DomainError("invalid_state", "reveal the tags before closing the session")
            return event(SessionClosed())
        case (
            p.AddAction()
            | p.UpdateAction()
            | p.RecordDilemma()
            | p.EditDilemma()
            | p.FollowConflict()
            | p.SetSummary()
            | p.Endorse()
            | p.ReopenForFollowUp()
        ):
            return event(_decide_follow(state, actor, command, now))
        case p.OpenRating() | p.Rate() | p.CloseRating():
            return event(decide_rating(state, actor, command))
        case p.AddCoachWords(kind=which, words=words):
            known = state.coach_words.get(which, [])
            new = [w for w in words if w not in known]
            if not new:
                raise DomainError("invalid_state", "the coach knows those words already")
            kept = sum(len(x) for x in state.coach_words.values())
            _room_for(kept + len(new) - 1, p.MAX_SESSION_COACH_WORDS, "coach words")
            return event(CoachWordsAdded(which, new))
    raise DomainError("unknown_type", f"unknown command {kind!r}")  # pragma: no cover


def _closed_allows(state: State, kind: str) -> None:
    try:
        followup.check_closed(state.closed, state.follow.reopened, kind)
    except followup.Refused as exc:
        raise DomainError(exc.code, exc.message) from None


def decide_by_key(state: State, command: p.Command, now: str) -> Event:
    """The facilitator of a closed session, seated as a visitor with the key (not as a
    participant): reopening it for follow-up and the follow-up commands, recorded with
    no actor. Anything else is refused as for everyone after the close."""
    kind = str(type(command).__struct_config__.tag)
    _closed_allows(state, kind)
    stand_in = Participant("", "", None, "facilitator", votes=False)
    match command:
        case p.UpdateConflict():
            data: EventData = _update_conflict(state, command)
        case p.ReopenForFollowUp() | p.FollowConflict() | p.UpdateAction() | p.Endorse():
            data = _decide_follow(state, stand_in, command, now)
        case _:
            raise DomainError("session_closed", "the session is closed; it is read-only now")
    return Event(None, data, now)


FollowCommand = (
    p.AddAction
    | p.UpdateAction
    | p.RecordDilemma
    | p.EditDilemma
    | p.FollowConflict
    | p.SetSummary
    | p.Endorse
    | p.ReopenForFollowUp
)


def _decide_follow(state: State, actor: Participant, command: FollowCommand, now: str) -> EventData:
    """Decisions, dilemmas, the texts for after the meeting and the reopening: the rules
    are `server.followup`'s; its refusals are this module's DomainError."""
    follow = state.follow
    try:
        match command:
            case p.AddAction() | p.UpdateAction():
                return followup.decide_action(follow, actor.role, state.phase, command)
            case p.RecordDilemma():
                kept = _kept(state.conflicts.values(), MAX_CONFLICTS)
                _room_for(kept, MAX_CONFLICTS, "conflicts")
                return DilemmaRecorded(
                    conflict_id=f"c{len(state.conflicts) + 1}",
                    title=command.title,
                    kind=command.kind,
                    description=command.description,
                    side_a=command.side_a,
                    side_b=command.side_b,
                    professions=list(command.professions),
                )
            case p.EditDilemma():
                conflict = _conflict(state, command.conflict_id)
                if actor.role != "facilitator" and conflict.author != actor.id:
                    raise DomainError("forbidden", "only its author or the facilitator may edit it")
                return DilemmaEdited(
                    command.conflict_id,
                    command.title,
                    command.description,
                    command.kind,
                    command.side_a,
                    command.side_b,
                    None if command.professions is None else list(command.professions),
                )
            case p.FollowConflict():
                _conflict(state, command.conflict_id)
                followup.may_follow_up(actor.role, state.phase, follow)
                return ConflictFollowed(
                    command.conflict_id, command.owner, command.forum, command.due, command.above
                )
            case p.SetSummary():
                return followup.decide_summary(command)
            case p.Endorse():
                return followup.decide_endorse(command, now)
            case p.ReopenForFollowUp():
                return followup.decide_reopen(state.closed, follow.reopened)
            case _:
                assert_never(command)
    except followup.Refused as exc:
        raise DomainError(exc.code, exc.message) from None


def _update_conflict(state: State, command: p.UpdateConflict) -> ConflictUpdated:
    conflict = _conflict(state, command.conflict_id)
    note = command.note
    if note is not None and len(conflict.notes) >= MAX_NOTES:
        raise DomainError("invalid_state", f"a conflict holds at most {MAX_NOTES} notes")
    if note is not None:
        notes = sum(len(c.notes) for c in state.conflicts.values())
        _room_for(notes, MAX_SESSION_NOTES, "notes")
    return ConflictUpdated(command.conflict_id, command.status, note)


def item_id(event: Event) -> str | None:
    """The `item_id` of the ack for the command that caused `event`: the draft,
    statement, conflict or round it is about (a vote is about its draft)."""
    match event.data:
        case (
            DraftProposed(draft_id=found)
            | DraftRevised(draft_id=found)
            | DraftWithdrawn(draft_id=found)
            | DraftFinalized(draft_id=found)
            | VoteCast(draft_id=found)
            | VoteRetracted(draft_id=found)
            | StatementAdded(statement_id=found)
            | StatementTagged(statement_id=found)
            | StatementTaggedBlind(statement_id=found)
            | StatementClassified(statement_id=found)
            | SplitRevealed(statement_id=found)
            | ConflictRecorded(conflict_id=found)
            | ConflictUpdated(conflict_id=found)
            | RoundOpened(round_id=found)
            | RoundClosed(round_id=found)
            | RoundSplitRevealed(round_id=found)
            | ItemRemoved(id=found)
            | ev.ParticipantRemoved(participant_id=found)
            | ev.ParticipantMuted(participant_id=found)
            | ev.WritingsRemoved(participant_id=found)
            | ActionAdded(action_id=found)
            | ActionUpdated(action_id=found)
            | DilemmaRecorded(conflict_id=found)
            | DilemmaEdited(conflict_id=found)
            | ConflictFollowed(conflict_id=found)
        ):
            return found
        case RatingOpened(rating_id=found) | RatingClosed(rating_id=found):
            return found
        case RatingAnswered(draft_id=found):
            return found
        case (
            ParticipantJoined()
            | PhaseChanged()
            | TimerStarted()
            | TimerStopped()
            | SessionClosed()
            | SummarySet()
            | Endorsed()
            | SessionReopened()
            | SeriesCarried()
            | ParentTaskChanged()
            | InstructionSet()
            | ev.MinutesTablesSet()
        ):
            return None
        case ev.AdmissionChanged() | CoachWordsAdded() | TaggingSet():
            return None
        case _:
            assert_never(event.data)


def released(event: Event) -> tuple[str | None, list[str]]:
    """The draft whose dots `event` gave back and the voters who had them (each is told
    with a `votes_released` notice); (None, []) when it released none."""
    match event.data:
        case (
            DraftRevised(draft_id=draft_id, released=voters)
            | DraftWithdrawn(draft_id=draft_id, released=voters)
        ):
            return draft_id, list(voters)
        case ItemRemoved(kind=kind, id=removed, released=voters):
            return (removed, list(voters)) if kind == "draft" else (None, [])
        case (
            ParticipantJoined()
            | DraftProposed()
            | DraftFinalized()
            | VoteCast()
            | VoteRetracted()
            | StatementAdded()
            | StatementTagged()
            | StatementClassified()
            | SplitRevealed()
            | ConflictRecorded()
            | ConflictUpdated()
            | PhaseChanged()
            | TimerStarted()
            | TimerStopped()
            | RoundOpened()
            | RoundClosed()
            | SessionClosed()
            | ev.AdmissionChanged()
            | ev.ParticipantRemoved()
            | ev.ParticipantMuted()
            | ActionAdded()
            | ActionUpdated()
            | DilemmaRecorded()
            | DilemmaEdited()
            | ConflictFollowed()
            | SummarySet()
            | Endorsed()
            | SessionReopened()
            | SeriesCarried()
            | ParentTaskChanged()
            | RatingOpened()
            | RatingAnswered()
            | RatingClosed()
            | CoachWordsAdded()
            | InstructionSet()
            | ev.MinutesTablesSet()
            | RoundSplitRevealed()
            | TaggingSet()
            | StatementTaggedBlind()
        ):
            return None, []
        case ev.WritingsRemoved():
            # Several drafts at once: their voters fold the release from the event itself
            # (`fold` gives back dots on a removed draft); one notice per draft would
            # flood a voter who liked a flooder's drafts.
            return None, []
        case _:
            assert_never(event.data)


def minutes_tables(state: State) -> bool:
    """Whether the minutes carry the tables per profession: as the facilitator decided,
    else off where the session is anonymous (its figures were promised to stay in the
    room) and on where everyone is named anyway."""
    if state.minutes_tables is not None:
        return state.minutes_tables
    return not state.info.anonymous


def blind_round_open(state: State) -> bool:
    """Whether answers are being given that nobody may see yet (a blind dot round or a
    blind rating round is open)."""
    current, rating = state.open_round, state.open_rating
    return (current is not None and current.blind) or (rating is not None and rating.blind)


def decide_rating(
    state: State, actor: Participant, command: p.OpenRating | p.Rate | p.CloseRating
) -> EventData:
    """The event of a rating round's command (the facilitator-only check is done)."""
    match command:
        case p.OpenRating(kind=kind, draft_ids=draft_ids, blind=blind):
            if state.open_rating is not None:
                raise DomainError("invalid_state", "a rating round is already open")
            if len(set(draft_ids)) != len(draft_ids):
                raise DomainError("invalid", "a draft is named twice")
            for draft_id in draft_ids:
                _live_draft(state, draft_id)
            return RatingOpened(f"a{len(state.ratings) + 1}", kind, list(draft_ids), blind)
        case p.Rate(draft_id=draft_id, question=question, answer=answer):
            _require_voter(actor)
            rating = state.open_rating
            if rating is None:
                raise DomainError("no_open_round", "no rating round is open")
            if draft_id not in rating.draft_ids:
                raise DomainError("invalid", f"draft {draft_id} is not rated in this round")
            if question not in p.rating_questions(rating.kind):
                raise DomainError("invalid", f"{question!r} is not asked in this round")
            if answer is not None and answer not in p.rating_answers(rating.kind):
                raise DomainError("invalid", f"{answer!r} is not an answer in this round")
            mine = rating.answers.get(actor.id, {})
            if answer is None and (draft_id, question) not in mine:
                raise DomainError("invalid_state", "you have no answer there to take back")
            return RatingAnswered(rating.id, draft_id, question, answer)
        case p.CloseRating():
            rating = state.open_rating
            if rating is None:
                raise DomainError("no_open_round", "no rating round is open")
            return RatingClosed(rating.id)
        case _:
            assert_never(command)


def _require_voter(actor: Participant) -> None:
    if not actor.is_voter:
        raise DomainError("forbidden", "you take part without voting or tagging")


def _need_round(state: State) -> Round:
    current = state.open_round
    if current is None:
        raise DomainError("no_open_round", "no voting round is open")
    return current


def _dot_allowed(current: Round, mine: list[str], draft_id: str) -> None:
    """One more dot on `draft_id` keeps within the round's dots and its per-draft limit."""
    on_it = mine.count(draft_id)
    if on_it >= current.per_draft:
        if current.per_draft == 1:
            raise DomainError("vote_limit", "one dot per draft: you already voted for it")
        raise DomainError("vote_limit", f"at most {current.per_draft} dots per draft")
    if len(mine) >= current.dots:
        raise DomainError("vote_limit", f"all {current.dots} dots of this round are used")


# --- applying ------------------------------------------------------------------------


def _release(state: State, draft_id: str) -> None:
    current = state.open_round
    if current is None:
        return
    for pid, dots in list(current.votes.items()):
        if draft_id in dots:
            dots[:] = [d for d in dots if d != draft_id]  # all of them: per_draft may be > 1
            if not dots:
                del current.votes[pid]
    current.counts.pop(draft_id, None)


def apply(state: State, event: Event) -> State:
    """Fold one event into the state (in place, for speed) and return it."""
    state.seq += 1
    actor = str(event.actor)
    match event.data:
        case ParticipantJoined(participant=who):
            state.participants[who.id] = Participant(
                who.id, who.name, who.profession, who.role, who.votes
            )
            _fix_groups(state)
        case DraftProposed(draft_id=draft_id, text=text):
            state.drafts[draft_id] = Draft(draft_id, text, actor)
        case DraftRevised(draft_id=draft_id, text=text):
            draft = state.drafts[draft_id]
            draft.text = text
            draft.version += 1
            _release(state, draft.id)
        case DraftWithdrawn(draft_id=draft_id):
            draft = state.drafts[draft_id]
            draft.withdrawn = True
            draft.final = False
            _release(state, draft.id)
        case DraftFinalized(draft_id=draft_id, previous=previous, reason=reason):
            for other in state.drafts.values():
                other.final = False
            state.drafts[draft_id].final = True
            state.choices.append(Choice(draft_id, event.at, previous, reason))
        case VoteCast(draft_id=draft_id):
            current = state.rounds[-1]
            current.votes.setdefault(actor, []).append(draft_id)
            current.counts[draft_id] = current.counts.get(draft_id, 0) + 1
        case VoteRetracted(draft_id=draft_id):
            current = state.rounds[-1]
            dots = current.votes[actor]
            dots.remove(draft_id)
            if not dots:
                del current.votes[actor]
            current.counts[draft_id] -= 1
            if not current.counts[draft_id]:
                del current.counts[draft_id]
        case StatementAdded(statement_id=sid, text=text):
            frozen: dict[str, p.Tag] | None = {} if state.blind_tagging else None
            state.statements[sid] = Statement(sid, text, actor, frozen=frozen)
        case (
            StatementTagged(statement_id=sid, tag=tag)
            | StatementTaggedBlind(statement_id=sid, tag=tag)
        ):
            _figures_begin(state)
            statement = state.statements[sid]
            if tag is None:
                statement.tags.pop(actor, None)
            else:
                statement.tags[actor] = tag
        case StatementClassified(statement_id=sid, tag=tag):
            state.statements[sid].agreed = tag
        case SplitRevealed(statement_id=sid, split=split):
            state.statements[sid].split = split
        case ConflictRecorded() as recorded:
            cid = recorded.conflict_id
            state.conflicts[cid] = Conflict(
                cid,
                recorded.title,
                recorded.description,
                list(recorded.professions),
                list(recorded.refs),
                actor,
                suggestion=recorded.suggestion,
            )
        case ConflictUpdated(conflict_id=cid, status=status, note=note):
            conflict = state.conflicts[cid]
            if status is not None:
                conflict.status = status
            if note is not None:
                conflict.notes.append(note)
                conflict.note_authors.append(actor)
        case PhaseChanged(phase=phase):
            state.phase = phase
        case TimerStarted(ends_at=ends_at, label=label):
            state.timer = Timer(ends_at, label)
        case TimerStopped():
            state.timer = None
        case RoundOpened(round_id=round_id, dots=dots, blind=blind, per_draft=per_draft):
            number = len(state.rounds) + 1
            hold = event.data.hold_split
            state.rounds.append(
                Round(round_id, number, dots, blind, per_draft=per_draft, hold_split=hold)
            )
        case RoundSplitRevealed(round_id=round_id):
            next(r for r in state.rounds if r.id == round_id).split_shown = True
        case TaggingSet(blind=blind):
            state.blind_tagging = blind
            for statement in state.statements.values():
                statement.frozen = dict(statement.tags) if blind else None
        case RoundClosed():
            _figures_begin(state)
            current = state.rounds[-1]
            current.open = False
            current.by_profession = tally_by_profession(state, current)
        case ItemRemoved(kind=kind, id=removed):
            _remove(state, kind, removed)
        case SessionClosed():
            state.closed = True
        case ev.AdmissionChanged(admit=admit):
            state.admit = admit
        case ev.ParticipantRemoved() as removal:
            _apply_removal(state, removal)
        case ev.ParticipantMuted(participant_id=pid, muted=muted):
            state.participants[pid].muted = muted
        case ev.WritingsRemoved() as writings:
            _apply_writings(state, writings)
        case ActionAdded() | ActionUpdated():
            followup.apply_action(state.follow, event.data, event.actor)
        case DilemmaRecorded() as recorded:
            cid = recorded.conflict_id
            dilemma = followup.Dilemma(recorded.kind, recorded.side_a, recorded.side_b)
            state.conflicts[cid] = Conflict(
                cid,
                recorded.title,
                recorded.description,
                list(recorded.professions),
                [],
                actor,
                dilemma=dilemma,
            )
        case DilemmaEdited() as edited:
            _edit(state.conflicts[edited.conflict_id], edited)
        case ConflictFollowed() as followed:
            _follow(state.conflicts[followed.conflict_id].dilemma, followed)
        case SummarySet() as summary:
            followup.apply_summary(state.follow, summary)
        case Endorsed(by=by, on=on):
            state.follow.endorsement = (by, on)
        case SessionReopened():
            state.follow.reopened = True
        case SeriesCarried() as carried:
            _carry(state, carried)
        case ParentTaskChanged(task=task):
            state.info.parent_task = task
        case RatingOpened(rating_id=rating_id, kind=kind, draft_ids=draft_ids, blind=blind):
            number = len(state.ratings) + 1
            state.ratings.append(Rating(rating_id, number, kind, list(draft_ids), blind))
        case RatingAnswered(draft_id=draft_id, question=question, answer=answer):
            answers = state.ratings[-1].answers
            mine = answers.setdefault(actor, {})
            if answer is None:
                mine.pop((draft_id, question), None)
                if not mine:
                    del answers[actor]
            else:
                mine[(draft_id, question)] = answer
        case CoachWordsAdded(kind=which, words=words):
            state.coach_words.setdefault(which, []).extend(words)
        case RatingClosed():
            _figures_begin(state)
            rating = state.ratings[-1]
            rating.open = False
            rating.by_profession = rating_by_profession(state, rating)
        case InstructionSet(phase=phase, text=text):
            if text:
                state.instructions[phase] = text
            else:
                state.instructions.pop(phase, None)
        case ev.MinutesTablesSet(include=include):
            state.minutes_tables = include
        case _:
            assert_never(event.data)
    return state


def _carry(state: State, carried: SeriesCarried) -> None:
    """What an earlier session handed over: its items as this session's own, with no
    author (no names), the chosen core task still chosen until the room chooses again."""
    state.follow.follows = (carried.title, carried.held_on)
    if carried.draft_id is not None and carried.versions:
        draft = Draft(carried.draft_id, carried.versions[-1].text, "", len(carried.versions))
        draft.final = True
        state.drafts[draft.id] = draft
    for said in carried.statements:
        state.statements[said.statement_id] = Statement(
            said.statement_id, said.text, "", agreed=said.agreed
        )
    for old in carried.conflicts:
        dilemma = followup.Dilemma(
            old.kind, old.side_a, old.side_b, old.owner, old.forum, old.due, old.above
        )
        state.conflicts[old.conflict_id] = Conflict(
            old.conflict_id,
            old.title,
            old.description,
            list(old.professions),
            [],
            "",
            status=old.status,
            notes=list(old.notes),
            dilemma=dilemma,
        )
    for action in carried.actions:
        state.follow.actions[action.action_id] = followup.Action(
            action.action_id,
            action.kind,
            action.what,
            action.who,
            action.due,
            action.forum,
            None,
            action.status,
            list(action.notes),
        )


def _edit(conflict: Conflict, edited: DilemmaEdited) -> None:
    if edited.title is not None:
        conflict.title = edited.title
    if edited.description is not None:
        conflict.description = edited.description
    if edited.professions is not None:
        conflict.professions = list(edited.professions)
    dilemma = conflict.dilemma
    if edited.kind is not None:
        dilemma.kind = edited.kind
    if edited.side_a is not None:
        dilemma.side_a = edited.side_a
    if edited.side_b is not None:
        dilemma.side_b = edited.side_b
    dilemma.edits += 1


def _follow(dilemma: followup.Dilemma, followed: ConflictFollowed) -> None:
    if followed.owner is not None:
        dilemma.owner = followed.owner
    if followed.forum is not None:
        dilemma.forum = followed.forum
    if followed.due is not None:
        dilemma.due = followed.due
    if followed.above is not None:
        dilemma.above = followed.above


def _remove(state: State, kind: str, item_id: str) -> None:
    if kind == "draft":
        draft = state.drafts[item_id]
        draft.removed, draft.text, draft.final = True, None, False
        _release(state, item_id)
    elif kind == "statement":
        statement = state.statements[item_id]
        statement.removed, statement.text = True, None
    else:
        conflict = state.conflicts[item_id]
        conflict.removed, conflict.title, conflict.description = True, None, None
        conflict.notes, conflict.note_authors = [], []
        conflict.dilemma = followup.Dilemma()  # its sides and owner go with its text


def replay(info: SessionInfo, events: list[Event]) -> State:
    """The state after every event, from the start: what a restart and the export do."""
    state = new_state(info)
    for event in events:
        apply(state, event)
    return state


# --- the profession lens under the k-rule ---------------------------------------------


def _figures_begin(state: State) -> None:
    if not state.figures_made:
        state.figures_made = True
        _fix_groups(state)


def _fix_groups(state: State) -> None:
    """Fix the session's groups for good once figures may exist: at the first tag or
    close, or at the first join after it that gives any groups at all (until then every
    figure was withheld, so nothing earlier can be subtracted)."""
    if not state.figures_made or state.alone is not None:
        return
    groups = profession_groups(state)
    if groups:
        state.alone = {group.casefold() for group in groups if group}


def profession_groups(state: State) -> dict[str, list[str]]:
    """The session's profession groups: who is counted with whom (each figure then shows
    only those of them that enough members acted on: `figure_groups`).

    Until figures may exist, the head counts decide: a profession with at least k voting
    members stands on its own; everyone else is in the group keyed "". While that group
    has 1..k-1 members, the smallest profession on its own (ties: alphabetical) joins it.
    If it still has 1..k-1 members, there are no groups at all: the result is empty.

    Once figures may exist (`State.alone` is set), the groups never change again: a
    profession on its own stays on its own, and every other voting member, a latecomer of
    a new profession included, is in "". So a lone professional arriving late never pulls
    a profession shown on its own into "" (protecting the latecomer is each figure's job),
    and a profession in "" never splits off when it grows: the facilitator's live figures
    before and after such a join would differ by the acts of fewer than k people.
    A voting member without a profession (the rules require one) is in "".
    """
    k = max(1, state.info.k_anonymity)
    members: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    loose: list[str] = []
    for who in state.participants.values():
        if not who.is_voter:
            continue
        if not who.profession:
            loose.append(who.id)
            continue
        key = who.profession.casefold()
        spelling.setdefault(key, who.profession)
        members.setdefault(key, []).append(who.id)
    if state.alone is not None:
        shown = {key: ids for key, ids in members.items() if key in state.alone}
    else:
        shown = {key: ids for key, ids in members.items() if len(ids) >= k}
    other = [pid for key, ids in members.items() if key not in shown for pid in ids] + loose
    if state.alone is None:
        while 0 < len(other) < k and shown:
            smallest = min(shown, key=lambda key: (len(shown[key]), key))
            other.extend(shown.pop(smallest))
        if 0 < len(other) < k:
            return {}
    groups = {spelling[key]: ids for key, ids in shown.items()}
    if other:
        groups[""] = other
    return groups


def figure_groups(state: State, acted: Collection[str]) -> dict[str, list[str]]:
    """The groups one figure may be given in, `acted` being the people who acted on it:
    for a round, who has a dot in it; for a statement, who tagged it. Empty: withheld.

    Everyone sees the total that a figure splits (a round's tally and `voters`, a
    statement's tally). So the guarantee is about the shown groups and the total
    together: every group shown has at least k members who acted on this figure, and the
    groups together hold every voting member. Then no count shown, and nothing left after
    subtracting shown counts from the total, is about fewer than k people who acted.
    Members who never act do not count, so fake members who never vote or tag cannot lift
    a real colleague's lone dots over k.

    From the session's groups (`profession_groups`):
    1. A profession with fewer than k members who acted is not shown on its own: its
       members join "". None counts as fewer: "no nurse voted" is about each of them.
    2. While "" has members but fewer than k of them acted, the smallest profession still
       shown joins it (fewest members, ties alphabetical: public head counts choose, so
       the choice says nothing more). Silence counts here too: were "" left out with no
       one acting in it, the total minus the shown groups would tell that its members
       (say, a lone latecomer) did not vote, and whether a profession was folded in
       would tell whether he did.
    3. If "" still has members and fewer than k of them acted, the figure is withheld.
    A figure's shape thus says only that each group shown had k or more who acted. The
    folding holds for this figure alone: a profession folded here stands alone again in
    the next figure where k of its members act. That is safe because participants and
    the exports never get two figures of the same acts (a round's is fixed at its close,
    a statement's at its reveal, the rest once, in the minutes after the close), so two
    differently folded figures never describe the same acts.
    """
    k = max(1, state.info.k_anonymity)
    acting = set(acted)

    def active(ids: list[str]) -> int:
        return sum(pid in acting for pid in ids)

    groups = profession_groups(state)
    other = list(groups.pop("", []))
    shown: dict[str, list[str]] = {}
    for group, ids in groups.items():
        if active(ids) >= k:
            shown[group] = ids
        else:
            other.extend(ids)
    while other and active(other) < k and shown:
        smallest = min(shown, key=lambda group: (len(shown[group]), group.casefold()))
        other.extend(shown.pop(smallest))
    if other and active(other) < k:
        return {}
    if other:
        shown[""] = other
    return shown


def tally(tags: dict[str, p.Tag]) -> dict[str, int]:
    """How many of these tags say output and effect."""
    counts = {"output": 0, "effect": 0}
    for tag in tags.values():
        counts[tag] += 1
    return counts


def tag_split(state: State, statement: Statement) -> dict[str, dict[str, int]]:
    """A statement's output/effect tags per profession group under the k-rule, as of now
    ({}: withheld). Shown to everyone once, when the facilitator reveals it."""
    result: dict[str, dict[str, int]] = {}
    for group, ids in figure_groups(state, statement.tags).items():
        counts = {"output": 0, "effect": 0}
        for pid in ids:
            tag = statement.tags.get(pid)
            if tag is not None:
                counts[tag] += 1
        result[group] = counts
    return result


def tally_by_profession(state: State, current: Round) -> dict[str, dict[str, int]]:
    """A round's dots per profession group, fixed at close under the k-rule."""
    result: dict[str, dict[str, int]] = {}
    for group, ids in figure_groups(state, current.votes).items():
        counts: dict[str, int] = {}
        for pid in ids:
            for draft_id in current.votes.get(pid, []):
                counts[draft_id] = counts.get(draft_id, 0) + 1
        result[group] = counts
    return result


# --- moderation: removing, muting, and removing what someone wrote ---------------------

# What a muted participant may not send: everything that puts text before the room.
# Votes and tags stay theirs: muting quiets a flood, it does not take a seat away.
WRITES = (p.ProposeDraft, p.ReviseDraft, p.AddStatement, p.RecordConflict, p.UpdateConflict)


def _on(admit: bool) -> str:
    return "on" if admit else "off"


def _muted(muted: bool) -> str:
    return "muted" if muted else "not muted"


def _moderated(state: State, pid: str, *, removed_too: bool = False) -> Participant:
    """The participant a moderation command is about; never a facilitator (the key
    holder steers the session and cannot be voted or locked out by another key holder)."""
    target = state.participants.get(pid)
    if target is None:
        raise DomainError("not_found", f"no participant {pid!r} in this session")
    if target.role == "facilitator":
        raise DomainError("forbidden", "a facilitator cannot be removed or muted")
    if target.removed and not removed_too:
        raise DomainError("invalid_state", f"{pid} has been removed already")
    return target


def _removal(state: State, target: Participant, reason: str) -> ev.ParticipantRemoved:
    """Their tags leave every live tally, their dots the open round; figures already
    fixed (a closed round, a revealed split) stay as they were shown: recomputing one
    would tell everyone, by difference, what the removed person had done."""
    untagged = [s.id for s in state.statements.values() if target.id in s.tags]
    current = state.open_round
    dots = current is not None and target.id in current.votes
    return ev.ParticipantRemoved(target.id, reason, untagged, dots)


def _apply_removal(state: State, removal: ev.ParticipantRemoved) -> None:
    pid = removal.participant_id
    state.participants[pid].removed = True
    for sid in removal.untagged:
        state.statements[sid].tags.pop(pid, None)
    current = state.open_round
    if removal.dots and current is not None:
        for draft_id in current.votes.pop(pid, []):
            current.counts[draft_id] -= 1
            if not current.counts[draft_id]:
                del current.counts[draft_id]


def _writings(state: State, target: Participant, reason: str) -> ev.WritingsRemoved:
    pid = target.id
    drafts = [d.id for d in state.drafts.values() if d.author == pid and not d.removed]
    statements = [s.id for s in state.statements.values() if s.author == pid and not s.removed]
    conflicts = [c.id for c in state.conflicts.values() if c.author == pid and not c.removed]
    noted = [
        c.id
        for c in state.conflicts.values()
        if not c.removed and c.author != pid and pid in c.note_authors
    ]
    if not (drafts or statements or conflicts or noted):
        raise DomainError("invalid_state", f"{pid} has written nothing that is still shown")
    released: list[str] = []
    for draft_id in drafts:
        released += [voter for voter in _voters_of(state, draft_id) if voter not in released]
    return ev.WritingsRemoved(pid, reason, drafts, statements, conflicts, noted, released)


def _apply_writings(state: State, writings: ev.WritingsRemoved) -> None:
    for draft_id in writings.drafts:
        _remove(state, "draft", draft_id)
    for sid in writings.statements:
        _remove(state, "statement", sid)
    for cid in writings.conflicts:
        _remove(state, "conflict", cid)
    for cid in writings.noted:
        conflict = state.conflicts[cid]
        kept = [
            (note, author)
            for note, author in zip(conflict.notes, conflict.note_authors, strict=True)
            if author != writings.participant_id
        ]
        conflict.notes = [note for note, _ in kept]
        conflict.note_authors = [author for _, author in kept]


def rating_by_profession(
    state: State, rating: Rating
) -> dict[str, dict[str, dict[str, dict[str, int]]]]:
    """A rating round's answers per profession group, one figure per draft and question
    under the k-rule ({} for a figure withheld). Each figure's groups are folded for the
    people who answered that very question about that very draft, as a round's are for
    who dotted in it: no group shown has fewer than k of them, and the groups together
    hold every voting member, so the total minus the groups tells nothing either."""
    result: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
    for draft_id in rating.draft_ids:
        per_question: dict[str, dict[str, dict[str, int]]] = {}
        for question in p.rating_questions(rating.kind):
            acted = [pid for pid, mine in rating.answers.items() if (draft_id, question) in mine]
            figure: dict[str, dict[str, int]] = {}
            for group, ids in figure_groups(state, acted).items():
                counts: dict[str, int] = {}
                for pid in ids:
                    answer = rating.answers.get(pid, {}).get((draft_id, question))
                    if answer is not None:
                        counts[answer] = counts.get(answer, 0) + 1
                figure[group] = counts
            per_question[question] = figure
        result[draft_id] = per_question
    return result
