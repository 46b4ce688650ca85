"""A minimal protocol client for tests: a real websocket, its inbox, and helpers to
wait for the answer to a command. It is deliberately not the TUI's connection code, so
server tests check the wire contract and nothing else."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect


@dataclass
class Peer:
    ws: ClientConnection
    inbox: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    welcome: dict[str, Any] = field(default_factory=dict)
    counter: int = 0
    seen: list[str] = field(default_factory=list)  # the type of every message received

    @property
    def pid(self) -> str:
        return str(self.welcome["participant"]["id"])

    @property
    def token(self) -> str:
        return str(self.welcome["resume_token"])

    @property
    def seq(self) -> int:
        return int(self.events[-1]["seq"]) if self.events else int(self.welcome["seq"])

    async def send_raw(self, frame: str | bytes) -> None:
        await self.ws.send(frame)

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def next(self) -> dict[str, Any]:
        """The next message; an `events` batch is unpacked into single events."""
        if self.inbox:
            return self.inbox.pop(0)
        message = json.loads(await self.ws.recv())
        self.seen.append(message["type"])
        if message["type"] == "events":
            self.inbox.extend(message["events"])
            return self.inbox.pop(0)
        return dict(message)

    async def expect(self, kind: str, **match: Any) -> dict[str, Any]:
        """Read until a message of `type` kind (and matching fields) arrives; events are
        recorded on the way, so `events` always holds everything seen, in order."""
        while True:
            message = await self.next()
            if message["type"] == "event":
                self.events.append(message)
            if message["type"] == kind and all(message.get(k) == v for k, v in match.items()):
                return message

    async def event(self, kind: str) -> dict[str, Any]:
        while True:
            message = await self.expect("event")
            if message["kind"] == kind:
                return message

    async def command(self, kind: str, /, **fields: Any) -> dict[str, Any]:
        """Send a command and return its ack or error."""
        self.counter += 1
        cid = fields.pop("id", f"{kind}-{self.counter}")
        await self.send({"type": kind, "id": cid, **fields})
        while True:
            message = await self.next()
            if message["type"] == "event":
                self.events.append(message)
            if message["type"] in ("ack", "error") and message.get("id") == cid:
                return message

    async def ok(self, kind: str, /, **fields: Any) -> dict[str, Any]:
        """A command that must be acked; returns the ack."""
        answer = await self.command(kind, **fields)
        assert answer["type"] == "ack", answer
        return answer

    async def refused(self, kind: str, /, **fields: Any) -> str:
        """A command that must be refused; returns the error code."""
        answer = await self.command(kind, **fields)
        assert answer["type"] == "error", answer
        return str(answer["code"])

    async def close(self) -> None:
        await self.ws.close()


async def hello(url: str, code: str, **fields: Any) -> tuple[Peer, dict[str, Any]]:
    """Connect and say hello; returns the peer and the server's answer (welcome/error)."""
    ws = await connect(url, max_size=2**20)
    peer = Peer(ws)
    message = {"type": "hello", "id": "hello", "protocol": 1, "code": code, **fields}
    await peer.send(message)
    answer = await peer.next()
    if answer["type"] == "welcome":
        peer.welcome = answer
    return peer, answer


async def join(
    url: str, code: str, name: str, profession: str | None = None, **fields: Any
) -> Peer:
    """A participant (or, with role/facilitator_key, another role) that must get in."""
    peer, answer = await hello(url, code, name=name, profession=profession, **fields)
    assert answer["type"] == "welcome", answer
    return peer
