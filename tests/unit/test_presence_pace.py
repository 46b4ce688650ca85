"""Presence in a big room: paced by the size of the room, and always the exact list of who
is connected, sorted by number, however people arrive, leave and come back.

Jobcenter Nord's kick-off day: job consultants and social workers joining on clients that
the hub would number; some leave, some come back on a new connection.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from server import model
from server import protocol as p
from server.room import PRESENCE_DELAY, Output, Room, _id_order, presence_delay
from server.tokens import digest

NOW = "2026-11-28T10:15:00Z"


def jobcenter() -> Room:
    info = model.SessionInfo(
        code="K7QXM2PA",
        title="Jobcenter Nord: kick-off for hele centret",
        professions=["Jobkonsulent", "Socialrådgiver"],
    )
    return Room(model.new_state(info), digest("Wq3m9Lx0T5r8Yc2VbN7hKg"))


def presence_in(out: Output) -> list[str]:
    frames = [json.loads(send.frame) for send in out.sends]
    return [str(pid) for pid in [f for f in frames if f["type"] == "presence"][-1]["online"]]


def test_presence_waits_longer_only_in_a_big_room() -> None:
    """Up to 150 online the room hears presence within 50 ms; 1000 online, within 2 s."""
    assert presence_delay(1) == presence_delay(150) == PRESENCE_DELAY
    assert presence_delay(500) == 0.5
    assert presence_delay(1000) == 2.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["join", "leave", "back"]), st.integers(0, 30))))
def test_presence_is_everyone_connected_sorted_by_number(steps: list[tuple[str, int]]) -> None:
    """After any arrivals, departures and returns, every presence lists exactly who is
    connected, p2 before p10."""
    room = jobcenter()
    clients = iter(range(1, 10_000))
    tokens: dict[str, str] = {}
    gone: list[str] = []
    for kind, pick in steps:
        if kind == "join":
            client, token = next(clients), f"token-{len(tokens)}"
            name = f"Deltager {len(tokens)}"
            hello = p.Hello("h", 1, "K7QX-M2PA", name=name, profession="Jobkonsulent")
            out = room.hello(client, hello, None, token, NOW)
            tokens[str(room.seats[client].participant.id)] = token
        elif kind == "leave" and room.connections:
            pid = sorted(room.connections)[pick % len(room.connections)]
            room.leave(room.connections[pid])
            gone.append(pid)
            out = room.due("presence")
        elif kind == "back" and gone:
            pid = gone.pop(pick % len(gone))
            hello = p.Hello("h", 1, "K7QX-M2PA", resume_token=tokens[pid])
            out = room.hello(next(clients), hello, pid, "unused", NOW)
        else:
            continue
        expected = sorted(room.connections, key=_id_order)
        if expected:
            assert presence_in(out) == expected
