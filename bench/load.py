"""The load generator: worker processes, each with one event loop and many clients.

The coordinator (`LoadPool`, in the `python -m bench` process) hands each worker its
share of the clients and a schedule of commands with absolute `time.monotonic()` send
times; CLOCK_MONOTONIC is one clock for every process on a Linux machine, so stamps
taken in different workers compare directly. The workers' loop (uvloop) keeps that clock
to the millisecond: a command may leave up to a millisecond early or late, and its send
stamp, taken when it leaves, is what every latency counts from. Each worker stamps every
command it sends and every frame it receives, and sends the stamps back for the
coordinator to join:

* kerne: the command's id comes back in its `ack` together with the event's `seq`;
  every client records the `seq` of each event it receives (single `event` frames or
  `events` batches alike), so command -> ack and command -> each client's receipt
  follow from the send stamp. A seq is counted per session, so the receipt's key is the
  room's number and the seq together (`room_key`). Only events after the room's seq
  when the run began (its floor, `LoadPool.floors`) are receipts: a `participant_joined`
  of the joins may still be on its way to some clients when the run starts, and counted
  it would end a worker's wait before the run's own last events and acks were in;
* relay: the frame itself comes back to everyone in the room, alone or inside the
  batching relay's `events` frame; its id is the key, and the sender's own copy stands
  for the ack.

Clients are placed in rooms: kerne sessions (a join code each) or the relay's paths
(`/room/<number>`). Beyond 1000 clients they connect from further loopback addresses
(`bench.proc.source_address`), as a large room's people come from many machines.

Clients never run in the server's process, and the workers are separate processes from
the coordinator too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import re
import sys
import time
from array import array
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import msgspec
import uvloop

from bench.proc import check_loopback, raise_open_files, source_address
from bench.wsclient import WsClient, open_client

# Connections a worker has open and not yet welcomed while a room joins: a room's people
# press join within seconds of each other, so many are in flight; the default two workers'
# 128 stay well within what the servers' listening sockets hold before they accept
# (`server.limits.LISTEN_BACKLOG`, the relays' too).
JOINS_IN_FLIGHT = 64
EVENT_SEQ = re.compile(rb'^\{"type":"event","seq":(\d+)')
RELAY_KEY = re.compile(rb'"id":"b(\d+)"')
PAD_TO = 230  # bytes: the size of kerne's statement event, so the relay moves as much


class _Ack(msgspec.Struct):
    id: str
    seq: int = 0


class _Seq(msgspec.Struct):
    seq: int


class _Batch(msgspec.Struct):
    events: list[_Seq]


class _Keyed(msgspec.Struct):
    id: str = ""


class _RelayBatch(msgspec.Struct):
    events: list[_Keyed]


class _Error(msgspec.Struct):
    code: str = ""
    message: str = ""
    id: str | None = None


_ack = msgspec.json.Decoder(_Ack)
_seq = msgspec.json.Decoder(_Seq)
_batch = msgspec.json.Decoder(_Batch)
_relay_batch = msgspec.json.Decoder(_RelayBatch)
_error = msgspec.json.Decoder(_Error)


# A person to connect: (index, name, profession, room number).
Person = tuple[int, str, str, int]


def room_key(room: int, seq: int) -> int:
    """A kerne event's key across sessions: seqs start at 1 in every session."""
    return (room << 32) | seq


def room_and_seq(key: int) -> tuple[int, int]:
    """The room and the seq of a `room_key`."""
    return key >> 32, key & 0xFFFFFFFF


def room_path(url: str, room: int) -> str:
    """The relay's URL for a room: its rooms are request paths."""
    return f"{url}/room/{room}"


def command_payload(mode: str, kind: str, key: int, arg: str) -> bytes:
    """The frame for one benchmark command; its id `b<key>` identifies it."""
    if mode == "relay":
        head = f'{{"type":"relay","id":"b{key}","pad":"'
        return (head + "x" * max(0, PAD_TO - len(head) - 2) + '"}').encode()
    if kind == "vote":
        return msgspec.json.encode({"type": "cast_vote", "id": f"b{key}", "draft_id": arg})
    return msgspec.json.encode({"type": "add_statement", "id": f"b{key}", "text": f"bench {key}"})


@dataclass
class _Client:
    """Per-client bookkeeping inside a worker."""

    welcomed: asyncio.Future[None] | None = None
    last_seq: int = 0
    stalled: bool = False
    room: int = 0


@dataclass
class Worker:
    conn: Connection
    number: int
    mode: str = "kerne"
    clients: list[WsClient] = field(default_factory=list)
    recording: bool = False
    expected: int = 0
    keys: array[int] = field(default_factory=lambda: array("q"))
    stamps: array[float] = field(default_factory=lambda: array("d"))
    sends: dict[int, float] = field(default_factory=dict)
    lateness: list[float] = field(default_factory=list)
    acks: dict[int, tuple[float, int]] = field(default_factory=dict)
    sender_of: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    reordered: int = 0
    gaps: int = 0
    frames: int = 0
    floors: dict[int, int] = field(default_factory=dict)  # room -> its seq at the run's start
    done: asyncio.Event = field(default_factory=asyncio.Event)

    # --- receiving -------------------------------------------------------------------

    def on_text(self, client: WsClient, data: bytes, stamp: float) -> None:
        self.frames += 1
        if self.mode == "relay":
            self._relay_frame(client, data, stamp)
        else:
            self._kerne_frame(client, data, stamp)

    def _record(self, key: int, stamp: float) -> None:
        if not self.recording:
            return
        self.keys.append(key)
        self.stamps.append(stamp)
        if len(self.keys) >= self.expected:
            self.done.set()

    def _relay_frame(self, client: WsClient, data: bytes, stamp: float) -> None:
        if data.startswith(b'{"type":"events"'):
            for event in _relay_batch.decode(data).events:
                if event.id.startswith("b") and event.id[1:].isdigit():
                    self._relay_receipt(client, int(event.id[1:]), stamp)
            return
        found = RELAY_KEY.search(data, 0, 64)
        if found is not None:
            self._relay_receipt(client, int(found.group(1)), stamp)

    def _relay_receipt(self, client: WsClient, key: int, stamp: float) -> None:
        if self.sender_of.get(key) == client.index:
            self.acks[key] = (stamp, key)
        self._record(key, stamp)

    def _kerne_frame(self, client: WsClient, data: bytes, stamp: float) -> None:
        state: _Client = client.tag  # type: ignore[assignment]
        found = EVENT_SEQ.match(data)
        if found is not None:
            self._event(state, int(found.group(1)), stamp)
        elif data.startswith(b'{"type":"events"'):
            events = _batch.decode(data).events
            if not self.recording and events:
                # Between runs (a room of 1000 joining: half a million participant_joined)
                # only the last seq matters; order and gaps are judged within a run.
                state.last_seq = max(state.last_seq, events[-1].seq)
                return
            for event in events:
                self._event(state, event.seq, stamp)
        elif data.startswith(b'{"type":"ack"'):
            ack = _ack.decode(data)
            if ack.id.startswith("b") and ack.id[1:].isdigit():
                self.acks[int(ack.id[1:])] = (stamp, room_key(state.room, ack.seq))
        elif data.startswith(b'{"type":"welcome"'):
            state.last_seq = _seq.decode(data).seq
            if state.welcomed is not None and not state.welcomed.done():
                state.welcomed.set_result(None)
        elif data.startswith(b'{"type":"error"'):
            self.errors += 1
            error = _error.decode(data)
            if state.welcomed is not None and not state.welcomed.done():
                state.welcomed.set_exception(RuntimeError(f"{error.code}: {error.message}"))
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{error.code}: {error.message}")

    def _event(self, state: _Client, seq: int, stamp: float) -> None:
        if state.last_seq:
            if seq <= state.last_seq:
                self.reordered += 1
            elif seq != state.last_seq + 1:
                self.gaps += 1
        state.last_seq = max(seq, state.last_seq)
        if seq > self.floors.get(state.room, 0):  # else it happened before the run
            self._record(room_key(state.room, seq), stamp)

    # --- the operations the coordinator asks for ----------------------------------------

    async def join(self, args: dict[str, Any]) -> dict[str, Any]:
        """Connect clients (and, for kerne, say hello until welcomed)."""
        url: str = args["url"]
        check_loopback(url)
        self.mode = args["mode"]
        people: list[Person] = args["people"]
        limit = asyncio.Semaphore(int(args.get("concurrency", JOINS_IN_FLIGHT)))
        started = time.monotonic()
        failures: list[str] = []

        async def one(index: int, name: str, profession: str, room: int) -> WsClient | None:
            for attempt in range(3):
                async with limit:
                    try:
                        return await self._connect(url, args, (index, name, profession, room))
                    except Exception as exc:
                        if attempt == 2:
                            failures.append(f"{type(exc).__name__}: {exc}")
                await asyncio.sleep(0.5)
            return None

        made = await asyncio.gather(*(one(*person) for person in people))
        joined = [c for c in made if c is not None]
        self.clients.extend(joined)
        seqs: dict[int, int] = {}  # per room, the highest seq a welcome carried
        for client in joined:
            state: _Client = client.tag  # type: ignore[assignment]
            seqs[state.room] = max(seqs.get(state.room, 0), state.last_seq)
        return {
            "seqs": seqs,
            "joined": len(joined),
            "failed": len(people) - len(joined),
            "failures": failures[:5],
            "seconds": time.monotonic() - started,
        }

    async def _connect(self, url: str, args: dict[str, Any], person: Person) -> WsClient:
        index, name, profession, room = person
        stall = bool(args.get("stall"))
        codes: list[str] = args.get("codes") or []
        urls: list[str] = args.get("urls") or []
        if urls:
            url = urls[room]
            check_loopback(url)
        client = await open_client(
            url if self.mode == "kerne" else room_path(url, room),
            self.on_text,
            compression=bool(args.get("compression", True)),
            receive_buffer=4096 if stall else None,
            source=source_address(index),
        )
        client.index = index
        state = _Client(stalled=stall, room=room)
        client.tag = state
        try:
            if self.mode == "kerne":
                state.welcomed = asyncio.get_running_loop().create_future()
                hello = {
                    "type": "hello",
                    "id": "h",
                    "protocol": 1,
                    "code": codes[room] if codes else args["code"],
                    "name": name,
                    "profession": profession,
                }
                client.send_text(msgspec.json.encode(hello))
                async with asyncio.timeout(float(args.get("timeout", 60))):
                    await state.welcomed
        except BaseException:
            client.abort()
            raise
        if stall:
            client.stall()
        return client

    async def run(self, args: dict[str, Any]) -> dict[str, Any]:
        """Send the schedule at its times, record every receipt until all are in or the
        deadline passes, and hand back the stamps."""
        loop = asyncio.get_running_loop()
        by_index = {c.index: c for c in self.clients}
        schedule: list[tuple[float, int, int, str, str]] = args["schedule"]
        prepared = [
            (when, by_index[index], key, command_payload(self.mode, kind, key, arg))
            for when, index, key, kind, arg in schedule
        ]
        self.keys, self.stamps = array("q"), array("d")
        self.sends, self.acks, self.lateness = {}, {}, []
        self.sender_of = {key: index for _, index, key, _, _ in schedule}
        self.errors, self.error_samples, self.reordered, self.gaps = 0, [], 0, 0
        self.expected = int(args["expected"])
        self.floors = dict(args.get("floors") or {})
        self.done = asyncio.Event()
        if self.expected <= 0:
            self.done.set()
        cpu = time.process_time()
        self.recording = True

        def fire(when: float, client: WsClient, key: int, payload: bytes) -> None:
            now = time.monotonic()
            self.sends[key] = now
            self.lateness.append(now - when)
            client.send_text(payload)

        handles = [loop.call_at(when, fire, when, c, key, data) for when, c, key, data in prepared]
        deadline = float(args["deadline"])
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout_at(deadline):
                await self.done.wait()
        # Whatever was sent must also have had its chance to be answered.
        last_send = max((when for when, *_ in prepared), default=0.0)
        if time.monotonic() < last_send:
            await asyncio.sleep(last_send - time.monotonic())
        self.recording = False
        for handle in handles:
            handle.cancel()
        return {
            "keys": self.keys,
            "stamps": self.stamps,
            "sends": self.sends,
            "acks": self.acks,
            "lateness": self.lateness,
            "errors": self.errors,
            "error_samples": self.error_samples,
            "reordered": self.reordered,
            "gaps": self.gaps,
            "cpu": time.process_time() - cpu,
            "clients": sum(1 for c in self.clients if not c.closed),
        }

    async def close(self, args: dict[str, Any]) -> dict[str, Any]:
        for client in self.clients:
            client.abort()
        count = len(self.clients)
        self.clients = []
        await asyncio.sleep(0)
        return {"closed": count}

    async def status(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "open": sum(1 for c in self.clients if not c.closed),
            "frames": self.frames,
            "errors": self.errors,
        }

    # --- the loop ----------------------------------------------------------------------

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue[Any] = asyncio.Queue()

        def readable() -> None:
            try:
                inbox.put_nowait(self.conn.recv())
            except EOFError:
                loop.remove_reader(self.conn.fileno())
                inbox.put_nowait({"op": "quit"})

        loop.add_reader(self.conn.fileno(), readable)
        # uvloop (libuv) makes a watched descriptor non-blocking, and a run's reply (its
        # stamps: megabytes) written to a full pipe then failed with EAGAIN and killed the
        # worker. Blocking, a request that has only partly arrived holds the loop until
        # the rest is read, as it did on asyncio's loop.
        os.set_blocking(self.conn.fileno(), True)
        handlers = {"join": self.join, "run": self.run, "close": self.close, "status": self.status}
        while True:
            request = await inbox.get()
            op = request.get("op")
            if op == "quit":
                await self.close({})
                self.conn.send({"ok": True})
                return
            try:
                reply = await handlers[op](request)
                self.conn.send({"ok": True, **reply})
            except Exception as exc:
                self.conn.send({"ok": False, "error": f"{type(exc).__name__}: {exc}"})


def worker_main(conn: Connection, number: int) -> None:
    """Entry point of a load worker process, on uvloop's event loop: the load generator
    shares the machine's two cores with the server it measures, and asyncio's own loop
    (a Python callback per readable socket) cost the workers more CPU than the server
    used in a room of 1000 joining (2.5-2.8 s against 1.3-1.5 s). The servers, kerne and
    the relays alike, keep asyncio's loop: what is measured is theirs as shipped."""
    raise_open_files()
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(Worker(conn, number).serve())


class WorkerError(RuntimeError):
    pass


class LoadPool:
    """The coordinator's handle on its worker processes (2 or more)."""

    def __init__(self, workers: int = 2) -> None:
        if workers < 2:
            raise ValueError("the load generator needs at least 2 worker processes")
        context = multiprocessing.get_context("spawn")
        self.conns: list[Connection] = []
        self.processes: list[Any] = []
        for number in range(workers):
            parent, child = context.Pipe()
            process = context.Process(target=worker_main, args=(child, number), daemon=True)
            process.start()
            child.close()
            self.conns.append(parent)
            self.processes.append(process)
        # kerne: each room's highest seq known to have happened before the next run (the
        # joins' welcomes, the runs' acks, a facilitator's commands); its events are not
        # the run's receipts.
        self.floors: dict[int, int] = {}

    @property
    def size(self) -> int:
        return len(self.conns)

    @property
    def pids(self) -> list[int]:
        return [int(p.pid) for p in self.processes]

    def worker_of(self, index: int) -> int:
        return index % self.size

    def saw(self, room: int, seq: int) -> None:
        """Room `room` (kerne) has reached `seq`: the next run counts only later events."""
        self.floors[room] = max(self.floors.get(room, 0), seq)

    def call(self, requests: list[dict[str, Any]], timeout: float) -> list[dict[str, Any]]:
        """Send one request to each worker and wait for every answer."""
        for conn, request in zip(self.conns, requests, strict=True):
            conn.send(request)
        replies: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        for number, conn in enumerate(self.conns):
            if not conn.poll(max(0.0, deadline - time.monotonic())):
                raise WorkerError(f"load worker {number} did not answer within {timeout:.0f} s")
            reply: dict[str, Any] = conn.recv()
            if not reply.get("ok"):
                raise WorkerError(f"load worker {number}: {reply.get('error')}")
            replies.append(reply)
        return replies

    def broadcast(self, request: dict[str, Any], timeout: float) -> list[dict[str, Any]]:
        return self.call([dict(request) for _ in self.conns], timeout)

    def join(
        self,
        url: str,
        mode: str,
        people: list[Person],
        *,
        code: str = "",
        codes: list[str] | None = None,
        urls: list[str] | None = None,
        stall: bool = False,
        timeout: float = 900.0,
    ) -> dict[str, Any]:
        """Connect `people` (index, name, profession, room), spread over the workers;
        kerne's room r is the session `codes[r]` (without `codes`: all in `code`), served
        at `urls[r]` (kerne in shards; without `urls`: all at `url`)."""
        shares: list[list[Person]] = [[] for _ in self.conns]
        for person in people:
            shares[self.worker_of(person[0])].append(person)
        base = {
            "op": "join",
            "url": url,
            "mode": mode,
            "code": code,
            "codes": codes or [],
            "urls": urls or [],
            "stall": stall,
        }
        replies = self.call([{**base, "people": share} for share in shares], timeout)
        for reply in replies:
            for room, seq in reply["seqs"].items():
                self.saw(room, seq)
        return {
            "joined": sum(r["joined"] for r in replies),
            "failed": sum(r["failed"] for r in replies),
            "failures": [f for r in replies for f in r["failures"]],
        }

    def run(
        self,
        schedule: list[tuple[float, int, int, str, str]],
        expected_per_worker: list[int],
        deadline: float,
    ) -> list[dict[str, Any]]:
        """Run a schedule of (send time, client index, key, kind, arg) on the workers."""
        shares: list[list[tuple[float, int, int, str, str]]] = [[] for _ in self.conns]
        for item in schedule:
            shares[self.worker_of(item[1])].append(item)
        requests = [
            {
                "op": "run",
                "schedule": share,
                "expected": expected,
                "deadline": deadline,
                "floors": dict(self.floors),
            }
            for share, expected in zip(shares, expected_per_worker, strict=True)
        ]
        return self.call(requests, timeout=max(30.0, deadline - time.monotonic() + 60.0))

    def close_clients(self) -> None:
        self.broadcast({"op": "close"}, timeout=60)
        self.floors.clear()  # the next clients join a server of their own

    def shutdown(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError, BrokenPipeError):
                conn.send({"op": "quit"})
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def __enter__(self) -> LoadPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()


def dumps(value: Any) -> str:
    return json.dumps(value, default=str)


if __name__ == "__main__":  # pragma: no cover - the pool starts workers itself
    sys.exit("use `python -m bench`")
