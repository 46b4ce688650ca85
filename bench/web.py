"""The web client's costs: the page's weight, and a room where most join from a browser.

    python -m bench.web [--web 200] [--terminal 100] [--commands 30] [--out DIR]

1. Page weight: every byte a phone loads from the server to show the join page (the
   HTML, its style sheet, icon and JavaScript modules, and the words of the language it shows).
2. Protocol load: `--web` simulated browsers each load the page over HTTP exactly as
   the page does (every file, one request each) and then join over the WebSocket with a
   `join_id`, as `server/web/link.js` does; beside them `--terminal` clients join as
   `kerne-tui` does. A facilitator then adds `--commands` statements one after another;
   for each, the fan-out is the time from sending it until the last of all clients has
   the event. Simulated, not real browsers: the server cannot tell the difference, and
   a real browser per participant would measure this machine, not the server.

Everything talks to 127.0.0.1 only (bench.proc). Results go to DIR/web.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.proc import HOST, Served, start_kerne
from bench.stats import ms, percentile
from bench.wsclient import WsClient, open_client

# What index.html and its modules load, in the order a browser asks for them.
PAGE_FILES = (
    "/j/{code}",
    "/static/style.css",
    "/static/favicon.svg",
    "/static/app.js",
    "/static/fold.js",
    "/static/link.js",
    "/static/words.js",
    "/static/dom.js",
    "/static/actions.js",
    "/static/rating.js",
    "/catalog/da.json",
)


async def http_get(port: int, path: str) -> bytes:
    """One GET as a browser sends it; the server answers and closes."""
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"GET {path}: {head[:40]!r}")
    return body


async def page_weight(port: int, code: str) -> dict[str, int]:
    return {
        path.format(code=code): len(await http_get(port, path.format(code=code)))
        for path in PAGE_FILES
    }


class Room:
    """Every client's inbox of event seqs, with the time each arrived."""

    def __init__(self) -> None:
        self.arrived: dict[int, dict[int, float]] = {}  # seq -> client index -> stamp
        self.welcomed: dict[int, asyncio.Future[None]] = {}

    def on_text(self, client: WsClient, payload: bytes, stamp: float) -> None:
        message = json.loads(payload)
        kind = message.get("type")
        if kind == "welcome":
            self.welcomed[client.index].set_result(None)
        elif kind == "event":
            self.arrived.setdefault(message["seq"], {})[client.index] = stamp


async def join(room: Room, url: str, code: str, index: int, hello: dict[str, Any]) -> WsClient:
    room.welcomed[index] = asyncio.get_running_loop().create_future()
    client = await open_client(url, room.on_text, compression=False)
    client.index = index
    message = {"type": "hello", "id": f"h{index}", "protocol": 1, "code": code, **hello}
    client.send_text(json.dumps(message).encode())
    await room.welcomed[index]
    return client


async def web_participant(room: Room, served: Served, port: int, index: int) -> WsClient:
    for path in PAGE_FILES:
        await http_get(port, path.format(code=served.code))
    hello = {
        "name": f"Telefon {index}",
        "profession": "Social- og sundhedsassistent",
        "join_id": secrets.token_urlsafe(16),
    }
    return await join(room, served.url, served.code, index, hello)


async def measure(served: Served, web: int, terminal: int, commands: int) -> dict[str, Any]:
    port = int(served.url.rsplit(":", 1)[1])
    weight = await page_weight(port, served.code)
    room = Room()
    started = time.monotonic()
    phones = await asyncio.gather(*(web_participant(room, served, port, i) for i in range(web)))
    web_seconds = time.monotonic() - started
    laptops = [
        await join(
            room, served.url, served.code, web + i, {"name": f"PC {i}", "profession": "Lærer"}
        )
        for i in range(terminal)
    ]
    facilitator = await join(
        room,
        served.url,
        served.code,
        web + terminal,
        {
            "name": "Mette",
            "profession": "Leder",
            "role": "facilitator",
            "facilitator_key": served.key,
            "votes": False,
        },
    )
    everyone = web + terminal + 1
    fanout: list[float] = []
    cpu_before = served.cpu()
    for n in range(commands):
        sent = time.monotonic()
        before = set(room.arrived)
        facilitator.send_text(
            json.dumps({"type": "add_statement", "id": f"s{n}", "text": f"Udsagn {n}"}).encode()
        )
        while True:
            await asyncio.sleep(0.005)
            fresh = [s for s in room.arrived if s not in before]
            if fresh and len(room.arrived[fresh[0]]) == everyone:
                fanout.append(max(room.arrived[fresh[0]].values()) - sent)
                break
    cpu = served.cpu() - cpu_before
    for client in [*phones, *laptops, facilitator]:
        client.abort()
    return {
        "page_files": weight,
        "page_bytes": sum(weight.values()),
        "web_clients": web,
        "terminal_clients": terminal,
        "web_joins_seconds": round(web_seconds, 3),
        "fanout_ms": {
            q: ms(percentile(fanout, float(q.removeprefix("p")))) for q in ("p50", "p95", "p99")
        }
        | {"max": ms(max(fanout) if fanout else None)},
        "server_cpu_seconds_for_commands": round(cpu, 3),
        "server_rss_kb": served.rss(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__)
    parser.add_argument("--web", type=int, default=200)
    parser.add_argument("--terminal", type=int, default=100)
    parser.add_argument("--commands", type=int, default=30)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "kerne-bench" / "web"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with start_kerne(args.out, "web") as served:
        result = asyncio.run(measure(served, args.web, args.terminal, args.commands))
    (args.out / "web.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
