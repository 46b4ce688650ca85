"""One live session and its connected clients, without I/O: the rules of the room.

In the style of websockets' own sans-I/O `Protocol`: the hub hands the room what arrived
(a decoded hello, a frame, a timer that came due, a connection that ended) with the time
as an argument, and the room answers with an `Output` that says what to do: what to
commit to the log, then what to say to which client in which order, which connections to
close, which timers to start, which export to make. The room never touches a socket, the
event loop, the database or the clock, so every rule here is tested with plain calls.

Clients are plain ids that the hub assigns to its connections. A participant has at most
one current client (`connections`); a newer one replaces the older, which is closed with
4000, and whatever still arrives on the older one is not executed.
"""

from __future__ import annotations

import bisect
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, assert_never, cast

from server import lens, model, views
from server import protocol as p
from server.events import AdmissionChanged, ParentTaskChanged, ParticipantRemoved, SessionClosed
from server.limits import retry_after
from server.lobby import MAX_WAITING, Lobby
from server.snapshots import Snapshots
from server.tokens import digest

Client = int  # a connection id the hub assigns; never a socket
Due = Literal["presence", "lens", "admit"]

CLOSE_REPLACED = 4000
# Additions to v1: the facilitator removed this participant, or turned this newcomer away.
CLOSE_REMOVED = 4003
CLOSE_NOT_ADMITTED = 4004
# A client further behind than this gets a snapshot instead of the missed events: one
# frame of them could pass the write bound and be cut, again at every retry.
MAX_CATCH_UP = 2000
# Presence goes to the room at most this often per session; in a big room less often:
# everyone's list to everyone costs about 8 bytes times the square of the room (8 MB for
# 1000 online), and a session spends at most PRESENCE_RATE bytes a second on it.
PRESENCE_DELAY = 0.05
PRESENCE_RATE = 4_000_000
# The lens is recomputed at most this often per session: it is facilitator-only
# information, and a burst of tags from a full room must not cost a recount each.
LENS_DELAY = 0.3
# What a client hears when the server failed it: a bug of ours, or a write that failed.
COULD_NOT_HANDLE = p.Error(None, "invalid", "the server could not handle that")


# --- what the room asks the hub to do --------------------------------------------------


@dataclass(frozen=True)
class Append:
    """An event to commit to the log, with what was decided alongside it."""

    seq: int
    event: model.Event
    public: str  # the frame everyone hears: a resuming client later gets these bytes
    command_id: str | None = None
    item_id: str | None = None
    token_hash: str | None = None  # a new participant's resume token


@dataclass(frozen=True)
class Dismissal:
    """The facilitator set a lens suggestion aside: private, so not an event."""

    suggestion_id: str


Commit = Append | Dismissal


@dataclass(frozen=True)
class Send:
    """One frame to some clients, in the order the room produced it. An `event` frame is
    one the hub may join with its neighbours into an `events` batch (server.outbox)."""

    to: tuple[Client, ...]
    frame: str
    event: bool = False


@dataclass(frozen=True)
class Close:
    """Close a client's connection, with the close code and reason it is told."""

    client: Client
    code: int
    reason: str


@dataclass(frozen=True)
class Timer:
    """Call `Room.due(kind)` after `delay` seconds."""

    kind: Due
    delay: float


@dataclass(frozen=True)
class ExportJob:
    """An export a facilitator asked for; rendering it is I/O, so the hub does it."""

    client: Client
    request: p.Export


@dataclass
class Marks:
    """The room's timing bookkeeping: which rounds are pending and what the lens showed."""

    presence_due: bool = False
    lens_due: bool = False
    lens_sent: str = ""


@dataclass
class Output:
    """What to do, in order: commit `commit` first (nothing is said before it is stored);
    then `sends`, `closes`, `timers` and `export`. If the commit fails, the hub rebuilds
    the room from the log (`Room.rebuilt`, given this output) and says `lost` instead."""

    commit: Commit | None = None
    sends: list[Send] = field(default_factory=list)
    closes: list[Close] = field(default_factory=list)
    timers: list[Timer] = field(default_factory=list)
    export: ExportJob | None = None
    lost: list[Send] = field(default_factory=list)
    before: Marks | None = None  # the marks before this output, restored if it is lost

    @classmethod
    def say(cls, client: Client, message: object) -> Output:
        return cls(sends=[Send((client,), p.encode(message))])

    def tell(self, clients: Iterable[Client], text: str, event: bool = False) -> None:
        self.sends.append(Send(tuple(clients), text, event))


def slow_down(frame: str | bytes, wait: float) -> str:
    """The answer to a frame the rate limit refused, unjudged: its id is echoed so that
    the client can send it again after `retry_after`."""
    try:
        echo = p.peek_id(p.parse_frame(frame))
    except p.ProtocolError as exc:
        echo = exc.command_id
    return p.encode(p.Error(echo, "rate_limited", "slow down", retry_after(wait)))


def events_frame(public: list[str]) -> str:
    """Missed events as one `events` frame of the very bytes that were broadcast."""
    return '{"type":"events","events":[' + ",".join(public) + "]}"


# --- the room ------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """One client's place in the room, once its hello succeeded."""

    participant: p.ParticipantView
    visitor: bool  # looking at a closed session: read-only, unrecorded


@dataclass
class Room:
    """A loaded session: its state, its log's acks and who is connected now."""

    state: model.State
    key_hash: str
    acks: dict[tuple[str, str], p.Ack] = field(default_factory=dict)
    dismissed: set[str] = field(default_factory=set)
    threshold: float = lens.DEFAULT_THRESHOLD
    connections: dict[str, Client] = field(default_factory=dict)  # participant -> client
    seats: dict[Client, Seat] = field(default_factory=dict)  # every client seated here
    # Kept at welcome and goodbye, so that no command scans the room for them.
    online_facilitators: set[str] = field(default_factory=set)
    visitors: int = 0
    marks: Marks = field(default_factory=Marks)
    lobby: Lobby = field(default_factory=Lobby)
    # "Admit everyone waiting": one join per commit, so the rest follow one by one.
    admitting: list[str] = field(default_factory=list)
    admitting_at: str = ""
    snapshots: Snapshots = field(default_factory=Snapshots, repr=False, compare=False)
    # `connections` in presence order, kept while people only arrive; None: sort again.
    online: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.state.info.code

    # --- before the hello ----------------------------------------------------------

    def lookup(self, client: Client, request: p.Lookup) -> Output:
        """What a join screen shows before anyone joins; nothing changes."""
        info = self.state.info
        answer = p.SessionInfo(
            request.id,
            p.format_code(info.code),
            info.title,
            info.level,
            info.parent_task,
            list(info.professions),
            info.anonymous,
            self.state.closed,
        )
        return Output.say(client, answer)

    def catch_up_from(self, last_seq: int) -> int | None:
        """The seq after which a resuming client is sent the events it missed, or None
        when it gets a snapshot instead (too far behind, or a seq never reached)."""
        if 1 <= last_seq <= self.state.seq and self.state.seq - last_seq <= MAX_CATCH_UP:
            return last_seq
        return None

    def hello(
        self,
        client: Client,
        hello: p.Hello,
        resumed: str | None,
        token: str,
        now: str,
        missed: list[str] | None = None,
    ) -> Output:
        """Seat `client`: resume, visit a closed session, or join as someone new.

        For a resume, `resumed` is the participant the store found for the token, and
        `missed` the stored public frames after `catch_up_from(hello.last_seq)`; without
        them the client gets a snapshot, which is always right, only bigger. They come
        in as data, read before the room changes anything: the log keeps the exact
        bytes that were broadcast, a copy here would cost every live session memory for
        the rare resume, and a read that fails then leaves no half-seated client.
        A new participant gets `token`. A refusal raises ProtocolError or DomainError,
        as every refused first frame does."""
        if hello.resume_token:
            if resumed is None or resumed not in self.state.participants:
                raise p.ProtocolError("bad_resume_token", "that resume token is not known here")
            if self.state.participants[resumed].removed:
                raise p.ProtocolError("removed", "the facilitator removed you from this session")
            if self.catch_up_from(hello.last_seq) is None:
                missed = None
            return self._welcome(Output(), client, hello, resumed, hello.resume_token, missed)
        if hello.role == "facilitator":
            key = hello.facilitator_key or ""
            if not hmac.compare_digest(digest(key), self.key_hash):
                raise p.ProtocolError("bad_facilitator_key", "that facilitator key is wrong")
        if self.state.closed and hello.role != "participant":
            return self._visit(client, hello)
        if self.state.admit and hello.role != "facilitator" and not self.state.closed:
            return self._wait(client, hello, token, now)
        event = model.join(
            self.state,
            name=hello.name,
            profession=hello.profession,
            role=hello.role,
            votes=hello.votes,
            now=now,
        )
        out = Output(before=replace(self.marks))
        model.apply(self.state, event)
        self.snapshots.joined(self.state, str(event.actor))
        public = p.encode(views.public_event(self.state, event))
        out.commit = Append(self.state.seq, event, public, token_hash=digest(token))
        out.lost = Output.say(client, COULD_NOT_HANDLE).sends
        out.tell(self.connections.values(), public, event=True)
        self._welcome(out, client, hello, str(event.actor), token, None)
        self._lens_soon(out)
        if self.state.figures_made and hello.role != "facilitator":
            # Groups are fixed once figures exist: the facilitator should see who came.
            notice = p.encode(p.Notice("joined", participant_id=str(event.actor)))
            out.tell(self._facilitator_clients(), notice)
        return out

    def _welcome(
        self,
        out: Output,
        client: Client,
        hello: p.Hello,
        pid: str,
        token: str | None,
        missed: list[str] | None,
    ) -> Output:
        """Seat a participant: the welcome, then what it missed (the events, or else the
        snapshot in the welcome), then who is here."""
        state = self.state
        participant = views.participant_view(state.participants[pid])
        mine = views.mine(state, pid)
        snapshot = None if missed is not None else self.snapshots.encoded(state, pid, mine)
        welcome = p.Welcome(
            hello.id,
            p.PROTOCOL_VERSION,
            participant,
            token,
            state.seq,
            # The snapshot's very bytes (server.snapshots): msgspec writes a Raw as it is.
            cast(p.Snapshot | None, snapshot),
            mine,
        )
        older = self.connections.get(pid)
        if older is not None and older != client:
            out.closes.append(Close(older, CLOSE_REPLACED, "replaced by a newer connection"))
        if older is None and self.online is not None:
            bisect.insort(self.online, pid, key=_id_order)
        self.connections[pid] = client
        self.seats[client] = Seat(participant, visitor=False)
        out.tell([client], p.encode(welcome))
        if missed:
            out.tell([client], events_frame(missed))
        # The newcomer hears who is here at once; the room, with the next presence round.
        out.tell([client], p.encode(self._presence()))
        self._presence_soon(out)
        if participant.role == "facilitator":
            self.online_facilitators.add(pid)
            out.tell([client], p.encode(lens.lens(state, self.dismissed, self.threshold)))
            if state.admit or self.lobby.waiting:
                out.tell([client], p.encode(self.lobby.view()))
        return out

    def _visit(self, client: Client, hello: p.Hello) -> Output:
        """A facilitator or observer looking at a closed session: read-only, unrecorded."""
        self.visitors += 1
        participant = p.ParticipantView(
            f"v{self.visitors}", hello.name or "", hello.profession, hello.role, False
        )
        self.seats[client] = Seat(participant, visitor=True)
        welcome = p.Welcome(
            hello.id,
            p.PROTOCOL_VERSION,
            participant,
            None,
            self.state.seq,
            cast(p.Snapshot, self.snapshots.encoded(self.state, None, None)),
            p.Mine(),
        )
        return Output.say(client, welcome)

    # --- after the hello -----------------------------------------------------------

    def receive(self, client: Client, frame: str | bytes, now: str) -> Output:
        """One frame from a seated client: a command, a dismissal or an export."""
        if self.lobby.holds(client):
            return self._from_lobby(client, frame)
        seat = self.seats.get(client)
        if seat is None:
            # Seated by an output whose commit failed (`rebuilt` let it go): the log does
            # not know this client, so it starts afresh on a new connection.
            return Output(closes=[Close(client, 1011, "the server must reload")])
        pid = seat.participant.id
        command_id: str | None = None
        try:
            raw = p.parse_frame(frame)
            command_id = p.peek_id(raw)
            if not seat.visitor and self.connections.get(pid) != client:
                # A newer connection replaced this one (4000): what was still queued here
                # is not done, or its ack would go to a socket nobody reads.
                return Output()
            if raw["type"] == "export":
                request = p.decode_request(raw, p.Export)
                if seat.participant.role != "facilitator":
                    raise p.ProtocolError("forbidden", "only the facilitator may export")
                return Output(export=ExportJob(client, request))
            if raw["type"] == "dismiss_suggestion":
                return self._dismiss(client, seat, p.decode_request(raw, p.DismissSuggestion))
            if raw["type"] in ("admit", "reject"):
                if seat.participant.role != "facilitator" or seat.visitor:
                    raise p.ProtocolError("forbidden", "only the facilitator admits newcomers")
                if raw["type"] == "reject":
                    return self._reject(client, p.decode_request(raw, p.Reject))
                return self._admit(client, p.decode_request(raw, p.Admit), now)
            if command_id is not None:
                done = self.acks.get((pid, command_id))
                if done is not None and raw.get("type") != "hello":
                    return Output.say(client, done)  # exactly once: the same ack, no event
            return self._execute(client, seat, p.decode_command(raw), now)
        except p.ProtocolError as exc:
            echo = command_id or exc.command_id
            return Output.say(client, p.Error(echo, exc.code, exc.message, exc.retry_after))
        except model.DomainError as exc:
            return Output.say(client, p.Error(command_id, exc.code, exc.message))

    def _execute(self, client: Client, seat: Seat, command: p.Command, now: str) -> Output:
        """decide -> apply -> commit -> ack -> broadcast; nothing is said before commit."""
        pid = seat.participant.id
        if seat.visitor and seat.participant.role == "facilitator":
            # The key holder of a closed session: it may reopen it for follow-up only.
            event = model.decide_by_key(self.state, command, now)
        elif seat.visitor:
            raise model.DomainError("session_closed", "the session is closed; it is read-only")
        else:
            event = model.decide(self.state, pid, command, now)
        out = Output(before=replace(self.marks))
        model.apply(self.state, event)
        seq = self.state.seq
        public = p.encode(views.public_event(self.state, event))
        item_id = model.item_id(event)
        out.commit = Append(seq, event, public, command.id, item_id)
        error = p.Error(command.id, "invalid_state", "the server could not store that")
        out.lost = Output.say(client, error).sends
        ack = p.Ack(command.id, seq, item_id)
        self.acks[(pid, command.id)] = ack
        out.tell([client], p.encode(ack))
        # Visitors of a closed session are seated only after it closed; the follow-up
        # reaches them too (there are none while a session is open).
        visitors = self._visitor_clients()
        out.tell([*self.connections.values(), *visitors], public, event=True)
        self._moderated(out, event)
        self._lens_soon(out)
        draft_id, voters = model.released(event)
        for voter in voters:
            target = self.connections.get(voter)
            if target is not None:
                out.tell([target], p.encode(p.Notice("votes_released", draft_id)))
        return out

    def parent_changed(self, task: str | None, now: str) -> Output:
        """The session on the level above chose another core task (or none): this one's
        task above follows, as an event of its own, told to everyone here."""
        event = model.Event(None, ParentTaskChanged(task), now)
        out = Output(before=replace(self.marks))
        model.apply(self.state, event)
        public = p.encode(views.public_event(self.state, event))
        out.commit = Append(self.state.seq, event, public)
        visitors = self._visitor_clients()
        out.tell([*self.connections.values(), *visitors], public, event=True)
        return out

    def _dismiss(self, client: Client, seat: Seat, dismissal: p.DismissSuggestion) -> Output:
        """Set a lens suggestion aside: stored, then the lens without it, at once."""
        if seat.participant.role != "facilitator":
            raise p.ProtocolError("forbidden", "only the facilitator sees the lens")
        out = Output(commit=Dismissal(dismissal.suggestion_id), before=replace(self.marks))
        out.lost = Output.say(client, COULD_NOT_HANDLE).sends
        self.dismissed.add(dismissal.suggestion_id)
        self._lens_now(out)
        return out

    def leave(self, client: Client) -> Output:
        """A connection ended; a replaced one leaves no trace in presence."""
        out = Output()
        if self.lobby.leave(client):
            self._tell_lobby(out)
        seat = self.seats.pop(client, None)
        if seat is not None and self.connections.get(seat.participant.id) == client:
            del self.connections[seat.participant.id]
            self.online = None
            self.online_facilitators.discard(seat.participant.id)
            self._presence_soon(out)
        return out

    # --- the lobby and moderation (additions to v1) ------------------------------------------

    def _wait(self, client: Client, hello: p.Hello, token: str, now: str) -> Output:
        """A newcomer while the session admits: checked as a join would be, then queued.
        They get `waiting` and nothing of the session; the facilitators get the list."""
        if digest(token) in self.lobby.rejected:
            raise p.ProtocolError("not_admitted", "the facilitator did not admit you")
        model.join(  # refuses what a join would refuse (no name, no profession) now
            self.state,
            name=hello.name,
            profession=hello.profession,
            role=hello.role,
            votes=hello.votes,
            now=now,
        )
        earlier = self.lobby.same(token)
        if earlier is None and len(self.lobby.waiting) >= MAX_WAITING:
            raise p.ProtocolError("rate_limited", "too many people are waiting", retry_after(5.0))
        out = Output()
        if earlier is not None and earlier.client != client:
            out.closes.append(
                Close(earlier.client, CLOSE_REPLACED, "replaced by a newer connection")
            )
        self.lobby.add(client, hello, token)
        out.tell([client], p.encode(p.Waiting(hello.id, self.state.info.title)))
        self._tell_lobby(out)
        return out

    def _from_lobby(self, client: Client, frame: str | bytes) -> Output:
        """Whatever a waiting newcomer sends is refused: they are not in the session yet."""
        try:
            echo = p.peek_id(p.parse_frame(frame))
        except p.ProtocolError as exc:
            echo = exc.command_id
        return Output.say(client, p.Error(echo, "invalid_state", "you are waiting to be admitted"))

    def _admit(self, client: Client, request: p.Admit, now: str) -> Output:
        """Seat one newcomer, or (no `waiting_id`) everyone waiting now, one per commit."""
        if request.waiting_id is None:
            chosen = list(self.lobby.waiting)
            if not chosen:
                raise p.ProtocolError("invalid_state", "nobody is waiting")
        elif request.waiting_id in self.lobby.waiting:
            chosen = [request.waiting_id]
        else:
            raise p.ProtocolError("not_found", "nobody waits with that id")
        self.admitting = [x for x in self.admitting if x not in chosen] + chosen
        self.admitting_at = now
        return self._admit_next()

    def _admit_next(self) -> Output:
        """The next newcomer of an admission in progress, and a timer for the one after."""
        while self.admitting:
            newcomer = self.lobby.take(self.admitting.pop(0))
            if newcomer is None:
                continue  # left, or turned away, meanwhile
            out = self._seat_newcomer(newcomer.client, newcomer.hello, newcomer.token)
            if self.admitting:
                out.timers.append(Timer("admit", 0.0))
            return out
        return Output()

    def _seat_newcomer(self, client: Client, hello: p.Hello, token: str) -> Output:
        """An admitted newcomer joins as any participant does (an ordinary
        `participant_joined`), and their waiting hello is answered with its welcome."""
        out = Output(before=replace(self.marks))
        try:
            event = model.join(
                self.state,
                name=hello.name,
                profession=hello.profession,
                role=hello.role,
                votes=hello.votes,
                now=self.admitting_at,
            )
        except model.DomainError as exc:  # the session closed while they waited
            out.tell([client], p.encode(p.Error(hello.id, exc.code, exc.message)))
            out.closes.append(Close(client, CLOSE_NOT_ADMITTED, exc.message))
            self._tell_lobby(out)
            return out
        model.apply(self.state, event)
        public = p.encode(views.public_event(self.state, event))
        out.commit = Append(self.state.seq, event, public, token_hash=digest(token))
        out.lost = Output.say(client, COULD_NOT_HANDLE).sends
        out.tell(self.connections.values(), public, event=True)
        self._welcome(out, client, hello, str(event.actor), token, None)
        self._lens_soon(out)
        self._tell_lobby(out)
        return out

    def _reject(self, client: Client, request: p.Reject) -> Output:
        """Turn a newcomer away: told in their hello's answer, then closed (4004). Their
        client's same hello said again is refused while the server runs."""
        newcomer = self.lobby.take(request.waiting_id)
        if newcomer is None:
            raise p.ProtocolError("not_found", "nobody waits with that id")
        self.lobby.rejected.add(digest(newcomer.token))
        out = Output()
        error = p.Error(newcomer.hello.id, "not_admitted", "the facilitator did not admit you")
        out.tell([newcomer.client], p.encode(error))
        out.closes.append(Close(newcomer.client, CLOSE_NOT_ADMITTED, "not admitted"))
        self._tell_lobby(out)
        return out

    def _moderated(self, out: Output, event: model.Event) -> None:
        """What a moderation event does to connections: a removed participant is closed
        (4003); the facilitators see the lobby when it is switched on."""
        match event.data:
            case ParticipantRemoved(participant_id=pid):
                target = self.connections.pop(pid, None)
                self.online = None
                self.online_facilitators.discard(pid)
                if target is not None:
                    out.closes.append(Close(target, CLOSE_REMOVED, "removed by the facilitator"))
                    self._presence_soon(out)
            case AdmissionChanged():
                self._tell_lobby(out)
            case SessionClosed():
                # Nobody will admit them now: their hello is answered, not left hanging.
                for waiting_id in list(self.lobby.waiting):
                    newcomer = self.lobby.take(waiting_id)
                    assert newcomer is not None
                    error = p.Error(newcomer.hello.id, "session_closed", "the session closed")
                    out.tell([newcomer.client], p.encode(error))
                    out.closes.append(Close(newcomer.client, CLOSE_NOT_ADMITTED, "closed"))
                self._tell_lobby(out)
            case _:
                pass

    def _tell_lobby(self, out: Output) -> None:
        """The waiting list to the online facilitators, while it matters to them."""
        if self.state.admit or self.lobby.waiting or self.lobby.count:
            out.tell(self._facilitator_clients(), p.encode(self.lobby.view()))

    def _visitor_clients(self) -> list[Client]:
        """The visitors seated now; none without a scan of the room in a session that
        never had one (every open session)."""
        if not self.visitors:
            return []
        return [c for c, seated in self.seats.items() if seated.visitor]

    def _facilitator_clients(self) -> list[Client]:
        return [
            self.connections[pid] for pid in self.online_facilitators if pid in self.connections
        ]

    # --- timing --------------------------------------------------------------------

    def due(self, kind: Due) -> Output:
        """A timer the room asked for came due."""
        out = Output()
        match kind:
            case "presence":
                self.marks.presence_due = False
                out.tell(self.connections.values(), p.encode(self._presence()))
            case "lens":
                self._lens_now(out)
            case "admit":
                return self._admit_next()
            case _:
                assert_never(kind)
        return out

    def _presence(self) -> p.Presence:
        if self.online is None:
            self.online = sorted(self.connections, key=_id_order)
        return p.Presence(list(self.online))

    def _presence_soon(self, out: Output) -> None:
        """Tell the room who is online, soon: a burst of arrivals (a room of hundreds
        joining, or everyone resuming after a restart) costs one list, not one each."""
        if not self.marks.presence_due:
            self.marks.presence_due = True
            out.timers.append(Timer("presence", presence_delay(len(self.connections))))

    def _lens_soon(self, out: Output) -> None:
        """Something the lens reads changed: send it soon (coalesced), if anyone sees it."""
        if not self.marks.lens_due and self.online_facilitators:
            self.marks.lens_due = True
            out.timers.append(Timer("lens", LENS_DELAY))

    def _lens_now(self, out: Output) -> None:
        """The lens to the online facilitators, if it differs from what they last got."""
        self.marks.lens_due = False
        targets = [self.connections[pid] for pid in self.online_facilitators]
        if not targets:
            return
        text = p.encode(lens.lens(self.state, self.dismissed, self.threshold))
        if text != self.marks.lens_sent:
            self.marks.lens_sent = text
            out.tell(targets, text)

    # --- after a failed write --------------------------------------------------------

    def rebuilt(
        self,
        state: model.State,
        acks: dict[tuple[str, str], p.Ack],
        dismissed: set[str],
        lost: Output | None = None,
    ) -> None:
        """Take the state the log holds, after a write failed (`lost` is the output whose
        commit failed) or a bug. In place, so every connection's room stays valid; a
        client seated by the lost output leaves, and the marks are as they were before."""
        self.state, self.acks, self.dismissed = state, acks, dismissed
        for client, seat in list(self.seats.items()):
            pid = seat.participant.id
            if not seat.visitor and pid not in state.participants:
                del self.seats[client]
                self.connections.pop(pid, None)
                self.online = None
                self.online_facilitators.discard(pid)
        if lost is not None and lost.before is not None:
            self.marks = lost.before

    def abandon(self) -> Output:
        """Even the log could not be read: close every connection (1011) rather than
        serve from a state the log does not hold; the next hello loads the session."""
        out = Output()
        for client in self.connections.values():
            out.closes.append(Close(client, 1011, "the server must reload"))
        self.connections.clear()
        self.online = None
        self.online_facilitators.clear()  # or a lens timer still due would find nobody
        return out


def presence_delay(online: int) -> float:
    """How long presence waits after a change: longer in a big room (see PRESENCE_RATE),
    two seconds in a room of 1000, the shortest delay below 150."""
    return max(PRESENCE_DELAY, 8.0 * online * online / PRESENCE_RATE)


def _id_order(pid: str) -> tuple[int, str]:
    digits = pid[1:]
    return (int(digits) if digits.isdigit() else 0, pid)
