"""The baselines: a bare websockets relay, one frame per message or batched.

Both listen with the same `serve()` options as kerne's hub (frame size, queue, pings,
`compression=None`, the listening backlog), so what separates them from kerne is kerne's
own work: decoding, rules, the SQLite commit, acks and per-client bookkeeping.
Connections are grouped in rooms by the request path (`/room/7`), as kerne groups them in
sessions; a message goes to everyone in its room, the sender too (kerne acks the sender
and broadcasts to all).

* one frame per message (the baseline): `broadcast()` of each text frame as it arrives;
* batching (the limit, `--batch 0.02`): what arrives within one turn of the loop is sent
  on the next turn as ONE frame, `{"type":"events","events":[...]}` like kerne's own
  batch, encoded once and written to every connection of the room. Under load a room
  flushes at most once per interval, so a message waits at most that long (20 ms, the
  protocol's bound) and a burst costs one write per connection per interval, not one
  per message.

`python -m bench.relay --host 127.0.0.1 --port 0 --ready-file PATH [--batch S] [--deflate]`
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.server import ServerConnection, broadcast, serve

from server.limits import LISTEN_BACKLOG

BATCH_INTERVAL = 0.02  # seconds: PROTOCOL.md holds no event back longer than this


def batch_frame(messages: list[str]) -> str:
    """Several messages (JSON objects) as one frame shaped like kerne's `events` batch."""
    return '{"type":"events","events":[' + ",".join(messages) + "]}"


def flush_delay(now: float, last_flush: float, interval: float) -> float:
    """How long a room's first pending message waits: not at all (the next turn of the
    loop) unless the room flushed less than `interval` ago; then until that has passed."""
    return max(0.0, last_flush + interval - now)


@dataclass(eq=False)
class Room:
    """Everyone connected on one path, and (batching) what waits to go to them."""

    members: set[ServerConnection] = field(default_factory=set)
    pending: list[str] = field(default_factory=list)
    due: bool = False
    last_flush: float = float("-inf")


class Relay:
    """The handler of either relay; `interval` None sends one frame per message."""

    def __init__(self, interval: float | None) -> None:
        self.interval = interval
        self.rooms: dict[str, Room] = {}

    async def handler(self, ws: ServerConnection) -> None:
        path = ws.request.path if ws.request is not None else "/"
        room = self.rooms.setdefault(path, Room())
        room.members.add(ws)
        try:
            async for message in ws:
                if not isinstance(message, str):
                    continue
                if self.interval is None:
                    broadcast(room.members, message)
                else:
                    room.pending.append(message)
                    self.schedule(room, self.interval)
        except Exception:
            pass  # a dropped connection ends its handler; the others go on
        finally:
            room.members.discard(ws)
            if not room.members and not room.pending:
                self.rooms.pop(path, None)

    def schedule(self, room: Room, interval: float) -> None:
        if room.due:
            return
        room.due = True
        loop = asyncio.get_running_loop()
        delay = flush_delay(loop.time(), room.last_flush, interval)
        if delay <= 0.0:
            loop.call_soon(self.flush, room)
        else:
            loop.call_later(delay, self.flush, room)

    def flush(self, room: Room) -> None:
        room.due = False
        room.last_flush = asyncio.get_running_loop().time()
        messages, room.pending = room.pending, []
        if messages:
            broadcast(room.members, batch_frame(messages))


async def main(
    host: str,
    port: int,
    ready_file: Path | None,
    *,
    batch: float | None = None,
    deflate: bool = False,
) -> None:
    relay = Relay(batch)
    server = await serve(
        relay.handler,
        host,
        port,
        max_size=64 * 1024,
        max_queue=16,
        open_timeout=10,
        ping_interval=20,
        ping_timeout=20,
        close_timeout=3,
        compression="deflate" if deflate else None,
        backlog=LISTEN_BACKLOG,
    )
    bound = next(iter(server.sockets)).getsockname()[1]
    if ready_file is not None:
        ready_file.write_text(json.dumps({"url": f"ws://{host}:{bound}", "pid": os.getpid()}))
    loop = asyncio.get_running_loop()
    stop: asyncio.Future[None] = loop.create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set_result, None)
    async with server:
        await stop


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.relay")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file", type=Path)
    parser.add_argument(
        "--batch",
        type=float,
        metavar="SECONDS",
        help=f"batch per room, flushing at most once per SECONDS (the limit: {BATCH_INTERVAL})",
    )
    parser.add_argument(
        "--deflate", action="store_true", help="permessage-deflate (kerne serves without it)"
    )
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            main(args.host, args.port, args.ready_file, batch=args.batch, deflate=args.deflate)
        )
