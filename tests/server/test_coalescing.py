"""What leaves the server's outbox on the wire: a burst reaches the others as few
frames, and each connection still hears everything in order, its ack just before its
own event. Skovbrynets Skole: Anne writes, Bo reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from websockets.frames import Frame, Opcode
from websockets.protocol import Protocol, Side

from server.hub import text_frame
from tests.realserver import Running
from tests.server.peer import join

STATEMENTS = [f"Eleverne tager ansvar for egen læring ({n})" for n in range(1, 11)]


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536, 200_000])
def test_a_frame_made_once_is_what_websockets_writes_on_each_connection(size: int) -> None:
    """The hub's one text frame equals the bytes websockets' own send_text writes."""
    data = ("æ" * size).encode()[:size]
    protocol = Protocol(Side.SERVER)
    protocol.send_text(data)
    assert protocol.data_to_send() == [text_frame(data)]
    assert Frame(Opcode.TEXT, data).serialize(mask=False, extensions=[]) == text_frame(data)


def events_in(frame: dict[str, Any]) -> list[dict[str, Any]]:
    if frame["type"] == "events":
        return list(frame["events"])
    return [frame] if frame["type"] == "event" else []


async def test_a_burst_reaches_the_others_as_one_batch_in_order(server: Running) -> None:
    """Ten statements sent at once: the reader gets them in order in fewer frames; the
    sender gets each ack just before its own event."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    bo = await join(server.url, server.code, "Bo", "Pædagog")
    for n, text in enumerate(STATEMENTS):
        await anne.send({"type": "add_statement", "id": f"anne-{n}", "text": text})
    carrying: list[list[dict[str, Any]]] = []  # the events of each frame that had any
    while sum(map(len, carrying)) < len(STATEMENTS):
        frame = json.loads(await bo.ws.recv())
        if events_in(frame):
            carrying.append(events_in(frame))
    assert len(carrying) < len(STATEMENTS)
    assert [e["seq"] for frame in carrying for e in frame] == list(range(3, 13))
    heard: list[tuple[str, int]] = []
    while len(heard) < 1 + 2 * len(STATEMENTS):
        message = await anne.next()
        if message["type"] in ("ack", "event"):
            heard.append((str(message["type"]), int(message["seq"])))
    assert heard == [("event", 2)] + [
        (kind, seq) for seq in range(3, 13) for kind in ("ack", "event")
    ]
