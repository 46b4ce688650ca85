"""The websockets endpoint: sockets, the event loop, timers, and the store's writes.

What happens in a session is decided by its room (`server.room`, no I/O); the hub carries
it out: the commit to the store first, and only once it is stored anything said. The
events of one turn of the loop (20 ms under load) are appended into one transaction and
committed together at the flush, just before the outbox leaves (`Hub.save`); if that
commit fails, nothing of it is said (`Hub.lose_unsaved`). What is
said goes into one ordered outbox (`server.outbox`), which the hub flushes on the next
turn of the loop, or at most every 20 ms under load: per connection in exactly the order
the rooms produced it, consecutive events joined into one frame, each distinct frame
encoded and framed once and written to every connection that gets it, without awaiting
(as `websockets.broadcast` does, see `Hub.write`).

Memory: every connection's unsent output counts against one budget (`server.budget`);
past it, the connections furthest behind are cut first, with 4001, until the rest fit.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
import struct
import time
from collections.abc import Callable, Coroutine, Iterable
from http import HTTPStatus
from typing import Any, assert_never

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.protocol import State

from server import lens, model, room
from server import protocol as p
from server.budget import Budget
from server.events import DraftFinalized, DraftRevised, DraftWithdrawn, ItemRemoved
from server.exporting import render_export
from server.limits import CONNECTIONS_PER_ADDRESS, LISTEN_BACKLOG, TokenBucket
from server.outbox import Outbox, flush_delay
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
# What the kernel may hold of a connection's output (it doubles this): the rest waits in
# asyncio's buffers, where the budget (server.budget) sees it. Left to itself, Linux
# lets a connection's send buffer grow to 4 MB (loopback), which no budget here could
# see: 800 readers that stopped would hold 3 GB of the machine's memory.
SEND_BUFFER = 64 * 1024


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
        self.outbox = Outbox()
        # The rooms that appended to the log since the last flush: their events are
        # committed together at the flush, before any of them is said (see `save`).
        self.unsaved: dict[str, room.Room] = {}
        self.flush_due = False
        self.last_flush = float("-inf")
        self.budget = Budget(self.spawn)
        self.pages = Pages()  # the web page on the same port (serving sets its address)

    def deliver(self, live: room.Room, out: room.Output) -> bool:
        """Commit, then say, then start the timers and the export. If the commit fails,
        the room is rebuilt from the log and says what it says then; returns False."""
        if out.commit is not None:
            try:
                self.commit(live.code, out.commit)
            except Exception:
                log.exception("could not store; rebuilding session %s", live.code)
                if self.unsaved and not self.store.conn.in_transaction:
                    self.lose_unsaved()  # the failure took the turn's other events along
                self.say(self.rooms.reload(live, lost=out))
                return False
            if isinstance(out.commit, room.Append):
                self.unsaved[live.code] = live
        self.say(out)
        if isinstance(out.commit, room.Append) and _may_change_the_task(out.commit.event):
            self.keep_children_in_step(live)
        for timer in out.timers:
            asyncio.get_running_loop().call_later(timer.delay, self.due, live, timer.kind)
        if out.export is not None and self.save():  # the export reads what is committed
            self.spawn(self.export(out.export.client, live.code, out.export.request))
        return True

    def keep_children_in_step(self, parent: room.Room) -> None:
        """The sessions on the level below take this one's chosen core task as their task
        above, whenever it changes; closed ones keep the task they were held under."""
        chosen = next((d.text for d in parent.state.drafts.values() if d.final), None)
        for stored in self.store.linked("parent", parent.code):
            child = self.rooms.load(stored.info.code)
            if child is None or child.state.closed:
                continue
            if child.state.info.parent_task != chosen:
                self.deliver(child, child.parent_changed(chosen, self.clock()))

    def commit(self, code: str, commit: room.Commit) -> None:
        match commit:
            case room.Append(seq, event, public, command_id, item_id, token_hash):
                self.store.hold()
                self.store.append(code, seq, event, public, command_id, item_id, token_hash)
            case room.Dismissal(suggestion_id):
                self.store.dismiss(code, suggestion_id)
            case _:
                assert_never(commit)

    def say(self, out: room.Output) -> None:
        """Each frame to its clients, then the closes, in the order the room produced
        them: into the outbox, which leaves at the next flush."""
        self.outbox.put_all(out.sends)
        for close in out.closes:
            self.outbox.close(close)
        self.flush_soon()

    def tell(self, client: int, text: str) -> None:
        """One frame to one connection, in its order with everything else it is owed."""
        self.outbox.put(room.Send((client,), text))
        self.flush_soon()

    def flush_soon(self) -> None:
        """Flush on the next turn of the loop, so that what one turn produced leaves
        together; or, if the last flush was less than 20 ms ago, once it is 20 ms."""
        if self.flush_due:
            return
        self.flush_due = True
        loop = asyncio.get_running_loop()
        delay = flush_delay(loop.time(), self.last_flush)
        if delay <= 0.0:
            loop.call_soon(self.flush)
        else:
            loop.call_later(delay, self.flush)

    def save(self) -> bool:
        """Commit the events appended since the last flush, all in one transaction: what
        a turn of the loop (or 20 ms under load) decided costs one commit, not one each.
        Nothing of it has been said yet: the outbox leaves only after this."""
        try:
            self.store.save()
        except Exception:
            log.exception("could not store the events of a turn")
            self.lose_unsaved()
            return False
        self.unsaved = {}
        return True

    def lose_unsaved(self) -> None:
        """The events since the last flush could not be committed, so none of them may be
        said: each room that appended is rebuilt from the log, and every connection that
        was owed anything is closed (1011) to resume from what is stored."""
        rooms, self.unsaved = self.unsaved, {}
        with contextlib.suppress(Exception):
            self.store.drop()
        owed = self.outbox.take()
        clients = {c for send in owed.sends for c in send.to}
        clients.update(close.client for close in owed.closes)
        for live in rooms.values():
            clients.update(close.client for close in self.rooms.reload(live).closes)
        for client in clients:
            if client in self.sockets:
                self.spawn(self.sockets[client].close(1011, "the server must reload"))

    def flush(self) -> None:
        """Commit what was appended, then write everything owed, then close what was to
        be closed, then hold the budget."""
        self.flush_due = False
        self.last_flush = asyncio.get_running_loop().time()
        if not self.save():
            return
        if not self.outbox.pending:
            return
        batch = self.outbox.take()
        sockets = self.sockets
        # A connection owed several frames (a newcomer: its welcome, presence and the
        # joins after its own) gets them in one write after the others: each write is a
        # system call here and a read on the other side. Only later, never earlier, so
        # no message is written before one that was put before it.
        gathered: dict[int, list[bytes]] = {c: [] for c in batch.several}
        made = 0  # bytes of frames made here: the budget gives them back once many
        for send in batch.sends:
            data = send.frame.encode()
            made += len(data)
            if gathered:
                targets = []
                for c in send.to:
                    held = gathered.get(c)
                    if held is not None:
                        held.append(data)
                    elif (ws := sockets.get(c)) is not None:
                        targets.append(ws)
            else:
                targets = [ws for c in send.to if (ws := sockets.get(c)) is not None]
            if targets:
                self.write(targets, [data])
        for c, held in gathered.items():
            if (ws := sockets.get(c)) is not None:
                self.write([ws], held)
        for close in batch.closes:
            if close.client in self.sockets:
                self.spawn(self.sockets[close.client].close(close.code, close.reason))
        self.budget.hold()
        self.budget.frames_made(made)

    def due(self, live: room.Room, kind: room.Due) -> None:
        self.deliver(live, live.due(kind))

    def spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    def write(self, targets: Iterable[ServerConnection], messages: list[bytes]) -> None:
        """Write `messages` (encoded text) to each target at once, one text frame each,
        in one write; noting the unsent output it had for the budget.
        One whose unsent output is past the bound and has not shrunk since the last write
        is not reading: it is cut instead. (A big welcome to a reader that reads passes
        the bound for a moment; that is fine.)

        Like `websockets.broadcast`, but the frame is made once for all: a server's text
        frame without extensions is the same bytes on every connection (no mask, no
        compression), and broadcast would build and copy it again for each. Each
        connection's own writes go to the same transport, so the order holds."""
        wire = b"".join([part for data in messages for part in (text_header(len(data)), data)])
        budget, over_bound = self.budget, self.over_bound
        cut, backlog = budget.cut, budget.backlog
        for ws in targets:
            if ws in cut:
                continue
            transport = ws.transport
            size = transport.get_write_buffer_size()
            if size > MAX_WRITE_BUFFER:
                if size >= over_bound.get(ws, size + 1):
                    log.warning("aborting a connection that does not read")
                    transport.abort()
                    continue
                over_bound[ws] = size
            elif over_bound:
                over_bound.pop(ws, None)
            if size or ws in backlog:
                budget.note(ws, size)
            protocol = ws.protocol
            if protocol.state is not State.OPEN or ws.send_in_progress is not None:
                continue  # closing, or (never here) a fragmented message: as broadcast skips
            try:
                if protocol.extensions:
                    for data in messages:  # frames of their own; not how kerne serves
                        protocol.send_text(data)
                    ws.send_data()
                else:
                    transport.write(wire)
            except Exception as exc:  # one connection's failure must not stop the rest
                log.warning("could not write to a connection: %s", exc)

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
                        self.tell(client, room.slow_down(frame, wait))
                    elif live is None:
                        live = self.hello(client, address, frame)
                    else:
                        self.deliver(live, live.receive(client, frame, self.clock()))
                except Exception:
                    # A bug of ours must cost one message, not the connection or the
                    # session: say so, and rebuild the session from its log.
                    log.exception("unexpected failure handling a message")
                    if live is not None:
                        self.say(self.rooms.reload(live))
                    self.tell(client, p.encode(room.COULD_NOT_HANDLE))
                if bucket.flooding:
                    self.flush()  # the refusals before the close
                    await ws.close(1008, "too many commands")
                    break
        except ConnectionClosed:
            pass
        finally:
            del self.sockets[client]
            self.over_bound.pop(ws, None)
            self.budget.ended(ws)
            self.per_address[address] -= 1
            if not self.per_address[address]:
                del self.per_address[address]
            if live is not None:
                self.deliver(live, live.leave(client))

    def hello(self, client: int, address: str, frame: str | bytes) -> room.Room | None:
        """A connection's first frame: the room it is seated in now, if any. Its own
        method so that the output (a welcome of up to 100 KB, the room's audience) is not
        kept alive in the suspended handler's frame: that was 55 KB per idle connection."""
        found, out = self.rooms.hello(client, address, frame, self.clock(), time.monotonic())
        if found is None:
            self.say(out)  # a lookup or a refusal: nothing stored, no room
            return None
        return found if self.deliver(found, out) else None

    def process_request(self, ws: ServerConnection, request: Request) -> Response | None:
        """A plain HTTP request gets the web page and its files; an upgrade, on any path,
        opens the WebSocket. Refuse a connection only past a cap that a whole room behind
        one NAT is under."""
        if not is_upgrade(request):
            return self.pages.answer(request, _address(ws))
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
            self.tell(client, p.encode(data))


def text_frame(data: bytes) -> bytes:
    """A final text frame of `data` as a server writes it: what `Protocol.send_text`
    puts on the wire for a connection without extensions."""
    return text_header(len(data)) + data


def text_header(size: int) -> bytes:
    """The header of a final, unmasked text frame of `size` bytes (RFC 6455 5.2): made
    here rather than by websockets' `Frame.serialize`, which checks and copies the
    payload twice, for every frame of every flush."""
    if size < 126:
        return bytes((0x81, size))
    if size < 65536:
        return _SHORT.pack(0x81, 126, size)
    return _LONG.pack(0x81, 127, size)


_SHORT, _LONG = struct.Struct("!BBH"), struct.Struct("!BBQ")


# Made once: written inside the function, the union was built anew for every event.
_TASK_EVENTS = DraftFinalized | DraftRevised | DraftWithdrawn | ItemRemoved


def _may_change_the_task(event: model.Event) -> bool:
    """Whether a session's chosen core task may be other after this event."""
    return isinstance(event.data, _TASK_EVENTS)


def _address(ws: ServerConnection) -> str:
    """The peer's IP address: what the per-address limits count."""
    return str(ws.remote_address[0]) if ws.remote_address else "?"


async def start(hub: Hub, host: str | None, port: int | None, **options: Any) -> Server:
    """Listen (on `host` and `port`, or on a socket already bound: `sock=`); the caller
    owns the returned server (close it, or serve it forever). The hub's watchdog runs as
    long as the server does."""
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
        backlog=LISTEN_BACKLOG,
        **options,
    )
    for listening in server.sockets:
        # Accepted connections inherit it (and keep it: no autotuning past it).
        with contextlib.suppress(OSError):
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
    watchdog = asyncio.create_task(hub.watchdog())
    closed = asyncio.ensure_future(server.wait_closed())
    closed.add_done_callback(lambda _: watchdog.cancel())
    hub.background.update({watchdog, closed})
    return server
