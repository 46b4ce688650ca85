"""Hostile input against the real server, one row per thing a participant can send.

Every row runs in Plejecenter Egebakken (tests/adversarial/arena.py): Kim, a participant,
sends the row's input; the test asserts the answer docs/protocol.md documents for it
(an error code, a close code, or the text as stored), then that Lone, a healthy
participant of the same session, can still write and tag, saw every event once and in
order, received no control character, lost none of her acked work, and holds exactly
the copy a fresh `hello` gives her. No row may reach the server's bug handler.
"""

from __future__ import annotations

import asyncio
import base64
import copy
import hashlib
import json
import logging
import random
import secrets
import socket
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed, InvalidStatus

from server import hub as hub_module
from server import model
from server import protocol as p
from server.hub import Hub
from server.room import Room
from tests.adversarial.arena import KIM_DRAFT, Arena, Other, unsafe_characters
from tests.adversarial.wire import Client, fresh, join, resume, same_view
from tests.realserver import Running, run_server

Act = Callable[[Arena], Awaitable[None]]


class Broken(bytes):
    """Bytes sent as a *text* frame: how a client sends invalid UTF-8."""


@dataclass(frozen=True)
class Fragments:
    """One text message sent as several WebSocket fragments."""

    parts: tuple[str, ...]


Frame = str | bytes | dict[str, Any] | Fragments
FrameOf = Frame | Callable[[Arena], Frame]


async def deliver(client: Client, frame: Frame) -> None:
    """Put one frame on the wire as it is, however wrong it is."""
    try:
        if isinstance(frame, Broken):
            await client.ws.send(bytes(frame), text=True)
        elif isinstance(frame, Fragments):
            await client.ws.send(iter(frame.parts))
        elif isinstance(frame, dict):
            await client.ws.send(json.dumps(frame, ensure_ascii=False))
        else:
            await client.ws.send(frame)
    except ConnectionClosed:
        pass  # the server may close before the whole frame is out; that is its answer


def other(arena: Arena) -> Other:
    assert arena.other is not None, "the row needs the second session"
    return arena.other


# --- kinds of rows -------------------------------------------------------------------


def refused(frame: FrameOf, code: str, echo: str | EllipsisType | None = ...) -> Act:
    """Kim's frame gets `error` `code` (echoing `echo` as id); nothing changes anywhere;
    Kim's connection stays open."""

    async def act(arena: Arena) -> None:
        kim = arena.kim
        mark = len(kim.received)
        await deliver(kim, frame(arena) if callable(frame) else frame)
        error = await kim.wait_for(lambda m: m["type"] == "error", since=mark)
        assert error["code"] == code, error
        assert isinstance(error["message"], str) and error["message"]
        if not isinstance(echo, EllipsisType):
            assert error["id"] == echo, error
        arena.unchanged()
        arena.other_unchanged()
        await arena.still_connected(kim)

    return act


def closes(close_code: int, frame: Frame) -> Act:
    """Kim's frame closes Kim's connection with `close_code`; nothing changes."""

    async def act(arena: Arena) -> None:
        kim = arena.kim
        await deliver(kim, frame)
        closed = await kim.until_closed()
        assert closed.code == close_code, closed
        arena.unchanged()
        await arena.dropped(kim)

    return act


def first_frame(frame: Frame, code: str) -> Act:
    """On a new connection, a first frame that is not a hello gets `code`; the
    connection stays usable (a lookup then names the session)."""

    async def act(arena: Arena) -> None:
        newcomer = await arena.connect()
        await deliver(newcomer, frame)
        error = await newcomer.wait_for(lambda m: m["type"] == "error")
        assert error["code"] == code, error
        lookup = {"type": "lookup", "id": "look", "protocol": 1, "code": arena.code}
        await newcomer.send_raw(json.dumps(lookup))
        info = await newcomer.wait_for(lambda m: m.get("id") == "look")
        assert info["type"] == "session_info", info
        arena.unchanged()

    return act


def hello_refused(fields: dict[str, Any] | Callable[[Arena], dict[str, Any]], code: str) -> Act:
    """A hello on a new connection is refused with `code`; nobody is added."""

    async def act(arena: Arena) -> None:
        newcomer = await arena.connect()
        given = fields(arena) if callable(fields) else fields
        answer = await newcomer.hello(**{"code": arena.code, **given})
        assert answer["type"] == "error" and answer["code"] == code, answer
        arena.unchanged()
        arena.other_unchanged()

    return act


def hello_closes(close_code: int, frame: str) -> Act:
    """A first frame (a hello) so big that the connection is closed with `close_code`."""

    async def act(arena: Arena) -> None:
        newcomer = await arena.connect()
        await deliver(newcomer, frame)
        closed = await newcomer.until_closed()
        assert closed.code == close_code, closed
        arena.unchanged()

    return act


def with_other(act: Act) -> Act:
    """Run `act` with Jobcenter Nord (the second session) set up on the same server."""

    async def run(arena: Arena) -> None:
        await arena.second_session()
        await act(arena)

    return run


# Where a text goes: the command that carries it, and how to read it back from the
# server's state and from the event another participant received.
Reader = Callable[[model.State, str], str | None]
Shown = Callable[[dict[str, Any]], str | None]
PLACES: dict[str, tuple[str, Callable[[str], dict[str, Any]], Reader, Shown]] = {
    "draft": (
        "propose_draft",
        lambda t: {"text": t},
        lambda s, i: s.drafts[i].text,
        lambda d: d["draft"]["text"],
    ),
    "statement": (
        "add_statement",
        lambda t: {"text": t},
        lambda s, i: s.statements[i].text,
        lambda d: d["statement"]["text"],
    ),
    "title": (
        "record_conflict",
        lambda t: {"title": t, "professions": ["Sygeplejerske"]},
        lambda s, i: s.conflicts[i].title,
        lambda d: d["conflict"]["title"],
    ),
    "description": (
        "record_conflict",
        lambda t: {"title": "Tid til samtale", "professions": ["Ergoterapeut"], "description": t},
        lambda s, i: s.conflicts[i].description,
        lambda d: d["conflict"]["description"],
    ),
    "profession": (
        "record_conflict",
        lambda t: {"title": "Hvem bader beboeren", "professions": [t]},
        lambda s, i: s.conflicts[i].professions[0],
        lambda d: d["conflict"]["professions"][0],
    ),
    "note": (
        "update_conflict",
        lambda t: {"conflict_id": "c1", "note": t},
        lambda s, i: s.conflicts[i].notes[-1],
        lambda d: d["conflict"]["notes"][-1],
    ),
}


def stored(place: str, text: str, expected: str) -> Act:
    """Kim's text is accepted and stored as `expected`; Lone receives exactly that."""

    async def act(arena: Arena) -> None:
        kind, fields, read, shown = PLACES[place]
        ack = await arena.kim.ok(kind, **fields(text))
        assert read(arena.state, str(ack["item_id"])) == expected
        event = await arena.lone.wait_for(lambda m: m["type"] == "event" and m["seq"] == ack["seq"])
        assert shown(event["data"]) == expected

    return act


def joins_as(name: str, expected: str) -> Act:
    """A newcomer's name is cleaned before anyone sees it."""

    async def act(arena: Arena) -> None:
        newcomer = await arena.connect()
        mark = len(arena.lone.received)
        answer = await newcomer.hello(arena.code, name=name, profession="Ergoterapeut")
        assert answer["type"] == "welcome", answer
        assert answer["participant"]["name"] == expected
        assert arena.state.participants[newcomer.pid].name == expected
        joined = await arena.lone.wait_for(
            lambda m: m["type"] == "event" and m["kind"] == "participant_joined", since=mark
        )
        assert joined["data"]["participant"]["name"] == expected

    return act


# --- scenarios -----------------------------------------------------------------------


async def same_id_twice(arena: Arena) -> None:
    """An acked id sent again, with other text, gets the same ack and changes nothing."""
    kim = arena.kim
    first = await kim.ok("propose_draft", id="kim-7", text="Beboeren bestemmer over sin dag")
    seq = arena.state.seq
    again = await kim.ok("propose_draft", id="kim-7", text="En helt anden tekst")
    assert again == first and arena.state.seq == seq
    texts = [d.text for d in arena.state.drafts.values()]
    assert texts.count("Beboeren bestemmer over sin dag") == 1
    assert "En helt anden tekst" not in texts


async def same_id_other_command(arena: Arena) -> None:
    """An acked id reused for a vote returns the old ack and casts no vote."""
    kim = arena.kim
    first = await kim.ok("add_statement", id="kim-8", text="Antal faldulykker pr. måned")
    seq = arena.state.seq
    again = await kim.ok("cast_vote", id="kim-8", draft_id="d2")
    assert again == first and arena.state.seq == seq
    assert kim.pid not in arena.state.rounds[0].votes


async def same_id_after_error(arena: Arena) -> None:
    """A refused command is not remembered: its id sent again is judged afresh."""
    kim = arena.kim
    assert await kim.refused("propose_draft", id="kim-9", text="ø" * 501) == "too_long"
    ack = await kim.ok("propose_draft", id="kim-9", text="Kortere og bedre")
    assert arena.state.drafts[ack["item_id"]].text == "Kortere og bedre"


async def someone_elses_id(arena: Arena) -> None:
    """Kim using Lone's command id is a new command of Kim's; Lone's ack stays hers."""
    kim, lone = arena.kim, arena.lone
    lones = next(m for m in lone.received if m["type"] == "ack" and m["id"] == arena.lone_ids[0])
    ack = await kim.ok("propose_draft", id=arena.lone_ids[0], text="Kims egen kladde")
    assert ack["seq"] != lones["seq"]
    assert arena.state.drafts[ack["item_id"]].author == kim.pid
    await lone.catch_up(ack["seq"])
    again = await lone.ok("propose_draft", id=arena.lone_ids[0], text="Lones tekst igen")
    assert again == lones


async def burst_of_duplicates(arena: Arena) -> None:
    """Twenty copies of one command sent at once: twenty identical acks, one draft."""
    kim = arena.kim
    mark = len(kim.received)
    for _ in range(20):
        await kim.send("propose_draft", id="kim-10", text="Tryghed hele døgnet")
    async with asyncio.timeout(8):
        while len([m for m in kim.received[mark:] if m.get("id") == "kim-10"]) < 20:
            await kim.recv()
    answers = [m for m in kim.received[mark:] if m.get("id") == "kim-10"]
    assert all(m == answers[0] for m in answers) and answers[0]["type"] == "ack"
    texts = [d.text for d in arena.state.drafts.values()]
    assert texts.count("Tryghed hele døgnet") == 1


async def second_dot_on_a_draft(arena: Arena) -> None:
    """A second dot on the same draft is vote_limit; the first stays, nothing else."""
    kim = arena.kim
    await kim.ok("cast_vote", draft_id="d2")
    seq = arena.state.seq
    assert await kim.refused("cast_vote", draft_id="d2") == "vote_limit"
    assert arena.state.seq == seq and arena.state.rounds[0].votes[kim.pid] == ["d2"]


async def more_dots_than_the_round(arena: Arena) -> None:
    """A third dot in a two-dot round is vote_limit."""
    kim = arena.kim
    await kim.ok("cast_vote", draft_id="d2")
    await kim.ok("cast_vote", draft_id="d3")
    seq = arena.state.seq
    assert await kim.refused("cast_vote", draft_id="d1") == "vote_limit"
    assert arena.state.seq == seq and arena.state.rounds[0].votes[kim.pid] == ["d2", "d3"]


async def propose_in_lones_name(arena: Arena) -> None:
    """Fields naming another participant are ignored: the draft is Kim's."""
    kim, lone = arena.kim, arena.lone
    ack = await kim.ok(
        "propose_draft",
        text="Kladde i Lones navn",
        actor=lone.pid,
        author=lone.pid,
        participant=lone.pid,
        participant_id=lone.pid,
    )
    assert arena.state.drafts[ack["item_id"]].author == kim.pid
    await lone.catch_up(ack["seq"])
    assert ack["item_id"] not in lone.mine.my_items


async def vote_in_lones_name(arena: Arena) -> None:
    """A vote with `actor` set to Lone is Kim's dot; Lone's dots are untouched."""
    kim, lone = arena.kim, arena.lone
    await kim.ok("cast_vote", draft_id="d2", actor=lone.pid, participant=lone.pid)
    votes = arena.state.rounds[0].votes
    assert votes[kim.pid] == ["d2"] and votes[lone.pid] == ["d1"]


async def tag_in_lones_name(arena: Arena) -> None:
    """A tag with `participant` set to Lone is Kim's tag; Lone's tag is untouched."""
    kim, lone = arena.kim, arena.lone
    await kim.ok("tag_statement", statement_id="s1", tag="output", participant=lone.pid)
    tags = arena.state.statements["s1"].tags
    assert tags[kim.pid] == "output" and tags[lone.pid] == "effect"


async def observer_writes_nothing(arena: Arena) -> None:
    """An observer is refused every command with forbidden, and nothing changes."""
    ole = await arena.connect()
    answer = await ole.hello(arena.code, name="Ole", role="observer")
    assert answer["participant"]["role"] == "observer" and not answer["participant"]["votes"]
    after_join = copy.deepcopy(arena.state)
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("propose_draft", {"text": "Observatørens kladde"}),
        ("add_statement", {"text": "Observatørens udsagn"}),
        ("cast_vote", {"draft_id": "d1"}),
        ("retract_vote", {"draft_id": "d1"}),
        ("tag_statement", {"statement_id": "s1", "tag": "output"}),
        ("record_conflict", {"title": "Observeret", "professions": ["Sygeplejerske"]}),
        ("update_conflict", {"conflict_id": "c1", "note": "Set udefra"}),
        ("set_phase", {"phase": "wrapup"}),
    ]
    for kind, fields in attempts:
        assert await ole.refused(kind, **fields) == "forbidden", kind
    assert arena.state == after_join


async def resume_as_facilitator(arena: Arena) -> None:
    """Kim's own token with role facilitator resumes him as a participant, no more."""
    kim = arena.kim
    again = await arena.connect()
    answer = await again.hello(
        arena.code,
        resume_token=kim.token,
        last_seq=0,
        role="facilitator",
        facilitator_key="gættet-nøgle",
    )
    assert answer["type"] == "welcome" and answer["participant"]["role"] == "participant"
    assert await again.refused("set_phase", phase="wrapup") == "forbidden"
    assert await again.refused("close_round") == "forbidden"
    arena.unchanged()


async def propose_with_other_sessions_code(arena: Arena) -> None:
    """A command naming another session's code acts in the sender's session only."""
    code = other(arena).code
    ack = await arena.kim.ok("propose_draft", text="Kladde til jobcentret", code=code, session=code)
    assert arena.state.drafts[ack["item_id"]].text == "Kladde til jobcentret"
    arena.other_unchanged()


async def suggestion_with_escapes(arena: Arena) -> None:
    """A lens suggestion id sent by a participant never carries control characters to
    anyone: it is refused, or stored clean."""
    answer = await arena.kim.command(
        "record_conflict",
        title="Fra linsen",
        professions=["Sygeplejerske"],
        suggestion="\x1b]0;hacket\x07\u202esplit-statement-s1\x1b[2J",
    )
    if answer["type"] == "ack":
        suggestion = arena.state.conflicts[answer["item_id"]].suggestion
        assert not unsafe_characters(suggestion), repr(suggestion)


async def command_id_with_escapes(arena: Arena) -> None:
    """A command id is echoed only to its sender, never to anyone else."""
    cid = "\x1b]0;hacket\x07\x1b[2J"
    ack = await arena.kim.ok("propose_draft", id=cid, text="Kladde med et mærkeligt id")
    assert ack["id"] == cid
    await arena.lone.catch_up(ack["seq"])
    assert not any(cid in json.dumps(m) for m in arena.lone.received)


async def command_flood(arena: Arena) -> None:
    """200 commands at once: acks, then rate_limited, then a close with 1008; every
    acked command is applied, no refused one is."""
    kim = arena.kim
    ids = [f"storm-{n}" for n in range(200)]
    for n, cid in enumerate(ids):
        try:
            await kim.send("propose_draft", id=cid, text=f"Hurtig kladde nummer {n}")
        except ConnectionClosed:
            break
    closed = await kim.until_closed()
    assert closed.code == 1008
    answers = {m["id"]: m for m in kim.received if m.get("id") in set(ids)}
    acked = [cid for cid, m in answers.items() if m["type"] == "ack"]
    limited = [m for m in answers.values() if m["type"] == "error"]
    assert acked and len(limited) > 60
    assert all(m["code"] == "rate_limited" and 0 < m["retry_after"] <= 1 for m in limited)
    mine = {d.text for d in arena.state.drafts.values() if d.author == kim.pid}
    assert mine - {KIM_DRAFT} == {f"Hurtig kladde nummer {ids.index(cid)}" for cid in acked}
    await arena.dropped(kim)


async def garbage_flood(arena: Arena) -> None:
    """300 binary frames at once: invalid, then rate_limited, then a close with 1008."""
    kim = arena.kim
    for _ in range(300):
        try:
            await kim.ws.send(b"\x00\x01 ikke tekst")
        except ConnectionClosed:
            break
    closed = await kim.until_closed()
    assert closed.code == 1008
    codes = [m["code"] for m in kim.errors()]
    assert "invalid" in codes and "rate_limited" in codes
    arena.unchanged()


def _random_code(rng: random.Random) -> str:
    return "".join(rng.choice(p.CROCKFORD) for _ in range(8))


def guesser(what: str) -> Act:
    """Ten failed joins from one address, then that address is slowed: at most one
    hello or lookup a second, the rest `rate_limited` with retry_after <= 1."""
    failure = {
        "code": "unknown_session",
        "token": "bad_resume_token",
        "key": "bad_facilitator_key",
        "lookup": "unknown_session",
    }[what]

    async def act(arena: Arena) -> None:
        rng = random.Random(what)
        guessing = await arena.connect()
        codes: list[str] = []
        for n in range(16):
            if what == "lookup":
                lookup = {"type": "lookup", "id": f"g{n}", "protocol": 1}
                await guessing.send_raw(json.dumps({**lookup, "code": _random_code(rng)}))
                answer = await guessing.wait_for(lambda m, n=n: m.get("id") == f"g{n}")
            elif what == "code":
                answer = await guessing.hello(_random_code(rng), name="Gæt", profession="Ukendt")
            elif what == "token":
                answer = await guessing.hello(arena.code, resume_token=secrets.token_urlsafe(16))
            else:
                key = secrets.token_urlsafe(16)
                answer = await guessing.hello(
                    arena.code,
                    name="Gæt",
                    profession="Leder",
                    role="facilitator",
                    facilitator_key=key,
                )
            assert answer["type"] == "error", answer
            if answer["code"] == "rate_limited":
                assert 0 < answer["retry_after"] <= 1
            codes.append(answer["code"])
        assert codes[:10] == [failure] * 10
        assert set(codes[10:]) <= {failure, "rate_limited"}
        assert codes[10:].count("rate_limited") >= 3
        arena.unchanged()

    return act


async def half_open_handshakes(arena: Arena) -> None:
    """500 TCP connections that never finish the HTTP upgrade: the server serves
    everyone else at normal speed, and drops them all after its 10 s open_timeout."""
    lone = arena.lone
    loop = asyncio.get_running_loop()
    opened: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        for n in range(500):
            reader, writer = await asyncio.open_connection("127.0.0.1", arena.server.port)
            if n % 2:  # half of them send half a request
                writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
            opened.append((reader, writer))
        started = loop.time()
        for n in range(5):
            before = loop.time()
            await lone.ok("add_statement", text=f"Målt under belastning {n}")
            assert loop.time() - before < 2.0
        newcomer = await arena.connect()
        welcome = await newcomer.hello(arena.code, name="Nadia", profession="Sygeplejerske")
        assert welcome["type"] == "welcome"
        # The open_timeout (10 s) ends every one of them, answered or not.
        async with asyncio.timeout(14 - (loop.time() - started)):
            for reader, _ in opened:
                try:
                    while await reader.read(65536):
                        pass
                except ConnectionError:
                    pass
    finally:
        for _, writer in opened:
            writer.close()


async def over_the_address_cap(arena: Arena) -> None:
    """Past the per-address cap (lowered to 6 here) an upgrade gets 503; closing
    connections frees their places again."""
    arena.monkeypatch.setattr(hub_module, "CONNECTIONS_PER_ADDRESS", 6)
    hub = arena.server.hub
    extra = [await Client.connect(arena.url) for _ in range(3)]
    async with asyncio.timeout(5):
        while hub.per_address.get("127.0.0.1", 0) < 6:
            await asyncio.sleep(0.01)
    with pytest.raises(InvalidStatus) as refused_upgrade:
        await connect(arena.url, open_timeout=5)
    assert refused_upgrade.value.response.status_code == 503
    for client in extra:
        await client.close()
    async with asyncio.timeout(5):
        while hub.per_address.get("127.0.0.1", 0) > 3:
            await asyncio.sleep(0.01)
    newcomer = await arena.connect()
    answer = await newcomer.hello(arena.code, name="Nanna", profession="Sygeplejerske")
    assert answer["type"] == "welcome", answer


def _noise(rng: random.Random, length: int) -> str:
    """Text that compresses badly, so every byte of it really goes over the wire."""
    return "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(length))


async def slow_laptop(running: Running, live: Room, name: str = "Sofie") -> Client:
    """A participant on a slow link who will stop reading: small socket buffers at both
    ends, no compression, and a client library that buffers a single message."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", running.port))
    sock.setblocking(False)
    client = await Client.connect(running.url, sock=sock, compression=None, max_queue=1)
    welcome = await client.hello(running.code, name=name, profession="Ergoterapeut")
    assert welcome["type"] == "welcome", welcome
    far_end = running.hub.sockets[live.connections[client.pid]].transport.get_extra_info("socket")
    far_end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    return client


async def stalled_reader(arena: Arena) -> None:
    """A participant who stops reading is cut off once its unsent output passes the
    bound (lowered to 16 KiB here); the others keep their pace, it resumes intact."""
    arena.monkeypatch.setattr(hub_module, "MAX_WRITE_BUFFER", 16 * 1024)
    lone, mette, live = arena.lone, arena.mette, arena.live
    sofie = await slow_laptop(arena.server, live)
    arena.extra.append(sofie)
    # Sofie reads nothing from here on, while Lone and Mette keep writing.
    rng = random.Random(7)
    loop = asyncio.get_running_loop()
    mark = len(lone.received)
    for n in range(40):
        writer = lone if n % 2 else mette
        before = loop.time()
        await writer.ok(
            "record_conflict",
            title=f"Konflikt {n}",
            professions=["Sygeplejerske"],
            description=_noise(rng, 2000),
        )
        assert loop.time() - before < 2.0
        if sofie.pid not in live.connections:
            break
    assert sofie.pid not in live.connections, "the stalled connection is still registered"
    await lone.wait_for(
        lambda m: m["type"] == "presence" and sofie.pid not in m["online"], since=mark
    )
    closed = await sofie.until_closed()
    assert closed.code is None  # dropped without a close frame (1006)
    back = await resume(sofie, arena.url, arena.code)
    arena.extra.append(back)
    await back.catch_up(arena.state.seq)
    assert back.gapless()
    assert same_view(back, await fresh(arena.url, arena.code, back.token))


# --- the table -----------------------------------------------------------------------

NOTE_OK = "Aftalt at tage det op på næste personalemøde"
FAC_ONLY: list[tuple[str, dict[str, Any]]] = [
    ("set_phase", {"phase": "voting"}),
    ("start_timer", {"seconds": 300, "label": "Summemøde"}),
    ("stop_timer", {}),
    ("open_round", {"dots": 3, "blind": True}),
    ("close_round", {}),
    ("finalize_draft", {"draft_id": "d1"}),
    ("classify_statement", {"statement_id": "s1", "tag": "output"}),
    ("remove_item", {"kind": "draft", "item_id": "d1", "reason": "Upassende"}),
    ("close_session", {}),
    ("reveal_split", {"statement_id": "s1"}),
    ("export", {"format": "json"}),
    ("dismiss_suggestion", {"suggestion_id": "x"}),
]
C0 = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A))
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def exact(text: str) -> str:
    return '{"type": "propose_draft", "id": "k-64", "text": "' + text + '"}'


PAD = 65536 - len(exact(""))

# Wrong types and values: each answered `invalid`, from a participant too.
WRONG_FIELDS: list[tuple[str, str, dict[str, Any]]] = [
    ("text-is-a-number", "propose_draft", {"text": 42}),
    ("text-is-null", "propose_draft", {"text": None}),
    ("text-is-a-list", "propose_draft", {"text": ["Tryghed"]}),
    ("text-is-an-object", "propose_draft", {"text": {"da": "Tryghed"}}),
    ("text-is-true", "add_statement", {"text": True}),
    ("draft-id-is-a-number", "cast_vote", {"draft_id": 1}),
    ("draft-id-is-null", "cast_vote", {"draft_id": None}),
    ("draft-id-is-a-list", "cast_vote", {"draft_id": ["d1"]}),
    ("draft-id-is-an-object", "retract_vote", {"draft_id": {"id": "d1"}}),
    ("tag-unknown", "tag_statement", {"statement_id": "s1", "tag": "både"}),
    ("tag-in-capitals", "tag_statement", {"statement_id": "s1", "tag": "OUTPUT"}),
    ("tag-is-a-number", "tag_statement", {"statement_id": "s1", "tag": 1}),
    ("professions-is-a-string", "record_conflict", {"title": "T", "professions": "Lærer"}),
    ("professions-empty", "record_conflict", {"title": "T", "professions": []}),
    ("profession-is-a-number", "record_conflict", {"title": "T", "professions": [7]}),
    ("profession-blank", "record_conflict", {"title": "T", "professions": [" \t"]}),
    (
        "refs-is-a-string",
        "record_conflict",
        {"title": "T", "professions": ["Lærer"], "refs": "d1"},
    ),
    (
        "ref-to-a-round",
        "record_conflict",
        {"title": "T", "professions": ["Lærer"], "refs": [{"kind": "round", "id": "r1"}]},
    ),
    (
        "ref-without-id",
        "record_conflict",
        {"title": "T", "professions": ["Lærer"], "refs": [{"kind": "draft"}]},
    ),
    ("status-unknown", "update_conflict", {"conflict_id": "c1", "status": "lukket"}),
    ("update-without-change", "update_conflict", {"conflict_id": "c1"}),
    ("note-is-a-number", "update_conflict", {"conflict_id": "c1", "note": 5}),
    ("dots-is-a-string", "open_round", {"dots": "3", "blind": False}),
    ("dots-is-a-float", "open_round", {"dots": 3.0, "blind": False}),
    ("dots-is-true", "open_round", {"dots": True, "blind": False}),
    ("dots-zero", "open_round", {"dots": 0, "blind": False}),
    ("dots-eleven", "open_round", {"dots": 11, "blind": False}),
    ("dots-huge", "open_round", {"dots": 10**30, "blind": False}),
    ("blind-missing", "open_round", {"dots": 3}),
    ("blind-is-a-string", "open_round", {"dots": 3, "blind": "ja"}),
    ("seconds-zero", "start_timer", {"seconds": 0}),
    ("seconds-over-two-hours", "start_timer", {"seconds": 7201}),
    ("seconds-negative", "start_timer", {"seconds": -5}),
    ("seconds-is-a-string", "start_timer", {"seconds": "300"}),
    ("phase-unknown", "set_phase", {"phase": "kaffepause"}),
    ("remove-a-participant", "remove_item", {"kind": "participant", "item_id": "p2"}),
]

# One character over each documented limit: `too_long`, judged before the role.
TOO_LONG: list[tuple[str, str, dict[str, Any]]] = [
    ("draft-501", "propose_draft", {"text": "ø" * 501}),
    ("statement-501", "add_statement", {"text": "å" * 501}),
    ("title-121", "record_conflict", {"title": "t" * 121, "professions": ["Lærer"]}),
    (
        "description-2001",
        "record_conflict",
        {"title": "T", "professions": ["Lærer"], "description": "d" * 2001},
    ),
    ("profession-61", "record_conflict", {"title": "T", "professions": ["p" * 61]}),
    ("note-2001", "update_conflict", {"conflict_id": "c1", "note": "n" * 2001}),
    ("label-61-before-role", "start_timer", {"seconds": 60, "label": "l" * 61}),
    (
        "reason-501-before-role",
        "remove_item",
        {"kind": "draft", "item_id": "d1", "reason": "r" * 501},
    ),
]

# Ids that exist only in Jobcenter Nord, used in Plejecenter Egebakken.
OTHER_SESSIONS_IDS: list[tuple[str, str, dict[str, Any]]] = [
    ("other-sessions-draft-vote", "cast_vote", {"draft_id": "d5"}),
    ("other-sessions-draft-revise", "revise_draft", {"draft_id": "d4", "text": "Ny"}),
    ("other-sessions-statement", "tag_statement", {"statement_id": "s3", "tag": "effect"}),
    ("other-sessions-conflict", "update_conflict", {"conflict_id": "c2", "note": NOTE_OK}),
    (
        "other-sessions-ref",
        "record_conflict",
        {"title": "T", "professions": ["Lærer"], "refs": [{"kind": "draft", "id": "d5"}]},
    ),
]

HOSTILE = [
    # Binary frames.
    pytest.param(
        refused(b'{"type": "propose_draft", "id": "b1", "text": "Binaer"}', "invalid"),
        id="binary-frame-with-a-command",
    ),
    pytest.param(refused(b"\x00\x01\x02\xff\xfe", "invalid"), id="binary-frame-of-noise"),
    # Invalid UTF-8 in a text frame.
    pytest.param(
        closes(1007, Broken(b'{"type": "add_statement", "id": "u1", "text": "\xff\xfe"}')),
        id="invalid-utf8",
    ),
    pytest.param(closes(1007, Broken(b'{"text": "\xc0\xaf"}')), id="utf8-overlong-slash"),
    pytest.param(closes(1007, Broken(b'{"text": "\xed\xa0\x80"}')), id="utf8-encoded-surrogate"),
    pytest.param(closes(1007, Broken(b'{"text": "\xf4\x90\x80\x80"}')), id="utf8-above-10ffff"),
    pytest.param(closes(1007, Broken(b'{"type": "x", "id": "\xc3')), id="utf8-cut-in-a-letter"),
    # Not JSON.
    pytest.param(refused("Hej, jeg hedder Kim", "invalid", None), id="not-json"),
    pytest.param(refused("", "invalid", None), id="empty-frame"),
    pytest.param(
        refused('{"type": "propose_draft", "id": "t1", "text": "Afbr', "invalid", None),
        id="truncated-json",
    ),
    pytest.param(refused("{'type': 'propose_draft'}", "invalid", None), id="single-quotes"),
    pytest.param(
        refused('{"type": "start_timer", "id": "n1", "seconds": NaN}', "invalid"), id="nan"
    ),
    pytest.param(
        refused('{"type": "propose_draft", "id": "g1", "text": "x"} mere', "invalid"),
        id="trailing-garbage",
    ),
    pytest.param(refused("[" * 5000 + "]" * 5000, "invalid", None), id="nested-5000-deep"),
    pytest.param(
        refused('{"type": "open_round", "id": "e1", "dots": 1e400}', "invalid"),
        id="number-out-of-range",
    ),
    pytest.param(
        refused('{"type": "propose_draft", "id": "s1", "text": "\\ud800"}', "invalid"),
        id="lone-surrogate-escape",
    ),
    # JSON arrays and scalars, and objects without a usable type.
    pytest.param(
        refused('[{"type": "propose_draft", "id": "a1", "text": "x"}]', "invalid", None),
        id="json-array",
    ),
    pytest.param(refused('"propose_draft"', "invalid", None), id="json-string"),
    pytest.param(refused("42", "invalid", None), id="json-number"),
    pytest.param(refused("null", "invalid", None), id="json-null"),
    pytest.param(refused("true", "invalid", None), id="json-true"),
    pytest.param(refused("{}", "invalid", None), id="empty-object"),
    pytest.param(
        refused({"id": "t6", "text": "Uden type"}, "invalid", "t6"),
        id="no-type",
    ),
    pytest.param(
        refused({"type": 7, "id": "t7"}, "invalid", "t7"),
        id="type-is-a-number",
    ),
    pytest.param(refused({"type": None, "id": "t8"}, "invalid", "t8"), id="type-is-null"),
    pytest.param(
        refused({"type": ["propose_draft"], "id": "t9"}, "invalid", "t9"),
        id="type-is-a-list",
    ),
    # Unknown types.
    pytest.param(refused({"type": "make_coffee", "id": "u1"}, "unknown_type", "u1"), id="unknown"),
    pytest.param(
        refused({"type": "PROPOSE_DRAFT", "id": "u2", "text": "x"}, "unknown_type", "u2"),
        id="type-in-capitals",
    ),
    pytest.param(
        refused({"type": "propose_draft ", "id": "u3", "text": "x"}, "unknown_type", "u3"),
        id="type-with-a-space",
    ),
    pytest.param(refused({"type": "", "id": "u4"}, "unknown_type", "u4"), id="type-empty"),
    pytest.param(refused({"type": "__init__", "id": "u5"}, "unknown_type", "u5"), id="dunder"),
    pytest.param(
        refused({"type": "ack", "id": "u6", "seq": 99, "item_id": "d1"}, "unknown_type", "u6"),
        id="server-message-type",
    ),
    pytest.param(
        refused({"type": "hello", "id": "u7", "protocol": 1, "code": "X"}, "invalid_state", "u7"),
        id="second-hello",
    ),
    pytest.param(
        refused({"type": "lookup", "id": "u8", "protocol": 1, "code": "X"}, "invalid_state", "u8"),
        id="lookup-after-welcome",
    ),
    # Wrong field types and values (from a participant: `invalid` comes before any
    # question of role, so a facilitator command with bad fields is `invalid` too).
    *[
        pytest.param(refused({"type": kind, "id": "w1", **fields}, "invalid", "w1"), id=name)
        for name, kind, fields in WRONG_FIELDS
    ],
    # Missing or unusable ids.
    pytest.param(
        refused({"type": "propose_draft", "text": "Uden id"}, "invalid", None), id="no-id"
    ),
    pytest.param(
        refused({"type": "propose_draft", "id": "", "text": "x"}, "invalid", None), id="id-empty"
    ),
    pytest.param(
        refused({"type": "propose_draft", "id": "i" * 65, "text": "x"}, "invalid", None),
        id="id-65-chars",
    ),
    pytest.param(
        refused({"type": "propose_draft", "id": 42, "text": "x"}, "invalid", None),
        id="id-is-a-number",
    ),
    pytest.param(
        refused({"type": "propose_draft", "id": None, "text": "x"}, "invalid", None),
        id="id-is-null",
    ),
    pytest.param(
        refused({"type": "propose_draft", "id": ["x"], "text": "x"}, "invalid", None),
        id="id-is-a-list",
    ),
    pytest.param(refused({"type": "cast_vote", "id": "m1"}, "invalid", "m1"), id="no-draft-id"),
    pytest.param(
        refused({"type": "tag_statement", "id": "m2", "tag": "output"}, "invalid", "m2"),
        id="no-statement-id",
    ),
    pytest.param(
        refused({"type": "update_conflict", "id": "m3", "note": NOTE_OK}, "invalid", "m3"),
        id="no-conflict-id",
    ),
    pytest.param(refused({"type": "propose_draft", "id": "m4"}, "invalid", "m4"), id="no-text"),
    # Big strings: over 64 KiB closes with 1009; under it, a long field is too_long.
    pytest.param(
        closes(1009, {"type": "propose_draft", "id": "big", "text": "x" * 100_000}),
        id="100kb-draft",
    ),
    pytest.param(
        closes(1009, {"type": "propose_draft", "id": "big", "text": "æ" * 50_000}),
        id="100kb-of-two-byte-letters",
    ),
    pytest.param(
        closes(
            1009,
            Fragments(
                ('{"type": "add_statement", "id": "f", "text": "', *(["y" * 10_000] * 10), '"}')
            ),
        ),
        id="100kb-in-fragments",
    ),
    pytest.param(
        closes(1009, '{"type": "stop_timer", "id": "pad"' + " " * 100_000 + "}"),
        id="100kb-of-whitespace",
    ),
    pytest.param(closes(1009, exact("z" * (PAD + 1))), id="64kib-plus-one-byte"),
    pytest.param(refused(exact("z" * PAD), "too_long", "k-64"), id="exactly-64kib"),
    pytest.param(
        refused({"type": "propose_draft", "id": "l1", "text": "x" * 60_000}, "too_long", "l1"),
        id="60kb-draft",
    ),
    *[
        pytest.param(refused({"type": kind, "id": "l2", **fields}, "too_long", "l2"), id=name)
        for name, kind, fields in TOO_LONG
    ],
    pytest.param(
        hello_refused({"name": "N" * 60_000, "profession": "Ergoterapeut"}, "too_long"),
        id="60kb-name",
    ),
    pytest.param(
        hello_closes(
            1009,
            json.dumps(
                {"type": "hello", "id": "h", "protocol": 1, "code": "X", "name": "N" * 100_000}
            ),
        ),
        id="100kb-name",
    ),
    # Every control and bidi class: removed before anything is stored or sent.
    pytest.param(
        stored("draft", "Tryg\x00hed\x01 og\x08 omsorg", "Tryghed og omsorg"), id="c0-nul-bs"
    ),
    pytest.param(stored("draft", "A" + C0 + "B", "AB"), id="c0-every-one"),
    pytest.param(stored("draft", "Tryghed\tog\tomsorg", "Tryghed og omsorg"), id="tab"),
    pytest.param(
        stored("draft", "Tryghed\nog omsorg", "Tryghed\nog omsorg"), id="lf-kept-in-draft"
    ),
    pytest.param(stored("title", "Bad\neller gåtur", "Badeller gåtur"), id="lf-gone-in-title"),
    pytest.param(
        stored("profession", "Syge\nplejerske", "Sygeplejerske"), id="lf-gone-in-profession"
    ),
    pytest.param(stored("statement", "Antal\r\nbade", "Antal\nbade"), id="crlf"),
    pytest.param(stored("draft", "Tryg\x0bhed\x0c", "Tryghed"), id="vt-ff"),
    pytest.param(
        stored("draft", "\x1b[2J\x1b[31mRød tekst\x1b[0m", "[2J[31mRød tekst[0m"), id="ansi-csi"
    ),
    pytest.param(
        stored(
            "note",
            "\x1b]8;;https://evil.example\x07Klik her\x1b]8;;\x07",
            "]8;;https://evil.exampleKlik her]8;;",
        ),
        id="osc8-hyperlink",
    ),
    pytest.param(
        stored("statement", "\x1b]52;c;cm0gLXJmIH4=\x07Kopiér", "]52;c;cm0gLXJmIH4=Kopiér"),
        id="osc52-clipboard",
    ),
    pytest.param(stored("title", "\x1b]0;Hacket\x07Titel", "]0;HacketTitel"), id="window-title"),
    pytest.param(stored("draft", "Tryg\x7fhed", "Tryghed"), id="del"),
    pytest.param(stored("draft", "Tryg\x85hed \x9b2J\x9d", "Tryghed 2J"), id="c1-nel-csi-osc"),
    pytest.param(stored("description", "A" + C1 + "B", "AB"), id="c1-every-one"),
    pytest.param(stored("draft", "Borger\u061cen", "Borgeren"), id="bidi-alm"),
    pytest.param(stored("draft", "\u200eBorger\u200fen", "Borgeren"), id="bidi-lrm-rlm"),
    pytest.param(
        stored("draft", "Godkendt\u202e ikke\u202c\u202a\u202b\u202d", "Godkendt ikke"),
        id="bidi-embeddings-overrides",
    ),
    pytest.param(
        stored("statement", "Beboer\u2066\u2067\u2068en\u2069", "Beboeren"), id="bidi-isolates"
    ),
    pytest.param(stored("note", "X" + BIDI + "Y", "XY"), id="bidi-every-one"),
    pytest.param(stored("draft", "A\u030arhus og Bo\u0308rge", "Århus og Börge"), id="nfc"),
    pytest.param(stored("draft", "  \n Tryghed \t \n", "Tryghed"), id="trimmed"),
    pytest.param(
        stored("draft", "ø" * 500 + "\u200e" * 5000, "ø" * 500), id="limit-counted-after-hygiene"
    ),
    pytest.param(
        stored("draft", "Tryg\u200bhed\u2028og\ufeffomsorg", "Tryg\u200bhed\u2028og\ufeffomsorg"),
        id="zero-width-and-line-separator-pass-documented",
    ),
    pytest.param(
        refused(
            {"type": "propose_draft", "id": "e1", "text": "\u202e\x1b\t\n\u200f"}, "invalid", "e1"
        ),
        id="only-controls-is-empty",
    ),
    pytest.param(joins_as("\x1b[31mKim\u202e\x07 ", "[31mKim"), id="name-with-controls"),
    # Markup: stored and sent literally.
    pytest.param(stored("draft", "[/]", "[/]"), id="markup-close-tag"),
    pytest.param(
        stored("draft", "[@click=app.quit]Afslut[/]", "[@click=app.quit]Afslut[/]"),
        id="markup-click-quit",
    ),
    pytest.param(
        stored(
            "statement",
            "[bold red]VIGTIGT[/bold red] [link=https://evil.example]klik[/link]",
            "[bold red]VIGTIGT[/bold red] [link=https://evil.example]klik[/link]",
        ),
        id="markup-style-and-link",
    ),
    pytest.param(
        stored(
            "title",
            "[reverse]Omvendt[/reverse] :smile: %s {{7*7}}",
            "[reverse]Omvendt[/reverse] :smile: %s {{7*7}}",
        ),
        id="markup-emoji-format-template",
    ),
    pytest.param(
        stored(
            "note",
            "<script>alert('hej')</script><b>fed</b>",
            "<script>alert('hej')</script><b>fed</b>",
        ),
        id="html",
    ),
    pytest.param(
        stored(
            "description",
            "# Overskrift\n**fed** _kursiv_ `kode`",
            "# Overskrift\n**fed** _kursiv_ `kode`",
        ),
        id="markdown",
    ),
    pytest.param(
        stored(
            "draft",
            '=HYPERLINK("https://evil.example";"Klik")',
            '=HYPERLINK("https://evil.example";"Klik")',
        ),
        id="spreadsheet-formula",
    ),
    pytest.param(
        stored("statement", "Robert'); DROP TABLE events;--", "Robert'); DROP TABLE events;--"),
        id="sql",
    ),
    pytest.param(
        joins_as("[@click=app.quit]Mette[/]", "[@click=app.quit]Mette[/]"), id="markup-name"
    ),
    # Duplicate ids.
    pytest.param(same_id_twice, id="duplicate-id"),
    pytest.param(same_id_other_command, id="duplicate-id-other-command"),
    pytest.param(same_id_after_error, id="duplicate-id-after-an-error"),
    pytest.param(someone_elses_id, id="duplicate-of-another-participants-id"),
    pytest.param(burst_of_duplicates, id="duplicate-id-twenty-at-once"),
    pytest.param(command_id_with_escapes, id="id-with-escape-sequences"),
    pytest.param(
        suggestion_with_escapes,
        id="lens-suggestion-id-with-escape-sequences",
    ),
    # Ids, codes, tokens and keys of another session (Jobcenter Nord).
    *[
        pytest.param(
            with_other(refused({"type": kind, "id": "o1", **fields}, "not_found", "o1")), id=name
        )
        for name, kind, fields in OTHER_SESSIONS_IDS
    ],
    pytest.param(
        with_other(
            refused(
                lambda a: {"type": "cast_vote", "id": "o2", "draft_id": f"{other(a).code}/d1"},
                "not_found",
                "o2",
            )
        ),
        id="other-sessions-code-in-an-id",
    ),
    pytest.param(with_other(propose_with_other_sessions_code), id="other-sessions-code-field"),
    pytest.param(
        with_other(
            hello_refused(
                lambda a: {"code": other(a).code, "resume_token": a.kim.token}, "bad_resume_token"
            )
        ),
        id="token-of-this-session-on-another",
    ),
    pytest.param(
        with_other(
            hello_refused(
                lambda a: {
                    "code": other(a).code,
                    "name": "Kim",
                    "profession": "Leder",
                    "role": "facilitator",
                    "facilitator_key": a.server.key,
                },
                "bad_facilitator_key",
            )
        ),
        id="key-of-this-session-on-another",
    ),
    pytest.param(
        with_other(
            hello_refused(
                lambda a: {
                    "name": "Kim",
                    "profession": "Leder",
                    "role": "facilitator",
                    "facilitator_key": other(a).key,
                },
                "bad_facilitator_key",
            )
        ),
        id="key-of-another-session-here",
    ),
    # Commands before hello.
    pytest.param(
        first_frame({"type": "propose_draft", "id": "f1", "text": "Før hej"}, "hello_required"),
        id="before-hello-propose",
    ),
    pytest.param(
        first_frame({"type": "close_session", "id": "f2"}, "hello_required"),
        id="before-hello-close-session",
    ),
    pytest.param(
        first_frame({"type": "welcome", "id": "f3", "protocol": 1}, "hello_required"),
        id="before-hello-a-welcome",
    ),
    pytest.param(first_frame(b'{"type": "hello"}', "invalid"), id="before-hello-binary"),
    pytest.param(first_frame("ikke json", "invalid"), id="before-hello-not-json"),
    pytest.param(
        first_frame({"type": "hello", "protocol": 1, "code": "X", "name": "A"}, "invalid"),
        id="hello-without-id",
    ),
    # Facilitator commands, other people's drafts and votes, and roles.
    *[
        pytest.param(
            refused({"type": kind, "id": "x1", **fields}, "forbidden", "x1"),
            id=f"participant-{kind}",
        )
        for kind, fields in FAC_ONLY
    ],
    pytest.param(
        refused(
            {"type": "revise_draft", "id": "r1", "draft_id": "d1", "text": "Min nu"},
            "forbidden",
            "r1",
        ),
        id="revise-someone-elses-draft",
    ),
    pytest.param(
        refused(
            {"type": "withdraw_draft", "id": "r2", "draft_id": "d1", "actor": "p2"},
            "forbidden",
            "r2",
        ),
        id="withdraw-someone-elses-draft-as-them",
    ),
    pytest.param(
        refused(
            {"type": "retract_vote", "id": "r3", "draft_id": "d1", "actor": "p2"},
            "invalid_state",
            "r3",
        ),
        id="retract-someone-elses-vote-as-them",
    ),
    pytest.param(second_dot_on_a_draft, id="vote-twice-for-a-draft"),
    pytest.param(more_dots_than_the_round, id="vote-beyond-the-rounds-dots"),
    pytest.param(propose_in_lones_name, id="propose-as-another-participant"),
    pytest.param(vote_in_lones_name, id="vote-as-another-participant"),
    pytest.param(tag_in_lones_name, id="tag-as-another-participant"),
    pytest.param(observer_writes_nothing, id="observer-writes-nothing"),
    pytest.param(resume_as_facilitator, id="resume-claiming-facilitator"),
    pytest.param(
        hello_refused(
            {"name": "Kim", "profession": "Leder", "role": "facilitator"}, "bad_facilitator_key"
        ),
        id="facilitator-without-key",
    ),
    pytest.param(
        hello_refused({"name": "Kim", "profession": "SSA", "votes": False}, "invalid"),
        id="participant-not-voting",
    ),
    pytest.param(
        hello_refused({"name": "Kim", "profession": "SSA", "role": "admin"}, "invalid"),
        id="role-admin",
    ),
    # Floods and guessing.
    pytest.param(command_flood, id="flood-of-commands"),
    pytest.param(garbage_flood, id="flood-of-binary-frames"),
    pytest.param(guesser("code"), id="guessing-join-codes"),
    pytest.param(guesser("lookup"), id="guessing-codes-by-lookup"),
    pytest.param(guesser("token"), id="guessing-resume-tokens"),
    pytest.param(guesser("key"), id="guessing-facilitator-keys"),
    # Connections.
    pytest.param(half_open_handshakes, id="500-half-open-handshakes"),
    pytest.param(over_the_address_cap, id="connections-over-the-address-cap"),
    pytest.param(stalled_reader, id="client-that-stops-reading"),
]


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_hostile_input(arena: Arena, hostile: Act) -> None:
    """The hostile input gets its documented answer and the healthy client loses nothing."""
    await hostile(arena)
    await arena.healthy_client_unharmed()
    arena.no_bug_path()


# --- beyond the table ----------------------------------------------------------------


def altered(secret: str) -> str:
    """The same secret with its first character changed: a near miss."""
    return ("B" if secret[0] != "B" else "C") + secret[1:]


async def test_secrets_are_128_random_bits_stored_hashed_and_never_logged(
    server: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """Keys and tokens carry 128 random bits; the database and the log hold no secret."""
    caplog.set_level(logging.DEBUG, logger="kerne")
    caplog.set_level(logging.INFO, logger="websockets")
    url, code = server.url, server.code
    mette = await join(url, code, "Mette", "Leder", role="facilitator", facilitator_key=server.key)
    lone = await join(url, code, "Lone", "Sygeplejerske")
    back = await resume(lone, url, code)
    assert back.token == lone.token
    guess = await Client.connect(url)
    wrong = await guess.hello(code, name="Kim", profession="Leder", role="facilitator",
                              facilitator_key=altered(server.key))  # fmt: skip
    assert wrong["code"] == "bad_facilitator_key"
    wrong = await guess.hello(code, resume_token=altered(str(lone.token)))
    assert wrong["code"] == "bad_resume_token"
    found = [server.key, str(mette.token), str(lone.token)]
    assert len(set(found)) == 3
    for secret in found:
        assert len(base64.urlsafe_b64decode(secret + "==")) == 16
    db = sqlite3.connect(server.db)
    dump = "\n".join(db.iterdump())
    for secret in found:
        assert secret not in dump
    digests = {row[0] for row in db.execute("SELECT token_hash FROM participants")}
    assert digests == {hashlib.sha256(t.encode()).hexdigest() for t in found[1:]}
    (key_hash,) = db.execute("SELECT key_hash FROM sessions").fetchone()
    assert key_hash == hashlib.sha256(server.key.encode()).hexdigest()
    db.close()
    logged = "\n".join(r.getMessage() + str(r.exc_text or "") for r in caplog.records)
    for secret in found:
        assert secret not in logged
    for client in (mette, back, guess):
        await client.close()


def on_a_real_network(original: Callable[..., Any]) -> Callable[..., Any]:
    """Hub.process_request, after giving the connection a send buffer as small as a
    Wi-Fi link has (loopback's is megabytes, which hides what a real network shows)."""

    def process_request(self: Hub, ws: Any, request: Any) -> Any:
        sock = ws.transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 32 * 1024)
        return original(self, ws, request)

    return process_request


def quick_timeouts(**timeouts: float) -> Callable[..., Any]:
    """`serve` with some of the server's timeouts shortened, so a test need not wait
    20 s for a keepalive; everything else is the real server."""

    def quick(*args: Any, **options: Any) -> Any:
        return serve(*args, **{**options, **timeouts})

    return quick


async def stall(running: Running, writer: Client, sofie: Client) -> None:
    """Writer adds conflicts until Sofie's unsent output passes websockets' own write
    limit (32 KiB), far below the hub's bound: writes to her are now paused."""
    rng = random.Random(3)
    live = running.hub.sessions[running.code]
    far_end = running.hub.sockets[live.connections[sofie.pid]]
    for n in range(30):
        await writer.ok(
            "record_conflict",
            title=f"Travlhed {n}",
            professions=["Sygeplejerske"],
            description=_noise(rng, 2000),
        )
        if far_end.transport.get_write_buffer_size() > 2**15:
            return
    raise AssertionError("could not fill the stalled connection's buffer")


async def test_reader_that_stalls_in_a_quiet_session_is_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader stalled in a quiet session is dropped once its keepalive is overdue."""
    # Keepalive, close timeout and watchdog round are shortened to 1 s each here.
    timeouts = {"ping_interval": 1.0, "ping_timeout": 1.0, "close_timeout": 1.0}
    monkeypatch.setattr(hub_module, "serve", quick_timeouts(**timeouts))
    monkeypatch.setattr(hub_module, "WATCHDOG_SECONDS", 1.0)
    running = await run_server(tmp_path)
    clients: list[Client] = []
    try:
        lone = await join(running.url, running.code, "Lone", "Sygeplejerske")
        live = running.hub.sessions[running.code]
        sofie = await slow_laptop(running, live)
        clients += [lone, sofie]
        await stall(running, lone, sofie)
        # Quiet from here on: nothing more is sent to anyone.
        async with asyncio.timeout(sum(timeouts.values()) + 2 * hub_module.WATCHDOG_SECONDS + 2):
            while sofie.pid in live.connections:
                await asyncio.sleep(0.05)
    finally:
        for client in clients:
            client.ws.transport.abort()
        await running.stop()


async def test_flooder_that_does_not_read_is_let_go_after_the_close_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flooder that does not read is let go after the close deadline, not kept."""
    # Close timeout and watchdog round are shortened to 1 s each here.
    monkeypatch.setattr(hub_module, "serve", quick_timeouts(close_timeout=1.0))
    monkeypatch.setattr(hub_module, "WATCHDOG_SECONDS", 1.0)
    running = await run_server(tmp_path)
    clients: list[Client] = []
    try:
        lone = await join(running.url, running.code, "Lone", "Sygeplejerske")
        live = running.hub.sessions[running.code]
        sofie = await slow_laptop(running, live)
        clients += [lone, sofie]
        await stall(running, lone, sofie)
        for n in range(200):
            await sofie.send("add_statement", text=f"Storm {n}")
        async with asyncio.timeout(1.0 + 2 * hub_module.WATCHDOG_SECONDS + 2):
            while sofie.pid in live.connections:
                await asyncio.sleep(0.05)
    finally:
        for client in clients:
            client.ws.transport.abort()
        await running.stop()


async def test_newcomer_gets_a_welcome_bigger_than_the_slow_reader_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A snapshot bigger than the slow-reader bound still reaches a newcomer who reads."""
    # The bound is lowered to 128 KiB here, and send buffers are as small as on Wi-Fi.
    monkeypatch.setattr(hub_module, "MAX_WRITE_BUFFER", 128 * 1024)
    monkeypatch.setattr(Hub, "process_request", on_a_real_network(Hub.process_request))
    running = await run_server(tmp_path)
    clients: list[Client] = []
    try:
        kim = await join(running.url, running.code, "Kim", "Social- og sundhedsassistent")
        clients.append(kim)
        rng = random.Random(11)
        for n in range(60):
            # Each conflict as big as the limits allow: 20 professions, a full description.
            professions = [_noise(rng, 60) for _ in range(20)]
            await kim.ok(
                "record_conflict",
                title=f"Alle mod alle {n}",
                professions=professions,
                description=_noise(rng, 2000),
            )
        nina = await Client.connect(running.url)
        clients.append(nina)
        answer = await nina.hello(running.code, name="Nina", profession="Sygeplejerske")
        assert answer["type"] == "welcome"
    finally:
        for client in clients:
            client.ws.transport.abort()
        await running.stop()


async def test_guesses_spread_over_many_addresses_meet_a_global_limit(server: Running) -> None:
    """After 1000 misses from 1000 addresses, a new guesser is slowed after one miss."""
    # The 1000 failures are recorded as the hub records them, from documentation addresses.
    now = time.monotonic()
    for n in range(1000):
        server.hub.rooms.join_guard.failed(f"2001:db8::{n:x}", now)  # documentation addresses
    rng = random.Random(5)
    guessing = await Client.connect(server.url)
    codes = []
    for _ in range(5):
        answer = await guessing.hello(_random_code(rng), name="Gæt", profession="Ukendt")
        codes.append(answer["code"])
    await guessing.close()
    assert "rate_limited" in codes
