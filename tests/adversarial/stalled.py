"""A kick-off day where most laptops stopped reading: the real server process, joined
connections that never read again, writers flooding within the rate limit, and one
participant who reads. What the server's memory does meanwhile (VmRSS) and whether the
reader still gets everything.

Used by `test_stalled_readers.py` (200 stalled); the issue's own scenario (800 stalled)
runs from the command line:

    .venv/bin/python -m tests.adversarial.stalled 800
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from websockets.client import ClientProtocol
from websockets.protocol import State
from websockets.uri import parse_uri

from server.model import MAX_CONFLICTS
from tests.adversarial.wire import Client, join
from tests.serverprocess import ServerProcess

WRITERS = 4  # each stays under the rate limit (30 a second): it waits for every answer
# Together exactly the session's cap on conflicts (server.model), so every one is acked.
CONFLICTS_PER_WRITER = MAX_CONFLICTS // WRITERS
PROFESSIONS = ["Jobkonsulent", "Socialrådgiver", "Sekretær", "Leder"]


def rss_mb(pid: int) -> float:
    """The process's resident memory (VmRSS) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def send_queues_mb(port: int) -> float:
    """What the kernel holds of the server's output: the send queues (`tx_queue`) of
    its connections on 127.0.0.1:`port`, in MB. Memory too, only not in its VmRSS."""
    total = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            total += int(fields[4].split(":")[0], 16)
    return total / 1024 / 1024


async def stalled_participant(url: str, code: str, name: str, profession: str) -> socket.socket:
    """A participant whose laptop says hello and then never reads again: the opening
    handshake, the hello, and from then on nothing is read (a 4 KB receive buffer)."""
    address = urlparse(url)
    assert address.hostname == "127.0.0.1" and address.port is not None
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    await loop.sock_connect(sock, (address.hostname, address.port))
    protocol = ClientProtocol(parse_uri(url))
    protocol.send_request(protocol.connect())
    for data in protocol.data_to_send():
        await loop.sock_sendall(sock, data)
    while protocol.state is State.CONNECTING:
        data = await loop.sock_recv(sock, 4096)
        assert data, "the server closed during the opening handshake"
        protocol.receive_data(data)
    assert protocol.state is State.OPEN, protocol.handshake_exc
    hello = {"type": "hello", "id": "h", "protocol": 1, "code": code}
    protocol.send_text(json.dumps({**hello, "name": name, "profession": profession}).encode())
    for data in protocol.data_to_send():
        await loop.sock_sendall(sock, data)
    return sock


@dataclass
class Outcome:
    stalled: int
    rss_before_mb: float  # with the reader and the writers joined, before the stalled
    rss_peak_mb: float  # the highest VmRSS seen from the first stalled join to the end
    held_peak_mb: float  # the highest VmRSS plus the kernel's send queues, at one moment
    acked: int
    last_seq: int
    reader_gapless: bool
    reader_lag_s: float  # from the last writer's last answer until the reader has it all
    cut: int  # connections the server cut for its output budget (4001)
    samples: list[tuple[float, float]] = field(default_factory=list)


async def sample_memory(
    pid: int, port: int, samples: list[tuple[float, float]], stop: asyncio.Event
) -> None:
    """The server's VmRSS and its kernel send queues, every 50 ms until `stop`."""
    while not stop.is_set():
        samples.append((rss_mb(pid), send_queues_mb(port)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)


async def keep_reading(client: Client) -> None:
    """Read (and fold) everything, as a participant's terminal does, until cancelled."""
    while True:
        await client.recv()


async def write_conflicts(writer: Client, number: int, rng: random.Random) -> int:
    """Record conflicts as fast as the answers come, waiting out `rate_limited` as a
    client does; returns how many were acked."""
    acked = 0
    for n in range(CONFLICTS_PER_WRITER):
        # 2000 characters that take 3 bytes each: every event is about 6 KB.
        text = "".join(chr(rng.randrange(0x4E00, 0x9FA0)) for _ in range(2000))
        cid = writer.next_id("record_conflict")
        while True:
            answer = await writer.command(
                "record_conflict",
                id=cid,
                title=f"Krav eller omsorg {number}.{n}",
                professions=["Jobkonsulent"],
                description=text,
            )
            if answer["type"] == "error" and answer["code"] == "rate_limited":
                await asyncio.sleep(float(answer["retry_after"]))
                continue
            break
        acked += answer["type"] == "ack"
    return acked


async def stalled_room(work: Path, stalled: int) -> Outcome:
    """Join a reader and the writers, then `stalled` connections that never read, then
    flood; returns what the server's memory did and what the reader got."""
    server = ServerProcess(work / "kerne.db", work / "ready.json", "--title", "Jobcenter Nord")
    sockets: list[socket.socket] = []
    clients: list[Client] = []
    try:
        info = await server.info()
        url, code, key = info["url"], info["code"], info["facilitator_key"]
        reader = await join(url, code, "Yasmin", "Socialrådgiver")
        writers = [await join(url, code, "Hanne", "Leder", role="facilitator", facilitator_key=key)]
        writers += [await join(url, code, f"Omar {n}", "Jobkonsulent") for n in range(1, WRITERS)]
        clients += [reader, *writers]
        rss_before = rss_mb(server.proc.pid)
        samples: list[tuple[float, float]] = []
        stop = asyncio.Event()
        port = urlparse(url).port
        assert port is not None
        sampler = asyncio.create_task(sample_memory(server.proc.pid, port, samples, stop))
        for start in range(0, stalled, 50):
            sockets += await asyncio.gather(
                *[
                    stalled_participant(url, code, f"Deltager {n}", PROFESSIONS[n % 4])
                    for n in range(start, min(stalled, start + 50))
                ]
            )
        # Everyone is seated once the reader has seen every join.
        joined = 1 + WRITERS + stalled
        await reader.wait_for(
            lambda m: m.get("kind") == "participant_joined" and m["seq"] == joined, timeout=30
        )
        reading = asyncio.create_task(keep_reading(reader))
        rng = random.Random(13)
        counts = await asyncio.gather(*[write_conflicts(w, n, rng) for n, w in enumerate(writers)])
        last = max(int(ack["seq"]) for writer in writers for ack in writer.acks.values())
        loop = asyncio.get_running_loop()
        finished = loop.time()
        async with asyncio.timeout(30):
            while reader.seq < last:
                await asyncio.sleep(0.01)
        lag = loop.time() - finished
        reading.cancel()
        stop.set()
        await sampler
        return Outcome(
            stalled,
            rss_before,
            max(rss for rss, _ in samples),
            max(rss + kernel for rss, kernel in samples),
            sum(counts),
            last,
            reader.gapless(),
            lag,
            server.stderr.count("cutting a connection too far behind"),
            samples,
        )
    finally:
        if __name__ == "__main__":
            print(server.stderr[-3000:])
        for client in clients:
            if client.ws.transport is not None:
                client.ws.transport.abort()
        for sock in sockets:
            sock.close()
        server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.adversarial.stalled")
    parser.add_argument("stalled", type=int, nargs="?", default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outcome = asyncio.run(stalled_room(Path(tmp), args.stalled))
    print(
        f"{outcome.stalled} stalled connections, {outcome.acked} conflicts of about 6 KB "
        f"acked: server RSS {outcome.rss_before_mb:.0f} MB before, peak "
        f"{outcome.rss_peak_mb:.0f} MB, with the kernel's send queues at most "
        f"{outcome.held_peak_mb:.0f} MB; the reader had every event (gapless: "
        f"{outcome.reader_gapless}) {outcome.reader_lag_s * 1000:.0f} ms after the last answer"
    )


if __name__ == "__main__":
    main()
