"""The websockets endpoint: hello and resume, commands, acks, broadcast and presence.

The hub only decodes, calls the core, stores, acks and broadcasts. Everything it says to
a client goes out through `websockets.broadcast`, which writes without awaiting, so the
order of messages is exactly the order of the code: a resumed client gets its welcome
and its missed events before anything newer, whatever else is going on.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from websockets import broadcast
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State

from server import archive, export, lens, model, views
from server import protocol as p
from server.limits import CONNECTIONS_PER_ADDRESS, JoinGuard, TokenBucket
from server.store import Store, digest

log = logging.getLogger("kerne.hub")

# A client whose unsent output passes this is not reading: it is cut off rather than
# allowed to hold the server's memory (see websockets issue #1527 on stalled closes).
MAX_WRITE_BUFFER = 4 * 1024 * 1024
CLOSE_REPLACED = 4000
# A client further behind than this gets a snapshot instead of the missed events: one
# frame of them could pass the write bound and be cut, again at every retry.
MAX_CATCH_UP = 2000
# The watchdog's round: a connection found closing twice in a row (so for at least this
# long) is cut, and a buffer past the bound is cut even when nothing is being sent.
WATCHDOG_SECONDS = 5.0
# A reader's unsent output above this that does not shrink for a whole round means it
# has stopped reading (websockets stops writing to it at 32 KiB).
STALLED_BACKLOG = 16 * 1024


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_secret() -> str:
    """128 random bits, URL-safe: facilitator keys and resume tokens."""
    return secrets.token_urlsafe(16)


def new_code() -> str:
    """8 characters of Crockford base32: 40 bits, enough that guessing gets nowhere."""
    return "".join(secrets.choice(p.CROCKFORD) for _ in range(8))


@dataclass
class Live:
    """A loaded session: its state, its log's acks and who is connected now."""

    state: model.State
    key_hash: str
    acks: dict[tuple[str, str], p.Ack] = field(default_factory=dict)
    connections: dict[str, ServerConnection] = field(default_factory=dict)
    ephemeral: int = 0
    dismissed: set[str] = field(default_factory=set)
    lens_sent: str = ""
    lens_due: bool = False
    presence_due: bool = False
    online_facilitators: set[str] = field(default_factory=set)

    @property
    def code(self) -> str:
        return self.state.info.code


@dataclass
class Client:
    """One connection's place in a session, once its hello succeeded."""

    live: Live
    participant: p.ParticipantView


def create_session(store: Store, info: model.SessionInfo) -> tuple[str, str]:
    """Add a session to the store; returns its code and facilitator key (shown once)."""
    key = new_secret()
    while store.session(info.code) is not None or not info.code:
        info.code = new_code()
    store.create_session(info, digest(key), utc_now())
    return info.code, key


# Presence goes to the room at most this often per session.
PRESENCE_DELAY = 0.05
# The lens is recomputed at most this often per session: it is facilitator-only
# information, and a burst of tags from a full room must not cost a recount each.
LENS_DELAY = 0.3


class Hub:
    def __init__(
        self,
        store: Store,
        clock: Callable[[], str] = utc_now,
        threshold: float = lens.DEFAULT_THRESHOLD,
    ) -> None:
        self.store = store
        self.clock = clock
        self.threshold = threshold
        self.sessions: dict[str, Live] = {}
        self.join_guard = JoinGuard()
        self.per_address: dict[str, int] = {}
        self.background: set[asyncio.Task[None]] = set()
        self.open: set[ServerConnection] = set()  # every handler's connection, for the watchdog
        self.over_bound: dict[ServerConnection, int] = {}  # backlog past the bound, last seen

    # --- loading -------------------------------------------------------------------

    def load(self, code: str) -> Live | None:
        """The live session for a code, replaying its log from the store if needed."""
        live = self.sessions.get(code)
        if live is not None:
            return live
        stored = self.store.session(code)
        if stored is None:
            return None
        state, acks = self.replay(stored.info, code)
        live = Live(state, stored.key_hash, acks, dismissed=self.store.dismissed(code))
        self.sessions[code] = live
        return live

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

    # --- sending -------------------------------------------------------------------

    def send(self, ws: ServerConnection, message: Any) -> None:
        self.send_text([ws], p.encode(message))

    def send_text(self, targets: Iterable[ServerConnection], text: str) -> None:
        """Write to each target at once. One whose unsent output is past the bound and
        has not shrunk since the last write is not reading: it is cut instead. (A big
        welcome to a reader that reads passes the bound for a moment; that is fine.)"""
        ready = []
        for ws in targets:
            transport = ws.transport
            size = transport.get_write_buffer_size() if transport is not None else 0
            if transport is not None and size > MAX_WRITE_BUFFER:
                if size >= self.over_bound.get(ws, size + 1):
                    log.warning("aborting a connection that does not read")
                    transport.abort()
                    continue
                self.over_bound[ws] = size
            else:
                self.over_bound.pop(ws, None)
            ready.append(ws)
        broadcast(ready, text)

    # --- the watchdog ----------------------------------------------------------------

    async def watchdog(self) -> None:
        """Cut connections that hold memory without progress: a write buffer past the
        bound, or a close that has not finished within a round (a peer that never reads
        can keep a closing connection registered; websockets issue #1527)."""
        closing: set[ServerConnection] = set()
        backlog: dict[ServerConnection, int] = {}
        while True:
            await asyncio.sleep(WATCHDOG_SECONDS)
            still: set[ServerConnection] = set()
            waiting: dict[ServerConnection, int] = {}
            for ws in list(self.open):
                transport = ws.transport
                if transport is None:
                    continue
                size = transport.get_write_buffer_size()
                stuck = ws.state in (State.CLOSING, State.CLOSED) or transport.is_closing()
                # A backlog that did not shrink in a whole round: the peer is not reading
                # (websockets' own ping then waits on the drain and never times out).
                stalled = size > STALLED_BACKLOG and size >= backlog.get(ws, size + 1)
                if size > MAX_WRITE_BUFFER or stalled or (stuck and ws in closing):
                    log.warning("watchdog: cutting a connection that makes no progress")
                    transport.abort()
                    continue
                if stuck:
                    still.add(ws)
                if size > STALLED_BACKLOG:
                    waiting[ws] = size
            closing, backlog = still, waiting

    # --- the facilitator's lens ----------------------------------------------------

    def facilitators(self, live: Live) -> list[ServerConnection]:
        """Kept as a set at welcome and goodbye: no scan of the room per command."""
        return [live.connections[pid] for pid in live.online_facilitators]

    def lens_changed(self, live: Live) -> None:
        """Something the lens reads changed: send it soon (coalesced), if anyone sees it."""
        if live.lens_due or not self.facilitators(live):
            return
        live.lens_due = True
        asyncio.get_running_loop().call_later(LENS_DELAY, self.send_lens, live, False)

    def send_lens(self, live: Live, force: bool) -> None:
        live.lens_due = False
        targets = self.facilitators(live)
        if not targets:
            return
        text = p.encode(lens.lens(live.state, live.dismissed, self.threshold))
        if force or text != live.lens_sent:
            live.lens_sent = text
            self.send_text(targets, text)

    def dismiss(self, live: Live, client: Client, dismissal: p.DismissSuggestion) -> None:
        if client.participant.role != "facilitator":
            raise p.ProtocolError("forbidden", "only the facilitator sees the lens")
        self.store.dismiss(live.code, dismissal.suggestion_id)
        live.dismissed.add(dismissal.suggestion_id)
        self.send_lens(live, False)

    def presence(self, live: Live) -> None:
        """Tell the room who is online, soon: a burst of arrivals (a room of hundreds
        joining, or everyone resuming after a restart) costs one list, not one each."""
        if live.presence_due:
            return
        live.presence_due = True
        asyncio.get_running_loop().call_later(PRESENCE_DELAY, self.send_presence, live)

    def send_presence(self, live: Live) -> None:
        live.presence_due = False
        online = p.Presence(sorted(live.connections, key=_id_order))
        self.send_text(live.connections.values(), p.encode(online))

    # --- the connection ------------------------------------------------------------

    async def handler(self, ws: ServerConnection) -> None:
        address = _address(ws)
        self.per_address[address] = self.per_address.get(address, 0) + 1
        self.open.add(ws)
        client: Client | None = None
        bucket = TokenBucket()
        try:
            async for frame in ws:
                try:
                    wait = bucket.take(time.monotonic())
                    if wait is not None:
                        # Every frame counts, garbage and hellos too: a flood is a flood.
                        # The id is echoed so that the client can send it again later.
                        self.send(
                            ws, p.Error(_id_of(frame), "rate_limited", "slow down", round(wait, 3))
                        )
                    elif client is None:
                        client = self.on_hello(ws, address, frame)
                    else:
                        self.on_command(ws, client, frame)
                except Exception:
                    # A bug of ours must cost one message, not the connection or the
                    # session: say so, and rebuild the session from its log.
                    log.exception("unexpected failure handling a message")
                    if client is not None:
                        self.reload(client.live)
                    self.send(ws, p.Error(None, "invalid", "the server could not handle that"))
                if bucket.flooding:
                    await ws.close(1008, "too many commands")
                    break
        except ConnectionClosed:
            pass
        finally:
            self.open.discard(ws)
            self.over_bound.pop(ws, None)
            self.per_address[address] -= 1
            if not self.per_address[address]:
                del self.per_address[address]
            if client is not None:
                live = client.live
                if live.connections.get(client.participant.id) is ws:
                    del live.connections[client.participant.id]
                    live.online_facilitators.discard(client.participant.id)
                    self.presence(live)

    def process_request(self, ws: ServerConnection, request: Request) -> Response | None:
        """Refuse a connection only past a cap that a whole room behind one NAT is under."""
        address = _address(ws)
        if self.per_address.get(address, 0) >= CONNECTIONS_PER_ADDRESS:
            return ws.respond(HTTPStatus.SERVICE_UNAVAILABLE, "too many connections\n")
        return None

    # --- hello ---------------------------------------------------------------------

    def on_hello(self, ws: ServerConnection, address: str, frame: str | bytes) -> Client | None:
        hello_id: str | None = None
        try:
            raw = p.parse_frame(frame)
            hello_id = p.peek_id(raw)
            if raw["type"] not in ("hello", "lookup"):
                raise p.ProtocolError("hello_required", "the first message must be a hello")
            wait = self.join_guard.admit(address, time.monotonic())
            if wait is not None:
                raise p.ProtocolError(
                    "rate_limited", "too many failed joins from here", round(wait, 3)
                )
            if raw["type"] == "lookup":
                self.lookup(ws, address, p.decode_request(raw, p.Lookup))
                return None
            hello = p.decode_hello(raw)
            try:
                return self.join(ws, hello)
            except p.ProtocolError as exc:
                if exc.code in ("unknown_session", "bad_facilitator_key", "bad_resume_token"):
                    self.join_guard.failed(address, time.monotonic())
                raise
        except p.ProtocolError as exc:
            echo = hello_id or exc.command_id
            self.send(ws, p.Error(echo, exc.code, exc.message, exc.retry_after))
        except model.DomainError as exc:
            self.send(ws, p.Error(hello_id, exc.code, exc.message))
        return None

    def find(self, protocol: int, typed_code: str) -> Live:
        """The session a hello or lookup names, or the error that says why not."""
        if protocol != p.PROTOCOL_VERSION:
            raise p.ProtocolError("unsupported_protocol", "this server speaks protocol 1")
        code = p.normalize_code(typed_code)
        live = self.load(code) if code is not None else None
        if live is None:
            raise p.ProtocolError("unknown_session", "no session has that code")
        return live

    def lookup(self, ws: ServerConnection, address: str, lookup: p.Lookup) -> None:
        try:
            live = self.find(lookup.protocol, lookup.code)
        except p.ProtocolError as exc:
            if exc.code == "unknown_session":
                self.join_guard.failed(address, time.monotonic())
            raise
        info = live.state.info
        answer = p.SessionInfo(
            lookup.id,
            p.format_code(info.code),
            info.title,
            info.level,
            info.parent_task,
            list(info.professions),
            info.anonymous,
            live.state.closed,
        )
        self.send(ws, answer)

    def join(self, ws: ServerConnection, hello: p.Hello) -> Client:
        live = self.find(hello.protocol, hello.code)
        if hello.resume_token:
            return self.resume(ws, live, hello)
        if hello.role == "facilitator":
            key = hello.facilitator_key or ""
            if not hmac.compare_digest(digest(key), live.key_hash):
                raise p.ProtocolError("bad_facilitator_key", "that facilitator key is wrong")
        if live.state.closed and hello.role != "participant":
            return self.welcome_visitor(ws, live, hello)
        now = self.clock()
        event = model.join(
            live.state,
            name=hello.name,
            profession=hello.profession,
            role=hello.role,
            votes=hello.votes,
            now=now,
        )
        token = new_secret()
        model.apply(live.state, event)
        public = p.encode(views.public_event(live.state, event))
        try:
            self.store.append(live.code, live.state.seq, event, public, token_hash=digest(token))
        except Exception:
            self.reload(live)
            raise
        pid = str(event.actor)
        others = list(live.connections.values())
        self.send_text(others, public)
        client = self.welcome(ws, live, hello, pid, token, None)
        self.lens_changed(live)
        return client

    def resume(self, ws: ServerConnection, live: Live, hello: p.Hello) -> Client:
        pid = self.store.participant_by_token(live.code, digest(hello.resume_token or ""))
        if pid is None or pid not in live.state.participants:
            raise p.ProtocolError("bad_resume_token", "that resume token is not known here")
        return self.welcome(ws, live, hello, pid, hello.resume_token, hello.last_seq)

    def welcome(
        self,
        ws: ServerConnection,
        live: Live,
        hello: p.Hello,
        pid: str,
        token: str | None,
        last_seq: int | None,
    ) -> Client:
        state = live.state
        participant = views.participant_view(state.participants[pid])
        missed: list[str] = []
        snapshot: p.Snapshot | None = None
        if (
            last_seq is not None
            and 1 <= last_seq <= state.seq
            and (state.seq - last_seq <= MAX_CATCH_UP)
        ):
            missed = [row.public for row in self.store.events(live.code, after=last_seq)]
        else:
            snapshot = views.snapshot(state, pid)
        welcome = p.Welcome(
            hello.id,
            p.PROTOCOL_VERSION,
            participant,
            token,
            state.seq,
            snapshot,
            views.mine(state, pid),
        )
        older = live.connections.get(pid)
        if older is not None and older is not ws:
            task = asyncio.create_task(
                older.close(CLOSE_REPLACED, "replaced by a newer connection")
            )
            self.background.add(task)
            task.add_done_callback(self.background.discard)
        live.connections[pid] = ws
        self.send(ws, welcome)
        if missed:
            self.send_text([ws], '{"type":"events","events":[' + ",".join(missed) + "]}")
        # The newcomer hears who is here at once; the room, with the next presence round.
        self.send(ws, p.Presence(sorted(live.connections, key=_id_order)))
        self.presence(live)
        if participant.role == "facilitator":
            live.online_facilitators.add(pid)
        if participant.role == "facilitator":
            self.send_text([ws], p.encode(lens.lens(state, live.dismissed, self.threshold)))
        return Client(live, participant)

    def welcome_visitor(self, ws: ServerConnection, live: Live, hello: p.Hello) -> Client:
        """A facilitator or observer looking at a closed session: read-only, unrecorded."""
        live.ephemeral += 1
        participant = p.ParticipantView(
            f"v{live.ephemeral}", hello.name or "", hello.profession, hello.role, False
        )
        state = live.state
        welcome = p.Welcome(
            hello.id,
            p.PROTOCOL_VERSION,
            participant,
            None,
            state.seq,
            views.snapshot(state, None),
            p.Mine(),
        )
        self.send(ws, welcome)
        return Client(live, participant)

    def reload(self, live: Live) -> None:
        """After a failed write the state in memory may be ahead of the log: rebuild it
        in place, so every connection's reference to this session stays valid. If even
        that fails, the session's connections are closed (1011) and it is loaded afresh
        on the next hello, rather than serving from a state the log does not hold."""
        try:
            live.state, live.acks = self.replay(live.state.info, live.code)
        except Exception:
            log.exception("could not rebuild session %s; closing its connections", live.code)
            self.sessions.pop(live.code, None)
            for ws in list(live.connections.values()):
                task = asyncio.create_task(ws.close(1011, "the server must reload"))
                self.background.add(task)
                task.add_done_callback(self.background.discard)
            live.connections.clear()

    # --- commands ------------------------------------------------------------------

    def on_command(self, ws: ServerConnection, client: Client, frame: str | bytes) -> None:
        command_id: str | None = None
        try:
            raw = p.parse_frame(frame)
            command_id = p.peek_id(raw)
            live = client.live
            pid = client.participant.id
            if not pid.startswith("v") and live.connections.get(pid) is not ws:
                # A newer connection replaced this one (4000): what was still queued here
                # is not done, or its ack would go to a socket nobody reads.
                return
            if raw["type"] == "export":
                self.start_export(ws, client, p.decode_request(raw, p.Export))
                return
            if raw["type"] == "dismiss_suggestion":
                self.dismiss(live, client, p.decode_request(raw, p.DismissSuggestion))
                return
            if command_id is not None:
                done = live.acks.get((pid, command_id))
                if done is not None and raw.get("type") != "hello":
                    self.send(ws, done)  # exactly once: the same ack, nothing applied again
                    return
            command = p.decode_command(raw)
            self.execute(ws, live, pid, command)
        except p.ProtocolError as exc:
            echo = command_id or exc.command_id
            self.send(ws, p.Error(echo, exc.code, exc.message, exc.retry_after))
        except model.DomainError as exc:
            self.send(ws, p.Error(command_id, exc.code, exc.message))

    def start_export(self, ws: ServerConnection, client: Client, request: p.Export) -> None:
        """Render the export off the event loop, so the room never waits for a file."""
        if client.participant.role != "facilitator":
            raise p.ProtocolError("forbidden", "only the facilitator may export")
        task = asyncio.create_task(self.export(ws, client.live.code, request))
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    async def export(self, ws: ServerConnection, code: str, request: p.Export) -> None:
        try:
            data = await asyncio.to_thread(render_export, self.store.path, code, request)
        except Exception:
            log.exception("export of %s failed", code)
            self.send(ws, p.Error(request.id, "invalid_state", "the export could not be made"))
            return
        self.send(ws, data)

    def execute(self, ws: ServerConnection, live: Live, pid: str, command: p.Command) -> None:
        """decide -> apply -> commit -> ack -> broadcast; nothing is said before commit."""
        if pid.startswith("v"):
            raise model.DomainError("session_closed", "the session is closed; it is read-only")
        event = model.decide(live.state, pid, command, self.clock())
        model.apply(live.state, event)
        seq = live.state.seq
        public = p.encode(views.public_event(live.state, event))
        item_id = model.item_id(event)
        try:
            self.store.append(live.code, seq, event, public, command.id, item_id)
        except Exception:
            log.exception("could not store an event; rebuilding session %s", live.code)
            self.reload(live)
            raise model.DomainError("invalid_state", "the server could not store that") from None
        ack = p.Ack(command.id, seq, item_id)
        live.acks[(pid, command.id)] = ack
        self.send(ws, ack)
        self.send_text(live.connections.values(), public)
        self.lens_changed(live)
        draft_id, voters = model.released(event)
        for voter in voters:
            target = live.connections.get(voter)
            if target is not None:
                self.send(target, p.Notice("votes_released", draft_id))


def render_export(path: Path | str, code: str, request: p.Export) -> p.ExportData:
    """One export, read through its own connection (this runs in a worker thread)."""
    store = Store(path)
    try:
        session_log = archive.load_log(store, code)
    finally:
        store.close()
    if session_log is None:  # pragma: no cover - the session is live, so it is stored
        raise ValueError(f"no session {code}")
    content = export.render(session_log, request.format, request.lang)
    suffix = "zip" if request.format == "csv" else request.format
    filename = f"kerne-{p.format_code(code)}.{suffix}"
    if request.format == "csv":
        return p.ExportData(
            request.id, request.format, filename, "base64", base64.b64encode(content).decode()
        )
    return p.ExportData(request.id, request.format, filename, "utf-8", content.decode())


def _address(ws: ServerConnection) -> str:
    """The peer's IP address: what the per-address limits count."""
    return str(ws.remote_address[0]) if ws.remote_address else "?"


def _id_of(frame: str | bytes) -> str | None:
    try:
        return p.peek_id(p.parse_frame(frame))
    except p.ProtocolError as exc:
        return exc.command_id


def _id_order(pid: str) -> tuple[int, str]:
    digits = pid[1:]
    return (int(digits) if digits.isdigit() else 0, pid)


async def start(hub: Hub, host: str, port: int, **options: Any) -> Server:
    """Listen; the caller owns the returned server (close it, or serve it forever).
    The hub's watchdog runs as long as the server does."""
    server = await serve(
        hub.handler,
        host,
        port,
        max_size=p.MAX_MESSAGE_BYTES,
        max_queue=16,
        # No permessage-deflate: its state costs ~33 KB per connection and half the CPU
        # of every delivery (docs/benchmarks.md), for events of a few hundred bytes.
        compression=None,
        open_timeout=10,
        ping_interval=20,
        ping_timeout=20,
        # A peer that never answers our close must not hold a shutdown for long.
        close_timeout=3,
        process_request=hub.process_request,
        **options,
    )
    watchdog = asyncio.create_task(hub.watchdog())
    closed = asyncio.ensure_future(server.wait_closed())
    closed.add_done_callback(lambda _: watchdog.cancel())
    hub.background.update({watchdog, closed})
    return server
