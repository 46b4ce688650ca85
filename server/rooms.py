"""The server's live sessions: created, loaded and replayed from the store, and found by
a connection's first frame.

A room decides everything inside one session; this is what comes before a connection has
one: the first frame (a hello or a lookup), the session it names, the participant a
resume token or a join id belongs to, failed guesses and new participants counted per
address. And a room rebuilt from its log when a write failed. It reads the store and
never writes to it (the hub commits what a room decides), and it never touches a socket.

Client ids grow with each connection the hub accepts, so of two connections the one with
the higher id was opened later.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime

import msgspec

from server import model, views
from server import protocol as p
from server.events import AdmissionChanged
from server.lens import DEFAULT_THRESHOLD
from server.limits import JoinGuard, JoinRate, retry_after
from server.room import Output, Room
from server.store import Store
from server.tokens import digest

log = logging.getLogger("kerne.rooms")

# Refusals that a guesser of codes, keys or tokens gets: counted against the address.
GUESSES = frozenset({"unknown_session", "bad_facilitator_key", "bad_resume_token"})


_stamp: tuple[int, str] = (-1, "")  # the last second stamped, and its text


def utc_now() -> str:
    """The time to the second, as events carry it. Formatted once a second: a busy
    server stamps thousands of commands a second, and strftime cost each one more than
    its rules did."""
    global _stamp
    second = int(time.time())
    if second != _stamp[0]:
        _stamp = (second, datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return _stamp[1]


def new_secret() -> str:
    """128 random bits, URL-safe: facilitator keys and resume tokens."""
    return secrets.token_urlsafe(16)


def join_token(code: str, join_id: str) -> str:
    """The resume token of the participant that a join id seats in session `code`.

    Derived, not drawn: a hello sent again with the same join id (its welcome was lost)
    finds its participant through the token's hash, which the store keeps anyway, after
    a restart too, and nothing more is stored. It is as secret as the join id, 128
    random bits that only the client knows, and has the shape of every other token.
    """
    raw = hashlib.sha256(f"kerne join token\n{code}\n{join_id}".encode()).digest()[:16]
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_code() -> str:
    """8 characters of Crockford base32: 40 bits, enough that guessing gets nowhere."""
    return "".join(secrets.choice(p.CROCKFORD) for _ in range(8))


def create_session(store: Store, info: model.SessionInfo, admit: bool = False) -> tuple[str, str]:
    """Add a session to the store; returns its code and facilitator key (shown once).
    With `admit`, newcomers wait to be admitted from the start (its first event)."""
    key = new_secret()
    while store.session(info.code) is not None or not info.code:
        info.code = new_code()
    store.create_session(info, digest(key), utc_now())
    if admit:
        start_admitting(store, model.new_state(info))
    return info.code, key


def start_admitting(store: Store, state: model.State) -> None:
    """Switch a session's lobby on before it is served (`--admit`): an event like the
    facilitator's own, without an actor, so a replay sees the same."""
    event = model.Event(None, AdmissionChanged(True), utc_now())
    model.apply(state, event)
    store.append(state.info.code, state.seq, event, p.encode(views.public_event(state, event)))


def _nowhere(code: str) -> int | None:
    """One process serves the whole database: no session is elsewhere."""
    return None


class Rooms:
    def __init__(self, store: Store, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        self.sessions: dict[str, Room] = {}
        self.join_guard = JoinGuard()
        self.join_rate = JoinRate()  # `kerne-server serve --join-rate` sets its own
        # Served in shards: the port of the process that holds a code this one lacks.
        self.elsewhere: Callable[[str], int | None] = _nowhere

    def load(self, code: str) -> Room | None:
        """The live session for a code, replaying its log from the store if needed."""
        room = self.sessions.get(code)
        if room is not None:
            return room
        stored = self.store.session(code)
        if stored is None:
            return None
        state, acks = self.replay(stored.info, code)
        dismissed = self.store.dismissed(code)
        room = Room(state, stored.key_hash, acks, dismissed, self.threshold)
        self.sessions[code] = room
        return room

    def replay(
        self, info: model.SessionInfo, code: str
    ) -> tuple[model.State, dict[tuple[str, str], p.Ack]]:
        """A session's state and remembered acks, rebuilt from its log (no side effects)."""
        state = model.new_state(info)
        acks: dict[tuple[str, str], p.Ack] = {}
        for row in self.store.events(code):
            model.apply(state, row.event)
            if row.command_id is not None and row.event.actor is not None:
                acks[(row.event.actor, row.command_id)] = p.Ack(
                    row.command_id, row.seq, row.item_id
                )
        return state, acks

    def load_open_sessions(self) -> int:
        """Rebuild every open session at start-up; closed ones load when asked for."""
        count = 0
        for code in self.store.session_codes():
            if not self.store.is_closed(code):
                self.load(code)
                count += 1
        return count

    def find(self, protocol: int, typed_code: str) -> Room:
        """The session a hello or lookup names, or the error that says why not."""
        if protocol != p.PROTOCOL_VERSION:
            raise p.ProtocolError("unsupported_protocol", "this server speaks protocol 1")
        code = p.normalize_code(typed_code)
        room = self.load(code) if code is not None else None
        if room is None:
            port = self.elsewhere(code) if code is not None else None
            if port is not None:
                # Still `unknown_session`: a v1 client (and discovery) asks the next server.
                message = f"this session is served on port {port} of this server"
                raise p.ProtocolError("unknown_session", message, port=port)
            raise p.ProtocolError("unknown_session", "no session has that code")
        return room

    def pointer(self, code: str, address: str, monotonic: float) -> int | None:
        """For a page request (a phone sent to the wrong shard's address): the port of the
        shard that holds `code`, None for a session here. Guarded as a hello is: a slowed
        address is not answered, and a code that no shard holds counts as a failed join,
        so the redirect is no free test of which codes exist."""
        if code in self.sessions or self.store.session(code) is not None:
            return None
        if self.join_guard.admit(address, monotonic) is not None:
            return None  # the page is served; its own lookup is then refused
        port = self.elsewhere(code)
        if port is None:
            self.join_guard.failed(address, monotonic)
        return port

    def hello(
        self, client: int, address: str, frame: str | bytes, now: str, monotonic: float
    ) -> tuple[Room | None, Output]:
        """A connection's first frame: the room it is now seated in (None after a lookup
        or a refusal) and what to do. `monotonic` times the failed guesses and the new
        participants from `address`."""
        hello_id: str | None = None
        try:
            raw = p.parse_frame(frame)
            hello_id = p.peek_id(raw)
            if raw["type"] not in ("hello", "lookup"):
                raise p.ProtocolError("hello_required", "the first message must be a hello")
            wait = self.join_guard.admit(address, monotonic)
            if wait is not None:
                raise p.ProtocolError(
                    "rate_limited", "too many failed joins from here", retry_after(wait)
                )
            if raw["type"] == "lookup":
                lookup = p.decode_request(raw, p.Lookup)
                return None, self.find(lookup.protocol, lookup.code).lookup(client, lookup)
            hello = p.decode_hello(raw)
            room = self.find(hello.protocol, hello.code)
            return room, self._seat(room, client, address, hello, now, monotonic)
        except p.ProtocolError as exc:
            if exc.code in GUESSES and exc.port is None:
                # Pointed to the shard that has the code: not a guess, an honest client
                # on its way (a guesser learns nothing a hello at that port would not).
                self.join_guard.failed(address, monotonic)
            echo = hello_id or exc.command_id
            error = p.Error(echo, exc.code, exc.message, exc.retry_after, exc.port)
            return None, Output.say(client, error)
        except model.DomainError as exc:
            return None, Output.say(client, p.Error(hello_id, exc.code, exc.message))

    def _seat(
        self, room: Room, client: int, address: str, hello: p.Hello, now: str, monotonic: float
    ) -> Output:
        """A hello for `room`: a resume (by token, or by a join id already seated), never
        limited, or a new participant within the join rate of `address`."""
        resumed, missed, token = None, None, new_secret()
        if hello.resume_token:
            resumed = self.store.participant_by_token(room.code, digest(hello.resume_token))
            after = room.catch_up_from(hello.last_seq)
            if resumed is not None and after is not None:
                missed = [row.public for row in self.store.events(room.code, after)]
        elif hello.join_id:
            token = join_token(room.code, hello.join_id)
            resumed = self.store.participant_by_token(room.code, digest(token))
            if resumed is not None:  # the same hello again: its welcome was lost
                hello = msgspec.structs.replace(hello, resume_token=token, last_seq=0)
        holder = room.connections.get(resumed) if resumed is not None else None
        if holder is not None and holder > client:
            # A hello that waited on a connection its client has given up: seating it
            # would close (4000) the newer one the client uses now.
            raise p.ProtocolError("invalid_state", "a newer connection holds this seat")
        # The same hello said again while it waits in the lobby (its connection dropped)
        # is the same newcomer: it was counted when it first came.
        again = hello.join_id is not None and room.lobby.same(token) is not None
        if not hello.resume_token and not room.state.closed and not again:
            wait = self.join_rate.admit(address, monotonic)
            if wait is not None:
                raise p.ProtocolError(
                    "rate_limited", "too many new participants from here", retry_after(wait)
                )
        out = room.hello(client, hello, resumed, token, now, missed)
        if not again and (out.commit is not None or room.lobby.holds(client)):
            # Waiting in the lobby counts as a join: else a script could fill the list.
            self.join_rate.joined(address, monotonic)
        return out

    def reload(self, room: Room, lost: Output | None = None) -> Output:
        """After a failed write (`lost`) or a bug the state in memory may be ahead of the
        log: rebuild the room from it in place. If even that fails, the room is dropped
        (loaded afresh on the next hello) and its connections are closed."""
        out = Output()
        try:
            state, acks = self.replay(room.state.info, room.code)
            room.rebuilt(state, acks, self.store.dismissed(room.code), lost)
        except Exception:
            log.exception("could not rebuild session %s; closing its connections", room.code)
            self.sessions.pop(room.code, None)
            out = room.abandon()
        if lost is not None:
            out.sends += lost.lost
        return out
