"""A protocol client for the adversarial tests that keeps its own copy of the session.

It folds every event onto its snapshot with the core's own `fold`, `note_ack` and
`personalize`, exactly as docs/protocol.md section 9 (and `kerne_tui.state`) describe,
and it remembers everything it received, so a test can ask afterwards: did this client
see every event once and in order, and does its copy equal a fresh `hello`?
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from server import protocol as p
from server.fold import fold, note_ack, personalize

Message = dict[str, Any]
WAIT = 8.0  # seconds to wait for one answer; far above any healthy round trip


class Closed(Exception):
    """The server closed (or dropped) the connection while we waited."""

    def __init__(self, cause: ConnectionClosed) -> None:
        super().__init__(str(cause))
        self.cause = cause

    @property
    def code(self) -> int | None:
        """The close code the server sent, or None if no close frame came (1006)."""
        return self.cause.rcvd.code if self.cause.rcvd is not None else None


@dataclass
class Client:
    """One connection; after `welcome`, a participant with its folded view."""

    ws: ClientConnection
    me: p.ParticipantView | None = None
    token: str | None = None
    snapshot: p.Snapshot | None = None
    mine: p.Mine = field(default_factory=p.Mine)
    seq: int = 0  # the last event folded (L in the protocol's section 9)
    first: int = 0  # the welcome seq of the first hello: events are expected after it
    settle: tuple[int, p.Mine] | None = None
    seen: list[int] = field(default_factory=list)  # seq of every event received
    received: list[Message] = field(default_factory=list)  # every message, in order
    sent: dict[str, p.Command | None] = field(default_factory=dict)
    acks: dict[str, Message] = field(default_factory=dict)  # command id -> its ack
    counter: int = 0
    closed: Closed | None = None

    # --- connecting ----------------------------------------------------------------

    @classmethod
    async def connect(cls, url: str, **options: Any) -> Client:
        ws = await connect(url, max_size=None, open_timeout=WAIT, **options)
        return cls(ws)

    def resuming(self, ws: ClientConnection) -> Client:
        """A new connection that carries on this client's view (for a resume)."""
        return Client(
            ws,
            me=self.me,
            token=self.token,
            snapshot=self.snapshot,
            mine=self.mine,
            seq=self.seq,
            first=self.first,
            seen=list(self.seen),
            sent=dict(self.sent),
            acks=dict(self.acks),
            counter=self.counter,
        )

    @property
    def pid(self) -> str:
        assert self.me is not None, "not welcomed"
        return self.me.id

    async def hello(self, code: str, **fields: Any) -> Message:
        """Say hello; returns the welcome or the error (events are folded meanwhile)."""
        hid = f"hello-{len(self.received)}"
        message = {"type": "hello", "id": hid, "protocol": 1, "code": code, **fields}
        mark = len(self.received)
        await self.ws.send(json.dumps(message))
        return await self.wait_for(
            lambda m: m["type"] in ("welcome", "error") and m.get("id") == hid, since=mark
        )

    # --- sending -------------------------------------------------------------------

    def next_id(self, kind: str) -> str:
        self.counter += 1
        return f"{kind}-{self.counter}"

    async def send(self, kind: str, /, id: str | None = None, **fields: Any) -> str:
        """Send a command without waiting; returns its id."""
        cid = id if id is not None else self.next_id(kind)
        raw: Message = {"type": kind, "id": cid, **fields}
        if cid not in self.acks:
            try:
                self.sent[cid] = p.decode_command(raw)
            except p.ProtocolError:
                self.sent[cid] = None
        await self.ws.send(json.dumps(raw, ensure_ascii=False))
        return cid

    async def command(self, kind: str, /, id: str | None = None, **fields: Any) -> Message:
        """Send a command and return its ack or error."""
        mark = len(self.received)
        cid = await self.send(kind, id=id, **fields)
        return await self.answer(cid, since=mark)

    async def ok(self, kind: str, /, id: str | None = None, **fields: Any) -> Message:
        answer = await self.command(kind, id=id, **fields)
        assert answer["type"] == "ack", answer
        return answer

    async def refused(self, kind: str, /, id: str | None = None, **fields: Any) -> str:
        answer = await self.command(kind, id=id, **fields)
        assert answer["type"] == "error", answer
        return str(answer["code"])

    async def answer(self, cid: str, since: int = 0) -> Message:
        return await self.wait_for(
            lambda m: m["type"] in ("ack", "error") and m.get("id") == cid, since=since
        )

    async def send_raw(self, frame: str | bytes) -> None:
        await self.ws.send(frame)

    # --- receiving -----------------------------------------------------------------

    async def recv(self) -> None:
        """Read one frame and handle what it holds."""
        try:
            frame = await self.ws.recv()
        except ConnectionClosed as exc:
            self.closed = Closed(exc)
            raise self.closed from None
        message = json.loads(frame)
        if message["type"] == "events":
            for event in message["events"]:
                self.handle(event)
        else:
            self.handle(message)

    async def wait_for(self, match: Any, since: int = 0, timeout: float = WAIT) -> Message:
        """The first message from `since` on that `match`es, reading as needed."""
        async with asyncio.timeout(timeout):
            index = since
            while True:
                while index < len(self.received):
                    if match(self.received[index]):
                        return self.received[index]
                    index += 1
                await self.recv()

    async def catch_up(self, seq: int, timeout: float = WAIT) -> None:
        """Read until every event up to `seq` has been folded."""
        async with asyncio.timeout(timeout):
            while self.seq < seq:
                await self.recv()

    async def until_closed(self, timeout: float = WAIT) -> Closed:
        """Read (and fold) until the server closes the connection."""
        async with asyncio.timeout(timeout):
            while True:
                try:
                    await self.recv()
                except Closed as closed:
                    return closed

    def handle(self, message: Message) -> None:
        self.received.append(message)
        kind = message["type"]
        if kind == "event":
            self._event(message)
        elif kind == "welcome":
            self._welcome(message)
        elif kind == "ack":
            self._ack(message)

    def _welcome(self, message: Message) -> None:
        self.me = msgspec.convert(message["participant"], p.ParticipantView)
        self.token = message["resume_token"]
        mine = msgspec.convert(message["mine"], p.Mine)
        if message["state"] is not None:
            self.snapshot = msgspec.convert(message["state"], p.Snapshot)
            self.mine, self.seq, self.settle = mine, message["seq"], None
            if not self.first and not self.seen:
                self.first = message["seq"]
        else:
            self.settle = (message["seq"], mine)
            self._settled()

    def _settled(self) -> None:
        if self.settle is None or self.seq < self.settle[0] or self.snapshot is None:
            return
        self.mine = self.settle[1]
        self.snapshot = personalize(self.snapshot, self.mine, self.pid)
        self.settle = None

    def _event(self, message: Message) -> None:
        seq = int(message["seq"])
        self.seen.append(seq)
        if seq <= self.seq or self.snapshot is None:
            return
        event = msgspec.convert(message, p.WireEvent)
        self.snapshot, self.mine = fold(self.snapshot, event, self.mine, self.pid)
        self.seq = seq
        self._settled()

    def _ack(self, message: Message) -> None:
        cid = str(message["id"])
        self.acks[cid] = message
        command = self.sent.get(cid)
        if command is None or self.snapshot is None or message["seq"] <= self.seq:
            return
        self.mine = note_ack(self.mine, command, message["item_id"])
        self.snapshot = personalize(self.snapshot, self.mine, self.pid)

    # --- what was seen -------------------------------------------------------------

    def events(self, since: int = 0) -> list[Message]:
        return [m for m in self.received[since:] if m["type"] == "event"]

    def errors(self, since: int = 0) -> list[Message]:
        return [m for m in self.received[since:] if m["type"] == "error"]

    def gapless(self) -> bool:
        """Every event after the first welcome arrived exactly once, in order."""
        return self.seen == list(range(self.first + 1, self.first + 1 + len(self.seen)))

    async def close(self) -> None:
        await self.ws.close()


async def join(url: str, code: str, name: str, profession: str | None, **fields: Any) -> Client:
    """A new participant (or, with role and key, another role) that must get in."""
    client = await Client.connect(url)
    answer = await client.hello(code, name=name, profession=profession, **fields)
    assert answer["type"] == "welcome", answer
    return client


async def resume(old: Client, url: str, code: str) -> Client:
    """The same participant on a new connection, carrying on its view from `old.seq`."""
    client = old.resuming(await connect(url, max_size=None, open_timeout=WAIT))
    answer = await hello_retrying(client, code, resume_token=old.token, last_seq=old.seq)
    assert answer["type"] == "welcome", answer
    return client


async def hello_retrying(client: Client, code: str, **fields: Any) -> Message:
    """A hello that waits out `rate_limited` (an address slowed after failed joins)."""
    for _ in range(10):
        answer = await client.hello(code, **fields)
        if answer["type"] == "error" and answer["code"] == "rate_limited":
            await asyncio.sleep(float(answer["retry_after"]) + 0.05)
            continue
        return answer
    raise AssertionError("still rate limited after ten tries")


@dataclass(frozen=True)
class Fresh:
    """What a fresh hello (a resume with last_seq 0) says this participant sees now."""

    seq: int
    snapshot: p.Snapshot
    mine: p.Mine


async def fresh(url: str, code: str, token: str | None) -> Fresh:
    """The participant's snapshot from a fresh hello; replaces its live connection."""
    client = await Client.connect(url)
    try:
        answer = await hello_retrying(client, code, resume_token=token, last_seq=0)
        assert answer["type"] == "welcome" and answer["state"] is not None, answer
        return Fresh(
            answer["seq"],
            msgspec.convert(answer["state"], p.Snapshot),
            msgspec.convert(answer["mine"], p.Mine),
        )
    finally:
        await client.close()


def same_view(client: Client, truth: Fresh) -> bool:
    """The client's folded copy equals the fresh snapshot (my_items is a set)."""
    return (
        client.seq == truth.seq
        and client.snapshot == truth.snapshot
        and client.mine.my_votes == truth.mine.my_votes
        and client.mine.my_tags == truth.mine.my_tags
        and sorted(client.mine.my_items) == sorted(truth.mine.my_items)
    )
