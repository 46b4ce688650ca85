"""The baseline: a bare websockets relay that calls `broadcast()` for each text frame.

Every frame goes to every connection, the sender's too (kerne acks the sender and
broadcasts the event to everyone, the sender included). It listens with the same
`serve()` options as kerne's hub (frame size, queue, pings, and the library's default
permessage-deflate), so the difference between the two is kerne's own work: decoding,
rules, the SQLite commit, acks and per-client bookkeeping.

`python -m bench.relay --host 127.0.0.1 --port 0 --ready-file PATH [--no-deflate]`
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
from pathlib import Path

from websockets.asyncio.server import ServerConnection, broadcast, serve

CLIENTS: set[ServerConnection] = set()


async def relay(ws: ServerConnection) -> None:
    CLIENTS.add(ws)
    try:
        async for message in ws:
            if isinstance(message, str):
                broadcast(CLIENTS, message)
    except Exception:
        pass  # a dropped connection ends its handler; the others go on
    finally:
        CLIENTS.discard(ws)


async def main(host: str, port: int, ready_file: Path | None, deflate: bool = True) -> None:
    server = await serve(
        relay,
        host,
        port,
        max_size=64 * 1024,
        max_queue=16,
        open_timeout=10,
        ping_interval=20,
        ping_timeout=20,
        close_timeout=3,
        compression="deflate" if deflate else None,
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
        "--no-deflate", action="store_true", help="no permessage-deflate (the library's floor)"
    )
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(args.host, args.port, args.ready_file, not args.no_deflate))
