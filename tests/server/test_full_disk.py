"""A log that cannot grow (a full disk) while a burst is held for one commit: nothing is
said that the log does not hold. Jobcenter Syd: Anne writes fast, Bo reads."""

from __future__ import annotations

import json
from typing import Any

from websockets.exceptions import ConnectionClosed

from server import model
from tests.realserver import Running
from tests.server.peer import Peer, join

PLAN = "Borgeren skal opleve én indgang til jobcentret og en plan, der holder. " * 6
BURST = 40


async def heard(peer: Peer, done: Any) -> list[dict[str, Any]]:
    """What `peer` hears until `done(everything so far)` or its connection closes."""
    messages: list[dict[str, Any]] = []
    try:
        while not done(messages):
            messages.append(await peer.next())
    except ConnectionClosed:
        pass
    return messages


def answered(ids: set[str]) -> Any:
    return lambda messages: ids <= {m.get("id") for m in messages if m["type"] in ("ack", "error")}


def reached(seq: int) -> Any:
    return lambda messages: any(m.get("seq") == seq for m in messages if m["type"] == "event")


async def test_a_full_log_acknowledges_nothing_it_does_not_hold(server: Running) -> None:
    """Statements past the last page the log may use: every ack Anne got and every event
    Bo heard is in the log as it was sent, the log has no gap, and the room in memory is
    the log's own replay."""
    anne = await join(server.url, server.code, "Anne", "Jobkonsulent")
    bo = await join(server.url, server.code, "Bo", "Sagsbehandler")
    await anne.ok("add_statement", text="Vi mødes med borgeren inden for en uge")
    conn = server.hub.store.conn
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    ids = {f"syd-{n}" for n in range(BURST)}
    for n in range(BURST):
        await anne.send({"type": "add_statement", "id": f"syd-{n}", "text": f"{PLAN}({n})"})
    to_anne = await heard(anne, answered(ids))
    stored = {row.seq: row for row in server.hub.store.events(server.code)}
    to_bo = await heard(bo, reached(max(stored)))
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert len(stored) < 3 + BURST, "the log never filled up: the test proves nothing"
    assert sorted(stored) == list(range(1, len(stored) + 1))
    for ack in [m for m in to_anne if m["type"] == "ack"]:
        assert stored[ack["seq"]].command_id == ack["id"]
    for event in [m for m in to_anne + to_bo if m["type"] == "event"]:
        assert json.loads(stored[event["seq"]].public) == event
    live = server.hub.sessions[server.code]
    assert model.replay(live.state.info, [row.event for row in stored.values()]) == live.state
