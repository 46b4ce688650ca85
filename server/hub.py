"""The websockets endpoint: sockets, the event loop, timers, and the store's writes.

What happens in a session is decided by its room (`server.room`, no I/O); the hub carries
it out: the commit to the store first, and only once it is stored anything said. Frames
go out through `websockets.broadcast`, which writes without awaiting, so each connection
gets them in exactly the order the room produced them.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable, Coroutine, Iterable
from http import HTTPStatus
from typing import Any, assert_never

from websockets import broadcast
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State

from server import lens, room
from server import protocol as p
from server.exporting import render_export
from server.limits import CONNECTIONS_PER_ADDRESS, TokenBucket
from server.pages import Pages, is_upgrade
from server.rooms import Rooms, utc_now

# Where the CLI, the tests and the benchmarks import them from:
from server.rooms import create_session as create_session
from server.rooms import new_secret as new_secret
from server.store import Store

log = logging.getLogger("kerne.hub")

# A client whose unsent output passes this is not reading: it is cut off rather than
# allowed to hold the server's memory (see websockets issue #1527 on stalled closes).
MAX_WRITE_BUFFER = 4 * 1024 * 1024
# The watchdog's round: a connection found closing twice in a row (so for at least this
# long) is cut, and a buffer past the bound is cut even when nothing is being sent.
WATCHDOG_SECONDS = 5.0
# A reader's unsent output above this that does not shrink for a whole round means it
# has stopped reading (websockets stops writing to it at 32 KiB).
STALLED_BACKLOG = 16 * 1024


class Hub:
    def __init__(
        self,
        store: Store,
        clock: Callable[[], str] = utc_now,
        threshold: float = lens.DEFAULT_THRESHOLD,
    ) -> None:
        self.store = store
        self.clock = clock
        self.rooms = Rooms(store, threshold)
        # The live rooms by code, and loading them, as the CLI and the tests see them.
        self.sessions = self.rooms.sessions
        self.load, self.load_open_sessions = self.rooms.load, self.rooms.load_open_sessions
        self.per_address: dict[str, int] = {}
        self.background: set[asyncio.Task[None]] = set()
        self.sockets: dict[int, ServerConnection] = {}  # every handler's, by client id
        self.over_bound: dict[ServerConnection, int] = {}  # backlog past the bound, last seen
        self.client_ids = itertools.count(1)
        self.pages = Pages()  # the web page on the same port (serving sets its address)

    def deliver(self, live: room.Room, out: room.Output) -> bool:
        """Commit, then say, then start the timers and the export. If the commit fails,
        the room is rebuilt from the log and says what it says then; returns False."""
        if out.commit is not None:
            try:
                self.commit(live.code, out.commit)
            except Exception:
                log.exception("could not store; rebuilding session %s", live.code)
                self.say(self.rooms.reload(live, lost=out))
                return False
        self.say(out)
        for timer in out.timers:
            asyncio.get_running_loop().call_later(timer.delay, self.due, live, timer.kind)
        if out.export is not None:
            self.spawn(self.export(out.export.client, live.code, out.export.request))
        return True

    def commit(self, code: str, commit: room.Commit) -> None:
        match commit:
            case room.Append(seq, event, public, command_id, item_id, token_hash):
                self.store.append(code, seq, event, public, command_id, item_id, token_hash)
            case room.Dismissal(suggestion_id):
                self.store.dismiss(code, suggestion_id)
            case _:
                assert_never(commit)

    def say(self, out: room.Output) -> None:
        """Each frame to its clients, in the order the room produced them."""
        for send in out.sends:
            self.send_text([self.sockets[c] for c in send.to if c in self.sockets], send.frame)
        for close in out.closes:
            if close.client in self.sockets:
                self.spawn(self.sockets[close.client].close(close.code, close.reason))

    def due(self, live: room.Room, kind: room.Due) -> None:
        self.deliver(live, live.due(kind))

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

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
            for ws in list(self.sockets.values()):
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

    async def handler(self, ws: ServerConnection) -> None:
        address = _address(ws)
        self.per_address[address] = self.per_address.get(address, 0) + 1
        client = next(self.client_ids)
        self.sockets[client] = ws
        live: room.Room | None = None
        bucket = TokenBucket()
        try:
            async for frame in ws:
                try:
                    wait = bucket.take(time.monotonic())
                    if wait is not None:  # every frame counts, garbage and hellos too
                        self.send_text([ws], room.slow_down(frame, wait))
                    elif live is None:
                        now = self.clock()
                        found, out = self.rooms.hello(client, address, frame, now, time.monotonic())
                        if found is None:
                            self.say(out)  # a lookup or a refusal: nothing stored, no room
                        elif self.deliver(found, out):
                            live = found
                    else:
                        self.deliver(live, live.receive(client, frame, self.clock()))
                except Exception:
                    # A bug of ours must cost one message, not the connection or the
                    # session: say so, and rebuild the session from its log.
                    log.exception("unexpected failure handling a message")
                    if live is not None:
                        self.say(self.rooms.reload(live))
                    self.send_text([ws], p.encode(room.COULD_NOT_HANDLE))
                if bucket.flooding:
                    await ws.close(1008, "too many commands")
                    break
        except ConnectionClosed:
            pass
        finally:
            del self.sockets[client]
            self.over_bound.pop(ws, None)
            self.per_address[address] -= 1
            if not self.per_address[address]:
                del self.per_address[address]
            if live is not None:
                self.deliver(live, live.leave(client))

    def process_request(self, ws: ServerConnection, request: Request) -> Response | None:
        """A plain HTTP request gets the web page and its files; an upgrade, on any path,
        opens the WebSocket. Refuse a connection only past a cap that a whole room behind
        one NAT is under."""
        if not is_upgrade(request):
            return self.pages.answer(request)
        if self.per_address.get(_address(ws), 0) >= CONNECTIONS_PER_ADDRESS:
            return ws.respond(HTTPStatus.SERVICE_UNAVAILABLE, "too many connections\n")
        return None

    async def export(self, client: int, code: str, request: p.Export) -> None:
        """Render the export off the event loop, so the room never waits for a file."""
        data: p.ExportData | p.Error
        try:
            data = await asyncio.to_thread(render_export, self.store.path, code, request)
        except Exception:
            log.exception("export of %s failed", code)
            data = p.Error(request.id, "invalid_state", "the export could not be made")
        if client in self.sockets:
            self.send_text([self.sockets[client]], p.encode(data))


def _address(ws: ServerConnection) -> str:
    """The peer's IP address: what the per-address limits count."""
    return str(ws.remote_address[0]) if ws.remote_address else "?"


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
