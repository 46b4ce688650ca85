"""A session with a healthy participant and a hostile one, for the hostile-input table.

Plejecenter Egebakken: Mette facilitates, Lone (a nurse) works normally and Kim (a care
assistant) sends whatever one row of the table says. Lone has acked work in the session
before the row runs; afterwards she must still be served, see her own events without a
gap, have lost nothing, and hold exactly the copy a fresh `hello` would give her.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import pytest

from server import model
from server.room import Room
from tests.adversarial.wire import Client, fresh, join, same_view
from tests.realserver import Running

LONE_DRAFT = "Beboeren mestrer sin egen hverdag så længe som muligt."
METTE_DRAFT = "Vi skaber tryghed og livskvalitet sammen med beboer og pårørende."
KIM_DRAFT = "Beboeren får den hjælp, der er visiteret."
STATEMENT = "Antal beboere, der selv vælger tidspunkt for bad"
CONFLICT = "Bad om morgenen eller når beboeren ønsker det"
LATER_DRAFT = "Hver beboer har en fast kontaktperson, der kender vedkommendes ønsker."

# What may never reach another participant's terminal (docs/protocol.md section 2).
_UNSAFE = frozenset(
    [chr(c) for c in range(0x20) if c != 0x0A]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u061c", "\u200e", "\u200f"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)


def unsafe_characters(value: Any) -> set[str]:
    """Control and bidi characters anywhere in the strings of a decoded message."""
    if isinstance(value, str):
        return set(value) & _UNSAFE
    if isinstance(value, dict):
        found: set[str] = set()
        for key, item in value.items():
            found |= unsafe_characters(key) | unsafe_characters(item)
        return found
    if isinstance(value, list):
        return set().union(*(unsafe_characters(item) for item in value))
    return set()


@dataclass
class Other:
    """A second session on the same server: Jobcenter Nord, with items of its own."""

    code: str
    key: str
    hanne: Client
    omar: Client
    before: model.State


@dataclass
class Arena:
    server: Running
    monkeypatch: pytest.MonkeyPatch
    caplog: pytest.LogCaptureFixture
    mette: Client
    lone: Client
    kim: Client
    lone_ids: list[str]
    before: model.State
    extra: list[Client] = field(default_factory=list)
    other: Other | None = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def code(self) -> str:
        return self.server.code

    @property
    def live(self) -> Room:
        return self.server.hub.sessions[self.server.code]

    @property
    def state(self) -> model.State:
        return self.live.state

    def unchanged(self) -> None:
        """Nothing at all changed in the session since the arena was set up."""
        assert self.state == self.before

    async def connect(self, **options: Any) -> Client:
        """Another connection from the hostile side (closed when the row ends)."""
        client = await Client.connect(self.url, **options)
        self.extra.append(client)
        return client

    async def still_connected(self, client: Client) -> None:
        """The connection is open and served: a lookup after welcome is invalid_state."""
        mark = len(client.received)
        lookup = {"type": "lookup", "id": "still-there", "protocol": 1, "code": self.code}
        await client.send_raw(json.dumps(lookup))
        answer = await client.wait_for(lambda m: m.get("id") == "still-there", since=mark)
        assert answer["code"] == "invalid_state", answer

    async def dropped(self, client: Client, within: float = 5.0) -> None:
        """The server has let go of this participant's connection (presence says so)."""
        async with asyncio.timeout(within):
            while client.pid in self.live.connections:
                await asyncio.sleep(0.02)

    async def second_session(self) -> Other:
        """Jobcenter Nord on the same server: 5 drafts, 3 statements, 2 conflicts, a round."""
        if self.other is not None:
            return self.other
        code, key = self.server.new_session("Jobcenter Nord: vores kerneopgave")
        hanne = await join(
            self.url, code, "Hanne", "Leder", role="facilitator", facilitator_key=key
        )
        omar = await join(self.url, code, "Omar", "Jobkonsulent")
        for n in range(1, 6):
            await omar.ok("propose_draft", text=f"Borgeren kommer i job eller uddannelse ({n})")
        for text in ("Antal i praktik", "Antal i ordinært job", "Borgerens egen vurdering"):
            await omar.ok("add_statement", text=text)
        for title in ("Krav eller omsorg", "Hurtigt i job eller varigt i job"):
            await hanne.ok("record_conflict", title=title, professions=["Jobkonsulent"])
        await hanne.ok("open_round", dots=3, blind=False)
        await omar.ok("cast_vote", draft_id="d5")
        before = copy.deepcopy(self.server.hub.sessions[code].state)
        self.other = Other(code, key, hanne, omar, before)
        self.extra += [hanne, omar]
        return self.other

    def other_unchanged(self) -> None:
        if self.other is not None:
            assert self.server.hub.sessions[self.other.code].state == self.other.before

    async def healthy_client_unharmed(self) -> None:
        """Lone still works, saw every event once, lost nothing, and her copy is true."""
        lone = self.lone
        ack = await lone.ok("propose_draft", text=LATER_DRAFT)
        await lone.catch_up(ack["seq"])
        tagged = await lone.ok("tag_statement", statement_id="s1", tag="output")
        await lone.catch_up(max(tagged["seq"], self.state.seq))
        state = self.state
        first = state.drafts["d1"]
        assert (first.text, first.author, first.withdrawn, first.removed) == (
            LONE_DRAFT,
            lone.pid,
            False,
            False,
        )
        assert state.drafts[ack["item_id"]].text == LATER_DRAFT
        assert state.rounds[0].open and state.rounds[0].votes[lone.pid] == ["d1"]
        assert state.statements["s1"].tags[lone.pid] == "output"
        assert state.statements["s1"].text == STATEMENT
        assert state.conflicts["c1"].title == CONFLICT
        assert lone.gapless(), lone.seen
        for message in lone.received:
            assert not unsafe_characters(message), message
        truth = await fresh(self.url, self.code, lone.token)
        assert same_view(lone, truth)

    def no_bug_path(self) -> None:
        """No hostile input reached the server's bug handler or a library's error log."""
        failures = [r for r in self.caplog.records if r.levelno >= logging.ERROR]
        assert not failures, [r.getMessage() for r in failures]


async def make_arena(
    server: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Arena:
    url, code = server.url, server.code
    mette = await join(url, code, "Mette", "Leder", role="facilitator", facilitator_key=server.key)
    lone = await join(url, code, "Lone", "Sygeplejerske")
    kim = await join(url, code, "Kim", "Social- og sundhedsassistent")
    lone_ids = ["lone-1", "lone-2", "lone-3", "lone-4"]
    await lone.ok("propose_draft", id=lone_ids[0], text=LONE_DRAFT)
    await mette.ok("propose_draft", text=METTE_DRAFT)
    await kim.ok("propose_draft", text=KIM_DRAFT)
    await lone.ok("add_statement", id=lone_ids[1], text=STATEMENT)
    await mette.ok(
        "record_conflict",
        title=CONFLICT,
        professions=["Sygeplejerske", "Social- og sundhedsassistent"],
        refs=[{"kind": "draft", "id": "d1"}],
    )
    await mette.ok("open_round", dots=2, blind=False)
    await lone.ok("cast_vote", id=lone_ids[2], draft_id="d1")
    await lone.ok("tag_statement", id=lone_ids[3], statement_id="s1", tag="effect")
    state = server.hub.sessions[code].state
    for client in (mette, lone, kim):
        await client.catch_up(state.seq)
    return Arena(server, monkeypatch, caplog, mette, lone, kim, lone_ids, copy.deepcopy(state))


async def close_all(arena: Arena) -> None:
    """Drop every client at once: a paused reader would stall a polite close."""
    for client in (arena.mette, arena.lone, arena.kim, *arena.extra):
        transport = client.ws.transport
        if transport is not None:
            transport.abort()
