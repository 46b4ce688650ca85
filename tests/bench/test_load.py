"""The load worker counts what a run caused, and only that.

A loaded machine delivers the joins' `participant_joined` late: the last one can still be
on its way to some clients when the run starts. Counted as a receipt, it ended a worker's
wait before the run's own last ack arrived, and the capacity smoke test reported a lost
ack and lost deliveries that the server had in fact sent (seen under two CPU burners).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time

import msgspec

from bench.load import Worker, _Client, room_key
from bench.wsclient import WsClient


def event(seq: int, kind: str) -> bytes:
    return msgspec.json.encode({"type": "event", "seq": seq, "kind": kind, "data": {}})


async def test_an_event_from_before_the_run_is_not_a_receipt() -> None:
    """The fourth nurse's join arrives after the run began: the worker keeps waiting
    for the statement it sent, its ack and its event, and counts only that event."""
    parent, child = multiprocessing.Pipe()
    worker = Worker(child, 0)
    welcome = {"type": "welcome", "seq": 3}
    nurse = WsClient("ws://127.0.0.1:9/", worker.on_text)  # never connected: sends vanish
    nurse.tag = _Client(room=0)
    worker.clients.append(nurse)
    worker.on_text(nurse, msgspec.json.encode(welcome), time.monotonic())
    now = time.monotonic()
    run = asyncio.create_task(
        worker.run(
            {
                "schedule": [(now, 0, 7, "statement", "")],
                "expected": 1,
                "deadline": now + 10.0,
                "floors": {0: 4},  # the room had reached seq 4 when the run began
            }
        )
    )
    await asyncio.sleep(0)  # the run has started recording
    worker.on_text(nurse, event(4, "participant_joined"), time.monotonic())
    assert not worker.done.is_set() and len(worker.keys) == 0
    ack = {"type": "ack", "id": "b7", "seq": 5, "item_id": "s1"}
    worker.on_text(nurse, msgspec.json.encode(ack), time.monotonic())
    worker.on_text(nurse, event(5, "statement_added"), time.monotonic())
    reply = await run
    assert list(reply["keys"]) == [room_key(0, 5)]
    assert reply["acks"][7][1] == room_key(0, 5)
    parent.close()
    child.close()
