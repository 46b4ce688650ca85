"""The rules of a core-task session, as plain functions over plain data.

`decide(state, actor, command, now)` checks a command against the rules and returns the
one event it causes, or raises `DomainError` with the protocol's code. `apply(state,
event)` folds an event into the state. Nothing here does I/O or reads the clock, so the
same functions run in the server, in replay after a restart, in the export and in tests.
`fold` is the client's half: it merges a public event into a client's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import msgspec

from server import protocol as p

MAX_NOTES = 100  # per conflict: each update carries them all, so they must stay bounded


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


@dataclass
class Participant:
    id: str
    name: str
    profession: str | None
    role: p.Role
    votes: bool

    @property
    def is_voter(self) -> bool:
        return self.role != "observer" and self.votes

    @property
    def is_writer(self) -> bool:
        return self.role != "observer"


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
    # Each voter's dots in the order cast, and the running count per draft.
    votes: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    by_profession: dict[str, dict[str, int]] | None = None


@dataclass
class Statement:
    id: str
    text: str | None
    author: str
    tags: dict[str, p.Tag] = field(default_factory=dict)
    agreed: p.Tag | None = None
    removed: bool = False
    split: dict[str, dict[str, int]] | None = None  # fixed when the facilitator reveals it


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


@dataclass
class Timer:
    ends_at: str
    label: str | None


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
    # The k-rule over time: once per-profession figures exist, a profession counted with
    # "other professions" stays there, so a later joiner can never split a group whose
    # earlier figures would then give one person's act away by subtraction.
    figures_made: bool = False
    merged: set[str] = field(default_factory=set)

    @property
    def open_round(self) -> Round | None:
        last = self.rounds[-1] if self.rounds else None
        return last if last is not None and last.open else None


@dataclass(frozen=True)
class Event:
    """A fact about the session. `actor` is always the real participant; views decide
    what others may see of it. `data` is internal: it may name voters and taggers."""

    kind: str
    actor: str | None
    data: dict[str, Any]
    at: str


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
    participant = {
        "id": pid,
        "name": name,
        "profession": profession,
        "role": role,
        "votes": votes,
    }
    return Event("participant_joined", pid, {"participant": participant}, now)


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


def _add_seconds(now: str, seconds: int) -> str:
    start = datetime.fromisoformat(now.replace("Z", "+00:00"))
    return (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def decide(state: State, actor_id: str, command: p.Command, now: str) -> Event:
    """The one event a command causes, or DomainError. `now` is ISO 8601 UTC."""
    if state.closed:
        raise DomainError("session_closed", "the session is closed; it is read-only now")
    actor = state.participants.get(actor_id)
    if actor is None:
        raise DomainError("forbidden", "not a participant of this session")
    kind = type(command).__struct_config__.tag
    if actor.role == "observer":
        raise DomainError("forbidden", "observers see everything and write nothing")
    if kind in p.FACILITATOR_ONLY and actor.role != "facilitator":
        raise DomainError("forbidden", f"only the facilitator may {kind}")

    def event(event_kind: str, /, **data: Any) -> Event:
        return Event(event_kind, actor_id, data, now)

    match command:
        case p.ProposeDraft(text=text):
            return event("draft_proposed", draft_id=f"d{len(state.drafts) + 1}", text=text)
        case p.ReviseDraft(draft_id=draft_id, text=text):
            draft = _draft(state, draft_id)
            _may_edit_draft(state, actor, draft)
            return event(
                "draft_revised", draft_id=draft_id, text=text, released=_voters_of(state, draft_id)
            )
        case p.WithdrawDraft(draft_id=draft_id):
            draft = _draft(state, draft_id)
            _may_edit_draft(state, actor, draft)
            return event("draft_withdrawn", draft_id=draft_id, released=_voters_of(state, draft_id))
        case p.CastVote(draft_id=draft_id):
            _require_voter(actor)
            current = _need_round(state)
            _live_draft(state, draft_id)
            mine = current.votes.get(actor_id, [])
            if draft_id in mine:
                raise DomainError("vote_limit", "one dot per draft: you already voted for it")
            if len(mine) >= current.dots:
                raise DomainError("vote_limit", f"all {current.dots} dots of this round are used")
            return event("vote_cast", round_id=current.id, draft_id=draft_id)
        case p.RetractVote(draft_id=draft_id):
            _require_voter(actor)
            current = _need_round(state)
            _draft(state, draft_id)
            if draft_id not in current.votes.get(actor_id, []):
                raise DomainError("invalid_state", "you have no dot on that draft in this round")
            return event("vote_retracted", round_id=current.id, draft_id=draft_id)
        case p.AddStatement(text=text):
            sid = f"s{len(state.statements) + 1}"
            return event("statement_added", statement_id=sid, text=text)
        case p.TagStatement(statement_id=statement_id, tag=tag):
            _require_voter(actor)
            _statement(state, statement_id)
            return event("statement_tagged", statement_id=statement_id, tag=tag)
        case p.RecordConflict():
            if command.suggestion is not None and actor.role != "facilitator":
                raise DomainError("forbidden", "only the facilitator accepts lens suggestions")
            for ref in command.refs:
                items: dict[str, Any] = state.drafts if ref.kind == "draft" else state.statements
                if ref.id not in items:
                    raise DomainError("not_found", f"no {ref.kind} {ref.id!r} to refer to")
            return event(
                "conflict_recorded",
                conflict_id=f"c{len(state.conflicts) + 1}",
                title=command.title,
                description=command.description,
                professions=list(command.professions),
                refs=[{"kind": r.kind, "id": r.id} for r in command.refs],
                suggestion=command.suggestion,
            )
        case p.UpdateConflict(conflict_id=conflict_id, status=status, note=note):
            conflict = _conflict(state, conflict_id)
            if note is not None and len(conflict.notes) >= MAX_NOTES:
                raise DomainError("invalid_state", f"a conflict holds at most {MAX_NOTES} notes")
            return event("conflict_updated", conflict_id=conflict_id, status=status, note=note)
        case p.SetPhase(phase=phase):
            return event("phase_changed", phase=phase, previous=state.phase)
        case p.StartTimer(seconds=seconds, label=label):
            return event("timer_started", ends_at=_add_seconds(now, seconds), label=label)
        case p.StopTimer():
            if state.timer is None or state.timer.ends_at <= now:
                raise DomainError("invalid_state", "no timer is running")
            return event("timer_stopped")
        case p.OpenRound(dots=dots, blind=blind):
            if state.open_round is not None:
                raise DomainError("invalid_state", "a round is already open")
            return event(
                "round_opened", round_id=f"r{len(state.rounds) + 1}", dots=dots, blind=blind
            )
        case p.CloseRound():
            current = _need_round(state)
            return event("round_closed", round_id=current.id)
        case p.FinalizeDraft(draft_id=draft_id):
            draft = _live_draft(state, draft_id)
            if draft.final:
                raise DomainError("invalid_state", "that draft is already the final one")
            previous = next((d.id for d in state.drafts.values() if d.final), None)
            return event("draft_finalized", draft_id=draft_id, previous=previous)
        case p.ClassifyStatement(statement_id=statement_id, tag=tag):
            _statement(state, statement_id)
            return event("statement_classified", statement_id=statement_id, tag=tag)
        case p.RevealSplit(statement_id=statement_id):
            statement = _statement(state, statement_id)
            if statement.split is not None:
                # Once: two reveals at different times could be subtracted.
                raise DomainError("invalid_state", "that split has been revealed already")
            split = tag_split(state, statement)
            return event("split_revealed", statement_id=statement_id, split=split)
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
            return event(
                "item_removed", kind=item_kind, id=item_id, reason=reason, released=released
            )
        case p.CloseSession():
            if state.open_round is not None:
                # Closing now would leave the round's result hidden for ever.
                raise DomainError("invalid_state", "close the open round before the session")
            return event("session_closed")
    raise DomainError("unknown_type", f"unknown command {kind!r}")  # pragma: no cover


_ITEM_KEYS = ("draft_id", "statement_id", "conflict_id", "round_id")


def item_id(event: Event) -> str | None:
    """The `item_id` of the ack for the command that caused `event`."""
    if event.kind == "item_removed":
        return str(event.data["id"])
    for key in _ITEM_KEYS:
        if key in event.data:
            return str(event.data[key])
    return None


def _require_voter(actor: Participant) -> None:
    if not actor.is_voter:
        raise DomainError("forbidden", "you take part without voting or tagging")


def _need_round(state: State) -> Round:
    current = state.open_round
    if current is None:
        raise DomainError("no_open_round", "no voting round is open")
    return current


# --- applying ------------------------------------------------------------------------


def _release(state: State, draft_id: str) -> None:
    current = state.open_round
    if current is None:
        return
    for pid, dots in list(current.votes.items()):
        if draft_id in dots:
            dots.remove(draft_id)
            if not dots:
                del current.votes[pid]
    current.counts.pop(draft_id, None)


def apply(state: State, event: Event) -> State:
    """Fold one event into the state (in place, for speed) and return it."""
    d = event.data
    state.seq += 1
    match event.kind:
        case "participant_joined":
            who = d["participant"]
            state.participants[who["id"]] = Participant(
                who["id"], who["name"], who["profession"], who["role"], who["votes"]
            )
            _fix_groups(state)
        case "draft_proposed":
            state.drafts[d["draft_id"]] = Draft(d["draft_id"], d["text"], str(event.actor))
        case "draft_revised":
            draft = state.drafts[d["draft_id"]]
            draft.text = d["text"]
            draft.version += 1
            _release(state, draft.id)
        case "draft_withdrawn":
            draft = state.drafts[d["draft_id"]]
            draft.withdrawn = True
            draft.final = False
            _release(state, draft.id)
        case "draft_finalized":
            for other in state.drafts.values():
                other.final = False
            state.drafts[d["draft_id"]].final = True
        case "vote_cast":
            current = state.rounds[-1]
            current.votes.setdefault(str(event.actor), []).append(d["draft_id"])
            current.counts[d["draft_id"]] = current.counts.get(d["draft_id"], 0) + 1
        case "vote_retracted":
            current = state.rounds[-1]
            dots = current.votes[str(event.actor)]
            dots.remove(d["draft_id"])
            if not dots:
                del current.votes[str(event.actor)]
            current.counts[d["draft_id"]] -= 1
            if not current.counts[d["draft_id"]]:
                del current.counts[d["draft_id"]]
        case "statement_added":
            sid = d["statement_id"]
            state.statements[sid] = Statement(sid, d["text"], str(event.actor))
        case "statement_tagged":
            _figures_begin(state)
            statement = state.statements[d["statement_id"]]
            if d["tag"] is None:
                statement.tags.pop(str(event.actor), None)
            else:
                statement.tags[str(event.actor)] = d["tag"]
        case "statement_classified":
            state.statements[d["statement_id"]].agreed = d["tag"]
        case "split_revealed":
            state.statements[d["statement_id"]].split = d["split"]
        case "conflict_recorded":
            cid = d["conflict_id"]
            state.conflicts[cid] = Conflict(
                cid,
                d["title"],
                d["description"],
                list(d["professions"]),
                [p.Ref(r["kind"], r["id"]) for r in d["refs"]],
                str(event.actor),
                suggestion=d.get("suggestion"),
            )
        case "conflict_updated":
            conflict = state.conflicts[d["conflict_id"]]
            if d["status"] is not None:
                conflict.status = d["status"]
            if d["note"] is not None:
                conflict.notes.append(d["note"])
        case "phase_changed":
            state.phase = d["phase"]
        case "timer_started":
            state.timer = Timer(d["ends_at"], d["label"])
        case "timer_stopped":
            state.timer = None
        case "round_opened":
            state.rounds.append(Round(d["round_id"], len(state.rounds) + 1, d["dots"], d["blind"]))
        case "round_closed":
            _figures_begin(state)
            current = state.rounds[-1]
            current.open = False
            current.by_profession = tally_by_profession(state, current)
        case "item_removed":
            _remove(state, d["kind"], d["id"])
        case "session_closed":
            state.closed = True
        case _:  # pragma: no cover - the store only holds kinds written by decide/join
            raise ValueError(f"unknown event kind {event.kind!r}")
    return state


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
        conflict.notes = []


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
    """Remember which professions are in "other professions" now that figures exist."""
    if not state.figures_made:
        return
    for pid in profession_groups(state).get("", []):
        profession = state.participants[pid].profession
        if profession:
            state.merged.add(profession.casefold())


def profession_groups(state: State) -> dict[str, list[str]]:
    """Voting members grouped so that no figure is about fewer than k people.

    A profession stands on its own with at least k voting members; everyone else is in
    the group keyed "". While that group has 1..k-1 members, the smallest profession shown
    on its own (ties: alphabetical) joins it. If it still has 1..k-1 members, there are
    no per-profession figures at all: the result is empty.
    """
    k = max(1, state.info.k_anonymity)
    members: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    for who in state.participants.values():
        if not who.is_voter or not who.profession:
            continue
        key = who.profession.casefold()
        spelling.setdefault(key, who.profession)
        members.setdefault(key, []).append(who.id)
    shown = {key: ids for key, ids in members.items() if len(ids) >= k and key not in state.merged}
    other = [pid for key, ids in members.items() if key not in shown for pid in ids]
    while 0 < len(other) < k and shown:
        smallest = min(shown, key=lambda key: (len(shown[key]), key))
        other.extend(shown.pop(smallest))
    if 0 < len(other) < k:
        return {}
    groups = {spelling[key]: ids for key, ids in shown.items()}
    if other:
        groups[""] = other
    return groups


def tag_split(state: State, statement: Statement) -> dict[str, dict[str, int]]:
    """A statement's output/effect tags per profession group under the k-rule ({}: no
    figures may be given)."""
    result: dict[str, dict[str, int]] = {}
    for group, ids in profession_groups(state).items():
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
    for group, ids in profession_groups(state).items():
        counts: dict[str, int] = {}
        for pid in ids:
            for draft_id in current.votes.get(pid, []):
                counts[draft_id] = counts.get(draft_id, 0) + 1
        result[group] = counts
    return result


# --- the client's half: folding public events into a snapshot ------------------------


def _upsert(items: list[Any], item: Any) -> list[Any]:
    for index, existing in enumerate(items):
        if existing.id == item.id:
            return [*items[:index], item, *items[index + 1 :]]
    return [*items, item]


def _own_draft(draft: p.DraftView, mine: p.Mine, me: str) -> p.DraftView:
    if draft.author is None and draft.id in mine.my_items:
        return msgspec.structs.replace(draft, author=me)
    return draft


def _own_statement(statement: p.StatementView, mine: p.Mine, me: str) -> p.StatementView:
    mine_tag = mine.my_tags.get(statement.id)
    author = statement.author
    if author is None and statement.id in mine.my_items:
        author = me
    return msgspec.structs.replace(statement, my_tag=mine_tag, author=author)


def fold(snap: p.Snapshot, event: p.WireEvent, mine: p.Mine, me: str) -> tuple[p.Snapshot, p.Mine]:
    """A client's snapshot and own fields after one public event (pure; new objects).

    `me` is the client's participant id; `mine` carries what only it knows (its votes,
    tags and authorship), which the public event cannot say.
    """
    replace = msgspec.structs.replace
    d = event.data
    kind = event.kind
    conv = p.item_from_wire

    def with_round(s: p.Snapshot) -> p.Snapshot:
        if d.get("round") is None:
            return s
        return replace(s, rounds=_upsert(s.rounds, conv(d["round"], p.RoundView)))

    if kind == "participant_joined":
        who = conv(d["participant"], p.ParticipantView)
        snap = replace(snap, participants=_upsert(snap.participants, who))
    elif kind in ("draft_proposed", "draft_revised", "draft_withdrawn"):
        draft = _own_draft(conv(d["draft"], p.DraftView), mine, me)
        snap = with_round(replace(snap, drafts=_upsert(snap.drafts, draft)))
        if kind != "draft_proposed":
            mine = _released(mine, draft.id)
    elif kind == "draft_finalized":
        drafts = _upsert(snap.drafts, _own_draft(conv(d["draft"], p.DraftView), mine, me))
        if d.get("previous") is not None:
            drafts = _upsert(drafts, _own_draft(conv(d["previous"], p.DraftView), mine, me))
        snap = replace(snap, drafts=drafts)
    elif kind in ("vote_cast", "vote_retracted", "round_opened", "round_closed"):
        snap = with_round(snap)
        if kind in ("round_opened", "round_closed"):
            mine = replace(mine, my_votes=[])
    elif kind in ("statement_added", "statement_tagged", "statement_classified", "split_revealed"):
        statement = _own_statement(conv(d["statement"], p.StatementView), mine, me)
        snap = replace(snap, statements=_upsert(snap.statements, statement))
    elif kind in ("conflict_recorded", "conflict_updated"):
        conflict = conv(d["conflict"], p.ConflictView)
        snap = replace(snap, conflicts=_upsert(snap.conflicts, conflict))
    elif kind == "phase_changed":
        snap = replace(snap, session=replace(snap.session, phase=d["phase"]))
    elif kind == "timer_started":
        snap = replace(snap, timer=conv(d["timer"], p.TimerView))
    elif kind == "timer_stopped":
        snap = replace(snap, timer=None)
    elif kind == "item_removed":
        snap, mine = _fold_removal(snap, mine, d["kind"], d["id"])
        snap = with_round(snap)
    elif kind == "session_closed":
        snap = replace(snap, session=replace(snap.session, closed=True))
    return replace(snap, my_votes=list(mine.my_votes)), mine


def _released(mine: p.Mine, draft_id: str) -> p.Mine:
    """Own fields after the dots on a draft were given back (revised, withdrawn, removed)."""
    if draft_id not in mine.my_votes:
        return mine
    return msgspec.structs.replace(mine, my_votes=[v for v in mine.my_votes if v != draft_id])


def _fold_removal(
    snap: p.Snapshot, mine: p.Mine, kind: str, item_id: str
) -> tuple[p.Snapshot, p.Mine]:
    replace = msgspec.structs.replace
    if kind == "draft":
        drafts = [
            replace(x, removed=True, text=None, final=False) if x.id == item_id else x
            for x in snap.drafts
        ]
        return replace(snap, drafts=drafts), _released(mine, item_id)
    if kind == "statement":
        statements = [
            replace(x, removed=True, text=None) if x.id == item_id else x for x in snap.statements
        ]
        return replace(snap, statements=statements), mine
    conflicts = [
        replace(x, removed=True, title=None, description=None, notes=[]) if x.id == item_id else x
        for x in snap.conflicts
    ]
    return replace(snap, conflicts=conflicts), mine


def note_ack(mine: p.Mine, command: p.Command, item_id: str | None) -> p.Mine:
    """A client's own fields after the server acknowledged one of its commands.

    Call it only for an ack whose `seq` is newer than the client's last event: an ack
    for a command the client already saw counted (a re-send after resuming, whose effect
    `welcome.mine` already holds) must not count twice.
    """
    replace = msgspec.structs.replace
    match command:
        case p.ProposeDraft() | p.AddStatement() | p.RecordConflict():
            if item_id is not None and item_id not in mine.my_items:
                return replace(mine, my_items=[*mine.my_items, item_id])
        case p.CastVote(draft_id=draft_id):
            if draft_id not in mine.my_votes:
                return replace(mine, my_votes=[*mine.my_votes, draft_id])
        case p.RetractVote(draft_id=draft_id):
            return replace(mine, my_votes=[v for v in mine.my_votes if v != draft_id])
        case p.TagStatement(statement_id=statement_id, tag=tag):
            tags = dict(mine.my_tags)
            if tag is None:
                tags.pop(statement_id, None)
            else:
                tags[statement_id] = tag
            return replace(mine, my_tags=tags)
        case _:
            pass
    return mine


def personalize(snap: p.Snapshot, mine: p.Mine, me: str) -> p.Snapshot:
    """A snapshot with the client's own fields taken from `mine` (after an ack)."""
    replace = msgspec.structs.replace
    return replace(
        snap,
        my_votes=list(mine.my_votes),
        drafts=[_own_draft(x, mine, me) for x in snap.drafts],
        statements=[_own_statement(x, mine, me) for x in snap.statements],
    )
