"""The first frame of a connection, without sockets: `Rooms.hello` on a real store.

Jobcenter Nord: Hanne (Jobkonsulent) joins from a laptop whose first welcome got lost.
Clients are the ids a hub gives its connections, in the order it accepts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from server import model
from server.room import Append, Close
from server.rooms import Rooms, create_session
from server.store import Store

NOW = "2026-11-28T10:15:00Z"
ROOM = "10.20.30.40"
JOIN_ID = "hV2q8Lx0T5r8Yc2VbN7hKw"


def jobcentre(tmp_path: Path) -> tuple[Rooms, str]:
    store = Store(tmp_path / "kerne.db")
    info = model.SessionInfo(code="", title="Jobcenter Nord: hvad skaber værdi for borgeren?")
    code, _key = create_session(store, info)
    return Rooms(store), code


def hello(code: str, cid: str = "hello", **fields: Any) -> str:
    return json.dumps({"type": "hello", "id": cid, "protocol": 1, "code": code, **fields})


def hanne(code: str, cid: str = "hello") -> str:
    return hello(code, cid, name="Hanne", profession="Jobkonsulent", join_id=JOIN_ID)


def answer(rooms: Rooms, client: int, frame: str, now: float = 0.0) -> dict[str, Any]:
    """The one frame a hello is answered with, committed as the hub would."""
    room, out = rooms.hello(client, ROOM, frame, NOW, now)
    if room is not None and isinstance(out.commit, Append):
        c = out.commit
        rooms.store.append(room.code, c.seq, c.event, c.public, c.command_id, None, c.token_hash)
    return dict(json.loads(next(s.frame for s in out.sends if client in s.to)))


def test_the_same_join_id_after_a_restart_seats_the_same_participant(tmp_path: Path) -> None:
    """The join id finds its participant in the store, so a restart forgets nothing."""
    rooms, code = jobcentre(tmp_path)
    first = answer(rooms, 1, hanne(code))
    restarted = Rooms(rooms.store)
    again = answer(restarted, 1, hanne(code, "hello-2"))
    assert again["type"] == "welcome" and again["id"] == "hello-2"
    assert again["participant"] == first["participant"]
    assert again["resume_token"] == first["resume_token"]
    assert len(restarted.sessions[code].state.participants) == 1


def test_a_hello_left_on_an_abandoned_connection_does_not_push_out_the_newer(
    tmp_path: Path,
) -> None:
    """The first hello, served after its retry, is refused rather than closing (4000) the
    newer connection that the client now uses."""
    rooms, code = jobcentre(tmp_path)
    assert answer(rooms, 2, hanne(code, "hello-2"))["type"] == "welcome"
    room, out = rooms.hello(1, ROOM, hanne(code, "hello-1"), NOW, 0.0)
    assert room is None and not out.closes
    assert json.loads(out.sends[0].frame)["code"] == "invalid_state"
    room, out = rooms.hello(3, ROOM, hanne(code, "hello-3"), NOW, 0.0)
    assert room is not None and out.closes == [Close(2, 4000, "replaced by a newer connection")]


def test_a_join_id_of_fewer_than_128_bits_is_refused(tmp_path: Path) -> None:
    """A join id is a secret: a short one is refused `invalid`, and nobody joins."""
    rooms, code = jobcentre(tmp_path)
    frame = hello(code, name="Hanne", profession="Jobkonsulent", join_id="hanne-1")
    refused = answer(rooms, 1, frame)
    assert (refused["type"], refused["code"]) == ("error", "invalid")
    room = rooms.load(code)
    assert room is not None and not room.state.participants
